import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { rpc } from './test-clients.js';
import { DDOS_DOMAINS, SECURITY_ROOT, SECURITY_UID, securityWorld } from './security-world.js';

/** Anti-DDoS, WAF 3.0 and Cloud Firewall through the official pop-core RPCClient. */
type Obj = Record<string, any>;
const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: Obj) => e);
const MAINLAND = { RegionId: 'cn-hangzhou' };
const INTL = { RegionId: 'ap-southeast-1' };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ world: securityWorld() });
});
afterAll(() => emu.close());

describe('Anti-DDoS (ddoscoo 2020-01-01)', () => {
  it('pages DescribeWebAccessLogDispatchStatus (default 10) with a bare SlsConfigStatus array', async () => {
    const ddos = rpc(emu.url, 'ddoscoo', SECURITY_ROOT);
    const first = await ddos.request<Obj>('DescribeWebAccessLogDispatchStatus', MAINLAND);
    expect(first.TotalCount).toBe(60);
    expect(first.SlsConfigStatus).toEqual(DDOS_DOMAINS.slice(0, 10));
    const last = await ddos.request<Obj>('DescribeWebAccessLogDispatchStatus', { ...MAINLAND, PageNumber: 2, PageSize: 50 });
    expect(last.SlsConfigStatus.map((d: Obj) => d.Domain)).toEqual(DDOS_DOMAINS.slice(50).map((d) => d.Domain));
    expect(first.SlsConfigStatus[7]).toEqual({ Domain: 'www-7.example.com', Enable: false });
  });

  it('answers a site where nothing was bought with no websites and no authorization', async () => {
    const ddos = rpc(emu.url, 'ddoscoo', SECURITY_ROOT);
    expect(await ddos.request<Obj>('DescribeWebAccessLogDispatchStatus', INTL)).toMatchObject({ TotalCount: 0, SlsConfigStatus: [] });
    expect((await ddos.request<Obj>('DescribeSlsAuthStatus', INTL)).SlsAuthStatus).toBe(false);
    expect((await ddos.request<Obj>('DescribeSlsAuthStatus', MAINLAND)).SlsAuthStatus).toBe(true);
  });
});

describe('WAF 3.0 (waf-openapi 2021-10-01)', () => {
  it('DescribeInstance returns the instance, or no InstanceId where none was bought', async () => {
    const waf = rpc(emu.url, 'waf', SECURITY_ROOT);
    expect(await waf.request<Obj>('DescribeInstance', MAINLAND)).toMatchObject({ InstanceId: 'waf_v3prepaid_public_cn-sec1', Status: 1, Edition: 'ultimate' });
    const none = await waf.request<Obj>('DescribeInstance', INTL);
    expect(none.InstanceId).toBeUndefined();
    expect(Object.keys(none)).toEqual(['RequestId']);
  });

  it('reports the log service and per-object log switches; rejects a wrong instance and missing Resources', async () => {
    const waf = rpc(emu.url, 'waf', SECURITY_ROOT);
    const InstanceId = 'waf_v3prepaid_public_cn-sec1';
    expect(await waf.request<Obj>('DescribeUserWafLogStatus', { ...MAINLAND, InstanceId })).toMatchObject({ LogStatus: 'normal', LogRegionId: 'cn-hangzhou' });
    const page = await waf.request<Obj>('DescribeDefenseResources', { ...MAINLAND, InstanceId, PageNumber: 3, PageSize: 10 });
    expect(page.TotalCount).toBe(25);
    expect(page.Resources.map((r: Obj) => r.Resource)).toEqual(['alb-20', 'alb-21', 'alb-22', 'alb-23', 'alb-24']);
    // The emulator's side-car never leaks into the API object.
    expect(page.Resources[0]).not.toHaveProperty('ResourceLogStatus');
    const status = await waf.request<Obj>('DescribeResourceLogStatus', { ...MAINLAND, InstanceId, Resources: 'alb-2,alb-3,alb-nope' });
    expect(status.Result).toEqual([{ Resource: 'alb-2', Status: true }, { Resource: 'alb-3', Status: false }]);
    expect((await err(waf.request('DescribeResourceLogStatus', { ...MAINLAND, InstanceId }))).code).toBe('MissingParameter');
    expect((await err(waf.request('DescribeUserWafLogStatus', { ...INTL, InstanceId }))).code).toBe('InvalidParameter.InstanceId');
  });
});

describe('WAF 2.0 (waf-openapi 2019-09-10)', () => {
  it('DescribeInstanceInfo answers PayType 0 unless the site has a legacy instance', async () => {
    const waf2 = rpc(emu.url, 'waf2', SECURITY_ROOT);
    expect((await waf2.request<Obj>('DescribeInstanceInfo', MAINLAND)).InstanceInfo).toEqual({ PayType: 0 });
    const world = securityWorld();
    world.waf!['ap-southeast-1'] = { legacyInstance: { PayType: 1, InstanceId: 'waf-int-legacy01', Version: 'version_pro_asia', Status: 1 } };
    const other = await startEmulator({ world });
    try {
      const info = (await rpc(other.url, 'waf2', SECURITY_ROOT).request<Obj>('DescribeInstanceInfo', INTL)).InstanceInfo;
      expect(info).toMatchObject({ PayType: 1, InstanceId: 'waf-int-legacy01' });
    } finally {
      await other.close();
    }
  });
});

describe('Cloud Firewall (cloudfw 2017-12-07)', () => {
  it('DescribeUserBuyVersion: the instance, or InstanceStatus free where none was bought', async () => {
    const cfw = rpc(emu.url, 'cloudfw', SECURITY_ROOT);
    const buy = await cfw.request<Obj>('DescribeUserBuyVersion', MAINLAND);
    expect(buy).toMatchObject({ InstanceId: 'vipcloudfw-cn-sec1', Version: 3, UserStatus: true, InstanceStatus: 'normal' });
    // pop-core's JSON parser keeps big integers as strings.
    expect(String(buy.AliUid)).toBe(SECURITY_UID);
    expect(await cfw.request<Obj>('DescribeUserBuyVersion', INTL)).toMatchObject({ UserStatus: false, InstanceStatus: 'free' });
  });

  it('OpenStatus is a string; DescribeLogStoreInfo names the project and logstore', async () => {
    const cfw = rpc(emu.url, 'cloudfw', SECURITY_ROOT);
    expect((await cfw.request<Obj>('DescribeSlsAnalyzeOpenStatus', MAINLAND)).OpenStatus).toBe('false');
    expect(await cfw.request<Obj>('DescribeLogStoreInfo', MAINLAND)).toMatchObject({ LogStoreName: 'cloudfirewall-logstore', Ttl: 180 });
  });
});

describe('limits and faults', () => {
  it('throttles these products at 10 calls/s per account per action, whatever the site', async () => {
    const now = Date.now();
    const frozen = await startEmulator({ world: securityWorld(), clock: () => now });
    try {
      const ddos = rpc(frozen.url, 'ddoscoo', SECURITY_ROOT);
      const calls = Array.from({ length: 12 }, (_, i) => ddos.request('DescribeSlsAuthStatus', i % 2 ? MAINLAND : INTL));
      const results = await Promise.allSettled(calls);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(2);
      expect(rejected[0]!.reason.code).toBe('Throttling.User');
      // Another action has its own bucket.
      await ddos.request('DescribeWebAccessLogDispatchStatus', MAINLAND);
    } finally {
      await frozen.close();
    }
  });

  it('denies per product and action with Forbidden.RAM and an AccessDeniedDetail', async () => {
    emu.setFaults([{ product: 'cloudfw', action: 'DescribeSlsAnalyzeOpenStatus', kind: 'deny' }]);
    try {
      const e = await err(rpc(emu.url, 'cloudfw', SECURITY_ROOT).request('DescribeSlsAnalyzeOpenStatus', MAINLAND));
      expect(e.code).toBe('Forbidden.RAM');
      expect(e.data.HostId).toBe('cloudfw.cn-hangzhou.aliyuncs.com');
      expect(e.data.AccessDeniedDetail.AuthAction).toBe('yundun-cloudfirewall:DescribeSlsAnalyzeOpenStatus');
      await rpc(emu.url, 'cloudfw', SECURITY_ROOT).request('DescribeUserBuyVersion', MAINLAND);
    } finally {
      emu.setFaults([]);
    }
  });
});
