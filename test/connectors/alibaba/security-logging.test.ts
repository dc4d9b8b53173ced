import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { capPages } from '../../emulator/paging.js';
import { SECURITY_ROOT, SECURITY_UID, securityWorld } from '../../emulator/security-world.js';
import { collectAlibaba, productsForTypes, type AlibabaCollectOptions } from '../../../connectors/alibaba/index.js';
import { loadChecks } from '../../../engine/checks/load-checks.js';
import { runChecks } from '../../../engine/runner/run-checks.js';
import type { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { bundledSchema, query } from '../../helpers/engine.js';

/** Anti-DDoS, WAF 3.0 and Cloud Firewall: connector against the emulator, then CIS 2.6-2.8 on the graph. */
const MINIMAL = fileURLToPath(new URL('../../emulator/worlds/minimal.world.json', import.meta.url));
const MINIMAL_ROOT = { accessKeyId: 'LTAI5tMinimalRootKey01', accessKeySecret: 'minimal-root-secret-0000000000' };
const PRODUCTS = ['ddoscoo', 'waf', 'cloudfw'];
const CHECKS = ['2.6-anti-ddos-log-service-enabled', '2.7-waf-log-service-enabled', '2.8-cloud-firewall-log-analysis-enabled'].map((f) =>
  fileURLToPath(new URL(`../../../checks/alibaba/cis-v2.0.0/${f}.graphql`, import.meta.url)),
);
const fast: Partial<AlibabaCollectOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 50, timeoutMs: 2000, env: {}, products: PRODUCTS };

async function evaluate(graph: AssetGraph) {
  const assay = bundledSchema();
  const { checks, errors } = loadChecks(CHECKS, assay);
  expect(errors).toEqual([]);
  const { checks: results } = await runChecks(checks, { assay, graph });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('security products with instances (security world)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ world: securityWorld() });
  });
  afterAll(() => emu.close());
  const collect = (extra: Partial<AlibabaCollectOptions> = {}) => collectAlibaba({ credentials: SECURITY_ROOT, endpoint: emu.url, ...fast, ...extra });

  it('collects every page of websites, every protected object and the firewall, with zero gaps', async () => {
    emu.setFaults([]);
    const { graph, stats } = await collect();
    expect(graph.gaps).toEqual([]);
    expect(stats.regions.sort()).toEqual(['ap-southeast-1', 'cn-hangzhou']);
    // Both sites asked; 60 websites need two 50-item pages; 25 objects need two 20-object log batches.
    expect(stats.actions['ddoscoo:DescribeWebAccessLogDispatchStatus']!.calls).toBe(3);
    expect(stats.actions['waf:DescribeResourceLogStatus']!.calls).toBe(2);
    // Log Service authorization is asked only where there are websites.
    expect(stats.actions['ddoscoo:DescribeSlsAuthStatus']!.calls).toBe(1);
    const data = await query(graph, `{
      alibabaDdosCooDomains { id region domain logEnabled logServiceAuthorized }
      alibabaWafInstances { id region instanceId status logServiceStatus logServiceEnabled logRegionId resources { resource product logEnabled } }
      alibabaCloudFirewalls { id region instanceId version edition userStatus instanceStatus logDeliveryEnabled logAnalysisEnabled logProject logStore logTtl }
    }`);
    const domains = data.alibabaDdosCooDomains as Array<Record<string, unknown>>;
    expect(domains).toHaveLength(60);
    expect(domains.find((d) => d.domain === 'www-7.example.com')).toEqual({
      id: `acs:ddoscoo:cn-hangzhou:${SECURITY_UID}:domain/www-7.example.com`, region: 'cn-hangzhou', domain: 'www-7.example.com', logEnabled: false, logServiceAuthorized: true,
    });
    const [waf] = data.alibabaWafInstances as Array<Record<string, unknown> & { resources: Array<Record<string, unknown>> }>;
    expect(waf).toMatchObject({ id: `acs:waf:cn-hangzhou:${SECURITY_UID}:instance/waf_v3prepaid_public_cn-sec1`, status: 1, logServiceStatus: 'normal', logServiceEnabled: true, logRegionId: 'cn-hangzhou' });
    expect(waf!.resources).toHaveLength(25);
    expect(waf!.resources.filter((r) => r.logEnabled !== true)).toEqual([{ resource: 'alb-3', product: 'alb', logEnabled: false }]);
    expect(data.alibabaCloudFirewalls).toEqual([{
      id: `acs:cloudfw:cn-hangzhou:${SECURITY_UID}:instance/vipcloudfw-cn-sec1`, region: 'cn-hangzhou', instanceId: 'vipcloudfw-cn-sec1', version: 3, edition: 'Enterprise',
      userStatus: true, instanceStatus: 'normal', logDeliveryEnabled: false, logAnalysisEnabled: false,
      logProject: 'cloudfirewall-project-1000000000000002-cn-hangzhou', logStore: 'cloudfirewall-logstore', logTtl: 180,
    }]);
  });

  it('fails 2.6, 2.7 and 2.8 on exactly the misconfigured assets', async () => {
    emu.setFaults([]);
    const { graph } = await collect();
    const r = await evaluate(graph);
    expect(r['alibaba-cis-2.6']!.status).toBe('fail');
    expect(r['alibaba-cis-2.6']!.findings.map((f) => f.asset?.name)).toEqual(['www-7.example.com']);
    expect(r['alibaba-cis-2.6']!.assets.filter((a) => a.status === 'pass')).toHaveLength(59);
    expect(r['alibaba-cis-2.7']!.status).toBe('fail');
    expect(r['alibaba-cis-2.7']!.findings[0]!.reason).toBe('WAF instance waf_v3prepaid_public_cn-sec1 (cn-hangzhou): log collection is off or unknown for alb-3.');
    expect(r['alibaba-cis-2.8']!.status).toBe('fail');
    expect(r['alibaba-cis-2.8']!.findings[0]!.reason).toBe('Cloud Firewall vipcloudfw-cn-sec1 (cn-hangzhou): log analysis is disabled.');
  });

  it('turns a denied status call into a gap with the RAM action, and the check into error (never pass)', async () => {
    emu.setFaults([{ product: 'waf', action: 'DescribeResourceLogStatus', kind: 'deny' }, { product: 'ddoscoo', action: 'DescribeSlsAuthStatus', region: 'cn-hangzhou', kind: 'deny' }]);
    try {
      const { graph } = await collect();
      // Every gap also covers the asset's raw (the untouched API object): left out here.
      const gaps = graph.gaps.map((g) => `${g.product}:${g.action}:${g.region}:${g.code}:${(g.fields ?? []).filter((f) => !f.endsWith('.raw')).join(',')}`).sort();
      expect(gaps).toEqual([
        'ddoscoo:DescribeSlsAuthStatus:cn-hangzhou:Forbidden.RAM:AlibabaDdosCooDomain.logServiceAuthorized',
        'waf:DescribeResourceLogStatus:cn-hangzhou:Forbidden.RAM:AlibabaWafProtectedResource.logEnabled',
        'waf:DescribeResourceLogStatus:cn-hangzhou:Forbidden.RAM:AlibabaWafProtectedResource.logEnabled',
      ]);
      // The RAM action to grant, from the denial's AccessDeniedDetail.
      expect([...new Set(graph.gaps.map((g) => g.permission))].sort()).toEqual(['yundun-ddoscoo:DescribeSlsAuthStatus', 'yundun-waf:DescribeResourceLogStatus']);
      const r = await evaluate(graph);
      expect(r['alibaba-cis-2.6']!.status).toBe('error');
      expect(r['alibaba-cis-2.7']!.status).toBe('error');
      // 2.8 reads nothing that failed.
      expect(r['alibaba-cis-2.8']!.status).toBe('fail');
    } finally {
      emu.setFaults([]);
    }
  });

  it('retries throttling and still collects everything', async () => {
    emu.setFaults([{ product: 'cloudfw', action: 'DescribeUserBuyVersion', kind: 'throttle', count: 2 }]);
    try {
      const { graph, stats } = await collect();
      expect(graph.gaps).toEqual([]);
      expect(stats.actions['cloudfw:DescribeUserBuyVersion']!.retries).toBe(2);
      expect(graph.types).toContain('AlibabaCloudFirewall');
    } finally {
      emu.setFaults([]);
    }
  });

  it('a failed listing is a gap on the type: the check errors instead of skipping', async () => {
    emu.setFaults([{ product: 'cloudfw', action: 'DescribeUserBuyVersion', region: 'ap-southeast-1', kind: 'error', status: 403, code: 'Forbidden.RAM' }]);
    try {
      const { graph } = await collect();
      expect(graph.gaps.map((g) => [g.action, g.region, g.types])).toEqual([['DescribeUserBuyVersion', 'ap-southeast-1', ['AlibabaCloudFirewall']]]);
      // No AccessDeniedDetail in this answer: the permission comes from the product's RAM code.
      expect(graph.gaps[0]!.permission).toBe('yundun-cloudfirewall:DescribeUserBuyVersion');
      expect((await evaluate(graph))['alibaba-cis-2.8']!.status).toBe('error');
    } finally {
      emu.setFaults([]);
    }
  });
});

describe('a WAF 2.0 instance', () => {
  it('is a gap on the WAF type, so 2.7 errors instead of judging only the WAF 3.0 instance', async () => {
    const world = securityWorld();
    world.waf!['ap-southeast-1'] = { legacyInstance: { PayType: 1, InstanceId: 'waf-int-legacy01', Status: 1 } };
    const emu = await startEmulator({ world });
    try {
      const { graph } = await collectAlibaba({ credentials: SECURITY_ROOT, endpoint: emu.url, ...fast });
      expect(graph.gaps.map((g) => [g.product, g.action, g.region, g.code, g.types])).toEqual([['waf2', 'DescribeInstanceInfo', 'ap-southeast-1', 'WafV2NotEvaluated', ['AlibabaWafInstance']]]);
      expect(graph.gaps[0]!.message).toContain('waf-int-legacy01');
      expect(graph.types).toContain('AlibabaWafInstance');
      const r = await evaluate(graph);
      expect(r['alibaba-cis-2.7']!.status).toBe('error');
      expect(r['alibaba-cis-2.8']!.status).toBe('fail');
    } finally {
      await emu.close();
    }
  });

  it('is ignored when the old API reports the WAF 3.0 instance itself', async () => {
    const world = securityWorld();
    world.waf!['cn-hangzhou']!.legacyInstance = { PayType: 1, InstanceId: 'waf_v3prepaid_public_cn-sec1' };
    const emu = await startEmulator({ world });
    try {
      const { graph } = await collectAlibaba({ credentials: SECURITY_ROOT, endpoint: emu.url, ...fast });
      expect(graph.gaps).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe('an account that bought none of them (minimal world)', () => {
  it('has no such assets and no gaps, so 2.6-2.8 skip', async () => {
    const emu = await startEmulator({ world: MINIMAL });
    try {
      const { graph, stats } = await collectAlibaba({ credentials: MINIMAL_ROOT, endpoint: emu.url, ...fast });
      expect(graph.gaps).toEqual([]);
      // Only the mainland site: the account's one region is cn-hangzhou.
      expect(stats.actions['cloudfw:DescribeUserBuyVersion']!.calls).toBe(1);
      expect(graph.types).toEqual(['AlibabaAccount']);
      const r = await evaluate(graph);
      expect([r['alibaba-cis-2.6']!.status, r['alibaba-cis-2.7']!.status, r['alibaba-cis-2.8']!.status]).toEqual(['skip', 'skip', 'skip']);
    } finally {
      await emu.close();
    }
  });
});

describe('the demo account', () => {
  it('fails 2.6 on the website without full log; passes 2.7 and 2.8', async () => {
    const demo = fileURLToPath(new URL('../../emulator/worlds/demo.world.json', import.meta.url));
    const auditor = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };
    const emu = await startEmulator({ world: demo });
    try {
      const { graph } = await collectAlibaba({ credentials: auditor, endpoint: emu.url, ...fast });
      expect(graph.gaps).toEqual([]);
      const r = await evaluate(graph);
      expect(r['alibaba-cis-2.6']!.status).toBe('fail');
      expect(r['alibaba-cis-2.6']!.findings.map((f) => f.reason)).toEqual(['Anti-DDoS website api.demo-assay.example (cn-hangzhou): full log (Log Service) is disabled.']);
      expect(r['alibaba-cis-2.7']!.status).toBe('pass');
      expect(r['alibaba-cis-2.8']!.status).toBe('pass');
    } finally {
      await emu.close();
    }
  });
});

describe('query planning', () => {
  it('maps the new types to their products', () => {
    expect(productsForTypes(['AlibabaDdosCooDomain'])).toEqual(['sts', 'ddoscoo']);
    expect(productsForTypes(['AlibabaWafInstance', 'AlibabaWafProtectedResource.logEnabled'])).toEqual(['sts', 'waf']);
    expect(productsForTypes(['AlibabaCloudFirewall.logAnalysisEnabled'])).toEqual(['sts', 'cloudfw']);
  });
});

describe('a server that caps pages below the asked size (security world)', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    const world = securityWorld();
    // 20 websites and 10 protected objects a page, whatever PageSize (50) asks.
    capPages(world, { 'ddoscoo:DescribeWebAccessLogDispatchStatus': 20, 'waf:DescribeDefenseResources': 10 });
    emu = await startEmulator({ world });
  });
  afterAll(() => emu.close());

  it('pages to TotalCount: every website and protected object, no gap', async () => {
    const { graph, stats } = await collectAlibaba({ credentials: SECURITY_ROOT, endpoint: emu.url, ...fast });
    expect(graph.gaps).toEqual([]);
    // 60 websites in 3 pages on the mainland site, 1 empty page on the other; 25 objects in 3 pages.
    expect(stats.actions['ddoscoo:DescribeWebAccessLogDispatchStatus']!.calls).toBe(4);
    expect(stats.actions['waf:DescribeDefenseResources']!.calls).toBe(3);
    const data = await query(graph, '{ alibabaDdosCooDomains { domain } alibabaWafInstances { resources { resource } } }');
    expect(data.alibabaDdosCooDomains).toHaveLength(60);
    expect((data.alibabaWafInstances as Array<{ resources: unknown[] }>)[0]!.resources).toHaveLength(25);
    const r = await evaluate(graph);
    expect(r['alibaba-cis-2.6']!.findings.map((f) => f.asset?.name)).toEqual(['www-7.example.com']);
  });
});
