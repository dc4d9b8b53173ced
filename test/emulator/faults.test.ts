import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { oss, roa, rpc, sls, slsGet, type Key } from './test-clients.js';

type Obj = Record<string, any>;
const ROOT: Key = { accessKeyId: 'LTAI5tDemoRootKey0000001', accessKeySecret: 'demoRootSecret000000000000000001' };
const world = new URL('./worlds/demo.world.json', import.meta.url).pathname;
const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: Obj) => e);

describe('throttling (token buckets)', () => {
  // A frozen clock: no refill during the test, so counts are exact.
  const now = Date.now();
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ world, clock: () => now, qps: { 'ecs:DescribeRegions': 5, 'ram': 3 } });
  });
  afterAll(() => emu.close());

  it('passes calls up to the limit and throttles above it with Throttling.User + x-acs-retry-after', async () => {
    const ecs = rpc(emu.url, 'ecs', ROOT);
    const ok = await Promise.all(Array.from({ length: 5 }, () => ecs.request('DescribeRegions', { RegionId: 'cn-hangzhou' })));
    expect(ok).toHaveLength(5);
    const over = await err(ecs.request('DescribeRegions', { RegionId: 'cn-hangzhou' }));
    expect(over.code).toBe('Throttling.User');
    expect(over.entry.response.statusCode).toBe(400);
    expect(Number(over.entry.response.headers['x-acs-retry-after'])).toBeGreaterThan(0);
    // Buckets are per action per region: another region still has tokens.
    await ecs.request('DescribeRegions', { RegionId: 'cn-shanghai' });
  });

  it('applies a product-wide override and counts throttled calls', async () => {
    const ram = rpc(emu.url, 'ram', ROOT);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => ram.request('ListUsers', {})));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(emu.stats().throttled).toBe(4);
  });

  it('KMS reads share 50 QPS per region and answer HTTP 429 Rejected.Throttling', async () => {
    const kms = rpc(emu.url, 'kms', ROOT);
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => (i % 2 ? kms.request('ListKeys', { RegionId: 'cn-hangzhou' }) : kms.request('DescribeKey', { RegionId: 'cn-hangzhou', KeyId: 'key-hzz6demo00000001' }))));
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(10);
    expect(rejected[0]!.reason.code).toBe('Rejected.Throttling');
    expect(rejected[0]!.reason.entry.response.statusCode).toBe(429);
    expect(rejected[0]!.reason.data.HttpStatus).toBe(429);
  });

  it('refills over time with a moving clock', async () => {
    let t = Date.now();
    const moving = await startEmulator({ world, clock: () => t, qps: { 'vpc:DescribeVpcs': 2 } });
    try {
      const vpc = rpc(moving.url, 'vpc', ROOT);
      await vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' });
      await vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' });
      expect((await err(vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' }))).code).toBe('Throttling.User');
      t += 500;
      await vpc.request('DescribeVpcs', { RegionId: 'cn-hangzhou' });
    } finally {
      await moving.close();
    }
  });
});

describe('fault injection', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ world });
  });
  afterAll(() => emu.close());

  it('timeout: the client gives up (short client timeout), close() still works', async () => {
    emu.setFaults([{ product: 'ecs', action: 'DescribeInstances', kind: 'timeout' }]);
    const e = await err(rpc(emu.url, 'ecs', ROOT).request('DescribeInstances', { RegionId: 'cn-hangzhou' }, { timeout: 200 }));
    expect(e.name).toBe('RequestTimeoutError');
  });

  it('reset: ECONNRESET', async () => {
    emu.setFaults([{ product: 'vpc', kind: 'reset' }]);
    const e = await err(rpc(emu.url, 'vpc', ROOT).request('DescribeVpcs', { RegionId: 'cn-hangzhou' }));
    expect(e.code).toBe('ECONNRESET');
  });

  it('http502: an HTML body makes pop-core throw SyntaxError', async () => {
    emu.setFaults([{ product: 'ram', action: 'ListUsers', kind: 'http502' }]);
    const e = await err(rpc(emu.url, 'ram', ROOT).request('ListUsers', {}));
    // json-bigint throws a plain object named SyntaxError, not an instance.
    expect(e.name).toBe('SyntaxError');
  });

  it('error: InternalError 500 by default, ServiceUnavailable 503 or a custom code', async () => {
    emu.setFaults([
      { product: 'ecs', action: 'DescribeDisks', kind: 'error' },
      { product: 'ecs', action: 'DescribeSecurityGroups', kind: 'error', status: 503 },
    ]);
    const ecs = rpc(emu.url, 'ecs', ROOT);
    const a = await err(ecs.request('DescribeDisks', { RegionId: 'cn-hangzhou' }));
    expect([a.code, a.entry.response.statusCode]).toEqual(['InternalError', 500]);
    const b = await err(ecs.request('DescribeSecurityGroups', { RegionId: 'cn-hangzhou' }));
    expect([b.code, b.entry.response.statusCode]).toEqual(['ServiceUnavailable', 503]);
  });

  it('deny: Forbidden.RAM (NoPermission for RAM) naming the action; per region', async () => {
    emu.setFaults([
      { product: 'actiontrail', action: 'DescribeTrails', region: 'cn-shanghai', kind: 'deny' },
      { product: 'ram', kind: 'deny' },
    ]);
    const at = rpc(emu.url, 'actiontrail', ROOT);
    const e = await err(at.request('DescribeTrails', { RegionId: 'cn-shanghai' }));
    expect([e.code, e.entry.response.statusCode]).toEqual(['Forbidden.RAM', 403]);
    expect(e.data.AccessDeniedDetail.AuthAction).toBe('actiontrail:DescribeTrails');
    expect((await at.request<Obj>('DescribeTrails', { RegionId: 'cn-hangzhou' })).TrailList.length).toBe(2);
    expect((await err(rpc(emu.url, 'ram', ROOT).request('GetPasswordPolicy', {}))).code).toBe('NoPermission');
  });

  it('deny and throttle in the REST protocols', async () => {
    emu.setFaults([
      { product: 'oss', action: 'GetBucketAcl', kind: 'deny' },
      { product: 'sls', action: 'ListLogStores', kind: 'deny' },
      { product: 'cs', kind: 'throttle' },
    ]);
    expect((await err(oss(emu.url, ROOT).getBucketACL('demo-secure-data'))).code).toBe('AccessDenied');
    expect((await err(slsGet(sls(emu.url, ROOT), emu.url, 'demo-audit', '/logstores'))).code).toBe('Unauthorized');
    const t = await err(roa(emu.url, ROOT).request('GET', '/api/v1/clusters'));
    expect([t.code, t.statusCode]).toEqual(['Throttling.User', 400]);
  });

  it('latency delays the response; count limits a rule to the first N calls', async () => {
    emu.setFaults([
      { product: 'sts', kind: 'latency', latencyMs: 150, count: 1 },
    ]);
    const sts = rpc(emu.url, 'sts', ROOT);
    let t0 = Date.now();
    await sts.request('GetCallerIdentity', {});
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    t0 = Date.now();
    await sts.request('GetCallerIdentity', {});
    expect(Date.now() - t0).toBeLessThan(140);
    emu.setFaults([{ product: 'ecs', action: 'DescribeRegions', kind: 'error', count: 2 }]);
    const ecs = rpc(emu.url, 'ecs', ROOT);
    expect((await err(ecs.request('DescribeRegions', {}))).code).toBe('InternalError');
    expect((await err(ecs.request('DescribeRegions', {}))).code).toBe('InternalError');
    await ecs.request('DescribeRegions', {});
  });

  it('rate < 1 is reproducible with a seed', async () => {
    const outcomes = async (seed: number) => {
      const e = await startEmulator({ world, seed, faults: [{ product: 'ecs', action: 'DescribeRegions', kind: 'error', rate: 0.5 }] });
      try {
        const ecs = rpc(e.url, 'ecs', ROOT);
        const out: boolean[] = [];
        for (let i = 0; i < 12; i++) out.push(await ecs.request('DescribeRegions', {}).then(() => true, () => false));
        return out;
      } finally {
        await e.close();
      }
    };
    const a = await outcomes(42);
    expect(await outcomes(42)).toEqual(a);
    expect(a).toContain(true);
    expect(a).toContain(false);
  });

  it('global latency delays every response; faults come from the world file too', async () => {
    const slow = await startEmulator({ world, latencyMs: 100 });
    try {
      const t0 = Date.now();
      await rpc(slow.url, 'sts', ROOT).request('GetCallerIdentity', {});
      expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    } finally {
      await slow.close();
    }
    const { loadWorld } = await import('./index.js');
    const w = loadWorld(world);
    const faulty = await startEmulator({ world: { ...w, faults: [{ product: 'kms', kind: 'deny' }] } });
    try {
      expect((await err(rpc(faulty.url, 'kms', ROOT).request('ListKeys', { RegionId: 'cn-hangzhou' }))).code).toBe('Forbidden.RAM');
      expect(faulty.stats().faultsInjected).toBe(1);
    } finally {
      await faulty.close();
    }
  });

  it('close() ends held (timeout) sockets', async () => {
    const e = await startEmulator({ world, faults: [{ product: 'sts', kind: 'timeout' }] });
    const pending = rpc(e.url, 'sts', ROOT).request('GetCallerIdentity', {}, { timeout: 1500 }).catch((x: Obj) => x);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await e.close();
    expect(Date.now() - t0).toBeLessThan(500);
    const x = await pending;
    expect(x).toBeInstanceOf(Error);
  });
});
