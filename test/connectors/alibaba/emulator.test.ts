import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { graphql } from 'graphql';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { collectAlibaba, type AlibabaCollectOptions, type CollectProgress } from '../../../connectors/alibaba/index.js';
import { bundledSchema } from '../../helpers/engine.js';
import { graphToSnapshot } from '../../../connectors/snapshot/save-snapshot.js';
import { snapshotToGraph } from '../../../connectors/snapshot/load-snapshot.js';

/** End to end against the emulator: real signatures, paging, throttling and faults. */
const DEMO = fileURLToPath(new URL('../../emulator/worlds/demo.world.json', import.meta.url));
const UID = '1234567890123456';
const AUDITOR = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };
const SECRETS = [AUDITOR.accessKeySecret, 'demoRootSecret000000000000000001'];
// Small backoff so the suite stays fast.
const fast: Partial<AlibabaCollectOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 50, timeoutMs: 2000, env: {} };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ world: DEMO });
});
afterAll(() => emu.close());

const collect = (extra: Partial<AlibabaCollectOptions> = {}) => collectAlibaba({ credentials: AUDITOR, endpoint: emu.url, ...fast, ...extra });

function expectNoSecrets(value: unknown, extraSecrets: string[] = []): void {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const secret of [...SECRETS, ...extraSecrets]) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/Signature=|SecurityToken=/);
}

describe('collectAlibaba against the emulator (demo world)', () => {
  it('collects the demo world with zero gaps, the four near-miss trails and their edges', async () => {
    emu.setFaults([]);
    const events: CollectProgress[] = [];
    const { graph, stats } = await collect({ onProgress: (e) => events.push(e) });
    expect(graph.gaps).toEqual([]);
    expect(stats.accountId).toBe(UID);
    expect(stats.regions.sort()).toEqual(['ap-southeast-1', 'cn-hangzhou', 'cn-shanghai']);
    expect(stats.calls).toBeGreaterThan(50);
    expect(graph.types).toEqual(expect.arrayContaining([
      'AlibabaAccount', 'AlibabaActionTrail', 'AlibabaOssBucket', 'AlibabaSlsProject', 'AlibabaSlsLogstore', 'AlibabaSlsAlert',
      'AlibabaEcsInstance', 'AlibabaEcsDisk', 'AlibabaEcsSecurityGroup', 'AlibabaVpc', 'AlibabaVpcFlowLog',
      'AlibabaRamUser', 'AlibabaRamPolicy', 'AlibabaRdsInstance', 'AlibabaKmsKey', 'AlibabaAckCluster',
    ]));

    const result = await graphql({
      schema: bundledSchema().schema,
      contextValue: { graph },
      source: `{ alibabaAccounts { id name callerArn trails { id name trailRegion eventRW status isLogging ossBucket { id name } slsProject { id name } } } }`,
    });
    expect(result.errors).toBeUndefined();
    const [account] = (result.data as { alibabaAccounts: Array<{ id: string; name: string | null; callerArn: string; trails: Array<Record<string, unknown>> }> }).alibabaAccounts;
    expect(account!.id).toBe(`acs:ram::${UID}:root`);
    expect(account!.callerArn).toBe(`acs:ram::${UID}:user/auditor`);
    expect(account!.name).toBe('demo'); // GetAccountAlias
    const trails = Object.fromEntries(account!.trails.map((t) => [t.name, t]));
    const bucket = { id: `acs:oss:*:${UID}:demo-actiontrail-logs`, name: 'demo-actiontrail-logs' };
    const project = { id: `acs:log:cn-hangzhou:${UID}:project/demo-audit`, name: 'demo-audit' };
    expect(trails).toEqual({
      'demo-write-only-trail': { id: `acs:actiontrail:cn-hangzhou:${UID}:trail/demo-write-only-trail`, name: 'demo-write-only-trail', trailRegion: 'All', eventRW: 'Write', status: 'Enable', isLogging: true, ossBucket: bucket, slsProject: project },
      'demo-shanghai-all-events': { id: `acs:actiontrail:cn-shanghai:${UID}:trail/demo-shanghai-all-events`, name: 'demo-shanghai-all-events', trailRegion: 'cn-shanghai', eventRW: 'All', status: 'Enable', isLogging: true, ossBucket: bucket, slsProject: null },
      'demo-disabled-trail': { id: `acs:actiontrail:cn-hangzhou:${UID}:trail/demo-disabled-trail`, name: 'demo-disabled-trail', trailRegion: 'All', eventRW: 'All', status: 'Disable', isLogging: false, ossBucket: bucket, slsProject: project },
      'demo-no-sink-trail': { id: `acs:actiontrail:ap-southeast-1:${UID}:trail/demo-no-sink-trail`, name: 'demo-no-sink-trail', trailRegion: 'All', eventRW: 'All', status: 'Enable', isLogging: true, ossBucket: null, slsProject: null },
    });

    expect(events.find((e) => e.kind === 'start')).toMatchObject({ kind: 'start', accountId: UID, products: expect.arrayContaining(['ecs', 'ram']) });
    expect(events.at(-1)).toMatchObject({ kind: 'end' });
    expect(events.some((e) => e.kind === 'product-end' && e.product === 'ecs')).toBe(true);
    const start = events.find((e) => e.kind === 'start');
    expect(start && start.kind === 'start' && start.tasks).toBe(events.filter((e) => e.kind === 'product-end').length);
    expectNoSecrets({ assets: [...graph.assets()], gaps: graph.gaps, stats, events, metadata: graph.metadata });
    // The snapshot round-trips and carries no secret either.
    const snapshot = graphToSnapshot(graph);
    expectNoSecrets(snapshot);
    expect(snapshotToGraph(JSON.parse(JSON.stringify(snapshot))).size).toBe(graph.size);
  });

  it('answers every query the CIS fields need without GraphQL errors', async () => {
    const { graph } = await collect();
    const result = await graphql({
      schema: bundledSchema().schema,
      contextValue: { graph },
      source: `{
        alibabaAccounts { passwordPolicy { minimumPasswordLength maxLoginAttempts } rootMfaActive rootHasAccessKey
          securityCenter { version advancedOrBetter noticeConfigs { project enabled } vulConfigs { type enabled } agents { clientStatus } logMeta { status } osVulnerabilities { name instanceId necessity status } }
          ramUsers { name consoleLogin mfaEnabled lastLoginDate accessKeys { active createDate } attachedPolicies { policyName } } ramPolicies { name allowsFullAdmin } }
        alibabaEcsInstances { id instanceNetworkType securityGroups { rules { direction ipProtocol portFrom portTo sourceCidrIp policy priority } } disks { encrypted } }
        alibabaEcsDisks { status encrypted kmsKey { keyId } }
        alibabaVpcs { id flowLogs { active } }
        alibabaRdsInstances { engine sslEnabled tdeEnabled openToWorld sqlCollectorEnabled sqlCollectorRetentionDays parameters }
        alibabaKmsKeys { keyState rotationEnabled }
        alibabaAckClusters { name publicApiServer dashboardEnabled logServiceEnabled cloudMonitorEnabled lastClusterCheckTime addons { name } }
        alibabaOssBuckets { name acl policy loggingEnabled encryption secureTransportRequired kmsKey { keyId rotationEnabled } }
        alibabaSlsLogstores { name ttl } alibabaSlsAlerts { name enabled queries { query } }
      }`,
    });
    expect(result.errors).toBeUndefined();
    const data = result.data as Record<string, Array<Record<string, unknown>>>;
    const account = data.alibabaAccounts![0]!;
    expect(account.passwordPolicy).not.toBeNull();
    expect(account.securityCenter).not.toBeNull();
    expect(typeof account.rootMfaActive).toBe('boolean');
    for (const key of ['alibabaEcsInstances', 'alibabaVpcs', 'alibabaRdsInstances', 'alibabaKmsKeys', 'alibabaAckClusters', 'alibabaOssBuckets']) {
      expect(data[key]!.length, key).toBeGreaterThan(0);
    }
    for (const rds of data.alibabaRdsInstances!) expect(typeof rds.sslEnabled, 'sslEnabled is a boolean').toBe('boolean');
    // Spot checks of normalized values against the demo world.
    const byName = (list: Array<Record<string, unknown>>) => Object.fromEntries(list.map((x) => [x.name, x]));
    expect(byName(data.alibabaAckClusters!)).toMatchObject({
      'prod-public': { publicApiServer: true, dashboardEnabled: true, logServiceEnabled: false, cloudMonitorEnabled: false },
      'data-private': { publicApiServer: false, dashboardEnabled: false, logServiceEnabled: true, cloudMonitorEnabled: true },
    });
    expect(byName(data.alibabaOssBuckets!)).toMatchObject({
      'demo-actiontrail-logs': { acl: 'public-read', encryption: null },
      'demo-secure-data': { secureTransportRequired: true, kmsKey: { keyId: 'key-hzz6demo00000002', rotationEnabled: true } },
    });
    expect(data.alibabaRdsInstances!.find((r) => r.engine === 'PostgreSQL')).toMatchObject({ sslEnabled: true, parameters: { log_disconnections: 'off' } });
    expect(data.alibabaEcsDisks!.filter((d) => d.kmsKey).length).toBeGreaterThan(0);
    expect(account).toMatchObject({ rootMfaActive: true, rootHasAccessKey: true, securityCenter: { version: 1, advancedOrBetter: false } });
    // DescribeVulList Dealed=n: only the unfixed kernel update, not the fixed openssl one (CIS 4.5).
    expect((account.securityCenter as Record<string, unknown>).osVulnerabilities).toEqual([
      { name: 'oval:com.redhat.rhsa:def:20243671', instanceId: 'i-bp1demoweb0000000001', necessity: 'asap', status: 1 },
    ]);
    for (const group of (data.alibabaEcsInstances ?? []).flatMap((i) => i.securityGroups as Array<{ rules: unknown[] | null }>)) expect(group.rules).not.toBeNull();
  });

  it('rejects a wrong secret with one CREDENTIALS_INVALID error and no secret in it', async () => {
    const wrong = 'definitelyTheWrongSecret0000001';
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void logged.push(a.map(String).join(' ')));
    const err = await collectAlibaba({ credentials: { ...AUDITOR, accessKeySecret: wrong }, endpoint: emu.url, ...fast }).catch((e: unknown) => e);
    spy.mockRestore();
    expect(err).toMatchObject({ name: 'AssayError', code: 'CREDENTIALS_INVALID' });
    expect((err as Error).message).toContain('SignatureDoesNotMatch');
    expectNoSecrets({ message: (err as Error).message, err, logged }, [wrong]);

    const unknown = await collectAlibaba({ credentials: { accessKeyId: 'LTAI5tNoSuchKey', accessKeySecret: wrong }, endpoint: emu.url, ...fast }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'CREDENTIALS_INVALID' });
    expect((unknown as Error).message).toContain('InvalidAccessKeyId.NotFound');
  });

  it('completes with no gaps under 20% injected throttling, 5xx and 502s, thanks to retries', async () => {
    emu.setFaults([
      { product: '*', kind: 'throttle', rate: 0.1 },
      { product: '*', kind: 'error', code: 'ServiceUnavailable', rate: 0.06 },
      { product: '*', kind: 'http502', rate: 0.04 },
    ]);
    try {
      const { graph, stats } = await collect({ maxRetries: 10 });
      expect(graph.gaps).toEqual([]);
      expect(stats.retries).toBeGreaterThan(0);
      expect(stats.throttled).toBeGreaterThan(0);
      expect(graph.assetsOfType('AlibabaActionTrail')).toHaveLength(4);
    } finally {
      emu.setFaults([]);
    }
  });

  it('stays under a published QPS with the client-side limiter, and retries when it does not', async () => {
    const slow = await startEmulator({ world: DEMO, qps: { 'ecs:DescribeSecurityGroupAttribute': 2 } });
    try {
      const opts = { endpoint: slow.url, products: ['ecs'], regions: ['cn-hangzhou'] };
      const limited = await collect({ ...opts, rateLimits: { 'ecs:DescribeSecurityGroupAttribute': 2 } });
      expect(limited.graph.gaps).toEqual([]);
      expect(limited.stats.throttled).toBe(0);
      expect(slow.stats().throttled).toBe(0);
      const unlimited = await collect({ ...opts, rateLimits: { ecs: 0 }, maxRetries: 10 });
      expect(unlimited.graph.gaps).toEqual([]);
      expect(unlimited.stats.throttled).toBeGreaterThan(0);
      expect(unlimited.graph.assetsOfType('AlibabaEcsSecurityGroup').every((g) => Array.isArray(g.rules))).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('survives connection resets', async () => {
    emu.setFaults([{ product: '*', kind: 'reset', rate: 0.15 }]);
    try {
      const { graph, stats } = await collect({ products: ['ecs', 'vpc', 'actiontrail', 'ram'], maxRetries: 10 });
      expect(graph.gaps).toEqual([]);
      expect(stats.retries).toBeGreaterThan(0);
    } finally {
      emu.setFaults([]);
    }
  });

  it('records a permanently denied DescribeTrails as gaps with types and permission, and collects the rest', async () => {
    emu.setFaults([{ product: 'actiontrail', action: 'DescribeTrails', kind: 'deny' }]);
    try {
      const { graph } = await collect();
      expect(graph.gaps.length).toBe(3); // one per region
      for (const gap of graph.gaps) {
        expect(gap).toMatchObject({ provider: 'alibaba', product: 'actiontrail', action: 'DescribeTrails', code: 'Forbidden.RAM', types: ['AlibabaActionTrail'], permission: 'actiontrail:DescribeTrails' });
        expectNoSecrets(gap);
      }
      expect(graph.assetsOfType('AlibabaActionTrail')).toHaveLength(0);
      expect(graph.assetsOfType('AlibabaEcsInstance').length).toBeGreaterThan(0);
      expect(graph.assetsOfType('AlibabaOssBucket').length).toBeGreaterThan(0);
    } finally {
      emu.setFaults([]);
    }
  });

  it('a denied GetPolicy leaves allowsFullAdmin unknown and names it in the gap, so CIS 1.15 errors', async () => {
    emu.setFaults([{ product: 'ram', action: 'GetPolicy', kind: 'deny' }]);
    try {
      const { graph } = await collect({ products: ['ram'] });
      const policies = graph.assetsOfType('AlibabaRamPolicy');
      expect(policies.length).toBeGreaterThan(0);
      for (const policy of policies) expect(policy.allowsFullAdmin).toBeNull();
      const gap = graph.gaps.find((g) => g.action === 'GetPolicy');
      expect(gap?.fields).toEqual(expect.arrayContaining(['AlibabaRamPolicy.allowsFullAdmin']));
    } finally {
      emu.setFaults([]);
    }
  });

  it('retries a timing-out call, then records a gap with the fields it leaves unknown', async () => {
    emu.setFaults([{ product: 'actiontrail', action: 'GetTrailStatus', kind: 'timeout' }]);
    try {
      const { graph, stats } = await collect({ products: ['actiontrail'], timeoutMs: 150, maxRetries: 2 });
      expect(stats.actions['actiontrail:GetTrailStatus']).toMatchObject({ calls: 12, retries: 8, failures: 4 });
      expect(graph.gaps).toHaveLength(4);
      expect(graph.gaps[0]).toMatchObject({ action: 'GetTrailStatus', code: 'RequestTimeoutError', fields: expect.arrayContaining(['AlibabaActionTrail.isLogging']) });
      expect(graph.assetsOfType('AlibabaActionTrail').map((t) => t.isLogging)).toEqual([null, null, null, null]);
    } finally {
      emu.setFaults([]);
    }
  });

  it('scans through STS AssumeRole, and no STS secret or token leaks', async () => {
    const { graph, stats } = await collect({
      credentials: { ...AUDITOR, roleArn: `acs:ram::${UID}:role/AssayScannerRole`, roleSessionName: 'assay-test' },
      products: ['actiontrail', 'oss', 'sls'],
    });
    expect(graph.gaps).toEqual([]);
    const account = graph.getAsset(`acs:ram::${UID}:root`)!;
    expect(account.callerArn).toBe(`acs:ram::${UID}:assumed-role/assayscannerrole/assay-test`);
    expect(graph.assetsOfType('AlibabaActionTrail')).toHaveLength(4);
    expect(graph.assetsOfType('AlibabaOssBucket').length).toBeGreaterThan(0);
    const dump = JSON.stringify({ assets: [...graph.assets()], stats, metadata: graph.metadata });
    expectNoSecrets(dump);
    expect(dump).not.toMatch(/"(AccessKeySecret|SecurityToken|accessKeySecret|securityToken)"/);
  });

  it('collects only the requested regions and products', async () => {
    const { graph, stats } = await collect({ regions: ['cn-shanghai'], products: ['ecs', 'actiontrail'] });
    expect(stats.regions).toEqual(['cn-shanghai']);
    expect(Object.keys(stats.actions).every((k) => /^(sts|ecs|actiontrail):/.test(k))).toBe(true);
    expect(graph.assetsOfType('AlibabaOssBucket')).toHaveLength(0);
    expect(graph.assetsOfType('AlibabaEcsInstance').every((i) => i.region === 'cn-shanghai')).toBe(true);
    // Multi-region trails homed elsewhere are still seen (shadow trails), with their status.
    expect(graph.assetsOfType('AlibabaActionTrail').map((t) => t.name).sort()).toEqual(['demo-disabled-trail', 'demo-no-sink-trail', 'demo-shanghai-all-events', 'demo-write-only-trail']);
    expect(graph.gaps).toEqual([]);
  });
});
