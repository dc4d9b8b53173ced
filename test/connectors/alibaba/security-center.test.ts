import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { capPages } from '../../emulator/paging.js';
import type { World } from '../../emulator/types.js';
import { collectAlibaba, type AlibabaCollectOptions } from '../../../connectors/alibaba/index.js';
import { numberedPages } from '../../../connectors/alibaba/rpc.js';
import { readVersion } from '../../../connectors/alibaba/collectors/sas.js';
import { sasSites } from '../../../connectors/alibaba/collectors/security-sites.js';
import type { CollectContext } from '../../../connectors/alibaba/context.js';
import { loadChecks } from '../../../engine/checks/load-checks.js';
import { runChecks } from '../../../engine/runner/run-checks.js';
import type { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { bundledSchema } from '../../helpers/engine.js';

/** Security Center as its official model defines it, against the emulator: sites, paging, log meta, editions. */
const UID = '1000000000000003';
const ROOT = { accessKeyId: 'LTAI5tSasRootKey000001', accessKeySecret: 'sas-root-secret-000000000000000' };
const CHECKS = ['2.9-security-center-log-analysis-enabled', '8.1-security-center-advanced-or-enterprise', '8.2-security-center-agent-on-all-assets', '8.5-security-center-notification-high-risk', '8.7-security-center-scheduled-vulnerability-scan'];
// Regions named: with Security Center alone the connector does not discover regions (collect.ts).
const fast: Partial<AlibabaCollectOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 50, timeoutMs: 2000, env: {}, products: ['sas'], regions: ['cn-hangzhou', 'ap-southeast-1'] };

/** 130 mainland hosts, 70 international hosts. */
const HOSTS = [
  ...Array.from({ length: 130 }, (_, i) => ({ InstanceId: `i-cn-${i}`, Uuid: `u-cn-${i}`, ClientStatus: 'online', RegionId: i % 2 ? 'cn-hangzhou' : 'cn-hongkong', Os: 'linux' })),
  ...Array.from({ length: 70 }, (_, i) => ({ InstanceId: `i-intl-${i}`, Uuid: `u-intl-${i}`, ClientStatus: 'online', RegionId: 'ap-southeast-1', Os: 'linux' })),
];
const store = (LogStore: string, Category: string) => ({ LogStore, Category, Status: 'enabled', Project: 'aegis-log', Ttl: 180, HotTtl: -1 });
const HIGH_RISK = ['sas_vulnerability', 'yundun_sas_vul_Emergency', 'sas_healthcheck', 'sas_suspicious', 'yundun_sas_ak_leakage'];

/** A compliant account as the API reports it: Multi-version with Advanced in use, one log store per kind, every type scanned. */
function world(): World {
  return {
    account: { AccountId: UID, HomeRegion: 'cn-hangzhou' },
    credentials: [{ AccessKeyId: ROOT.accessKeyId, AccessKeySecret: ROOT.accessKeySecret, AccountId: UID, Type: 'root' }],
    regions: [{ RegionId: 'cn-hangzhou' }, { RegionId: 'ap-southeast-1' }],
    sas: {
      versionConfig: { Version: 8, HighestVersion: 5, MergedVersion: 5, IsTrialVersion: 0, InstanceId: 'sas-mv-1' },
      noticeConfigs: [...HIGH_RISK.map((Project) => ({ Project, Route: 2, TimeLimit: 0 })), { Project: 'patch', Route: 0, TimeLimit: 0 }],
      vulConfigs: ['cve', 'sys', 'cms', 'app', 'emg'].map((Type) => ({ Type, Config: 'on', OverAllConfig: 'on' })),
      instances: HOSTS,
      logMeta: [store('aegis-log-login', 'host'), store('sas-log-dns', 'security'), store('sas-security-log', 'security')],
    },
  };
}

async function evaluate(graph: AssetGraph) {
  const assay = bundledSchema();
  const { checks, errors } = loadChecks(CHECKS.map((f) => fileURLToPath(new URL(`../../../checks/alibaba/cis-v2.0.0/${f}.graphql`, import.meta.url))), assay);
  expect(errors).toEqual([]);
  const { checks: results } = await runChecks(checks, { assay, graph });
  return Object.fromEntries(results.map((r) => [r.id, r.status]));
}

describe('Security Center against the emulator', () => {
  let emu: RunningEmulator;
  const w = world();
  beforeAll(async () => {
    // A server that returns at most 30 hosts a page, whatever PageSize asks.
    capPages(w, { 'sas:DescribeCloudCenterInstances': 30 });
    emu = await startEmulator({ world: w });
  });
  afterAll(() => emu.close());
  // Path-routed endpoint: the emulator sees which site (tds.<site>) each call went to.
  const collect = () => collectAlibaba({ credentials: ROOT, endpoint: `${emu.url}/{product}/{region}`, ...fast });

  it('reads both sites, pages past short pages to the total, and passes a compliant account', async () => {
    const { graph, stats } = await collect();
    expect(graph.gaps).toEqual([]);
    const [account] = graph.assetsOfType('AlibabaAccount');
    const sc = account!.securityCenter as Record<string, unknown> & { agents: Array<{ site: string }> };
    expect(sc.sites).toEqual(['cn-shanghai', 'ap-southeast-1']);
    // 130 hosts on the mainland site (Hong Kong included) in 5 pages of 30, 70 on the other in 3.
    expect(sc.agents.filter((a) => a.site === 'cn-shanghai')).toHaveLength(130);
    expect(sc.agents.filter((a) => a.site === 'ap-southeast-1')).toHaveLength(70);
    expect(stats.actions['sas:DescribeCloudCenterInstances']!.calls).toBe(8);
    expect(sc).toMatchObject({ version: 8, highestVersion: 5, effectiveVersion: 5, edition: 'Advanced', advancedOrBetter: true, logGroupsEnabled: ['network', 'host', 'security'], vulScanLevels: ['asap', 'later'] });
    expect(await evaluate(graph)).toEqual({ 'alibaba-cis-2.9': 'pass', 'alibaba-cis-8.1': 'pass', 'alibaba-cis-8.2': 'pass', 'alibaba-cis-8.5': 'pass', 'alibaba-cis-8.7': 'pass' });
  });

  it('a failed DescribeLogMeta is a gap on the log fields and their derived groups: 2.9 errors', async () => {
    emu.setFaults([{ product: 'sas', action: 'DescribeLogMeta', region: 'ap-southeast-1', kind: 'deny' }]);
    try {
      const { graph } = await collect();
      expect(graph.gaps.map((g) => [g.action, g.region])).toEqual([['DescribeLogMeta', 'ap-southeast-1']]);
      expect(graph.gaps[0]!.fields).toEqual(expect.arrayContaining(['AlibabaSecurityCenter.logMeta', 'AlibabaSecurityCenter.logGroupsEnabled']));
      expect((await evaluate(graph))['alibaba-cis-2.9']).toBe('error');
    } finally {
      emu.setFaults([]);
    }
  });
});

describe('paging to the total', () => {
  const ctx = () => ({ addGap: vi.fn() }) as unknown as CollectContext & { addGap: ReturnType<typeof vi.fn> };
  const spec = { product: 'sas', action: 'DescribeVulList', region: 'cn-shanghai', fields: ['AlibabaSecurityCenter.osVulnerabilities'] };
  const pages = (sizes: number[], total: number | null) => (page: number) =>
    Promise.resolve({ ok: true as const, value: { items: Array.from({ length: sizes[page - 1] ?? 0 }, (_, i) => `${page}.${i}`), total } });

  it('keeps asking after a short page until the total is reached', async () => {
    const c = ctx();
    const { items, complete } = await numberedPages(c, spec, pages([30, 30, 5], 65), (p) => p);
    expect([items.length, complete]).toEqual([65, true]);
    expect(c.addGap).not.toHaveBeenCalled();
  });

  it('a list that ends before its total is a gap on what the call feeds', async () => {
    const c = ctx();
    const { items, complete } = await numberedPages(c, spec, pages([30, 10], 65), (p) => p);
    expect([items.length, complete]).toEqual([40, false]);
    expect(c.addGap).toHaveBeenCalledWith(spec, expect.objectContaining({ code: 'PagingIncomplete' }));
  });

  it('without a total, pages until an empty page', async () => {
    const { items, complete } = await numberedPages(ctx(), spec, pages([30, 10], null), (p) => p);
    expect([items.length, complete]).toEqual([40, true]);
  });
});

describe('Security Center edition and sites as the model defines them', () => {
  it('judges the edition in force, not Version alone', () => {
    expect(readVersion({ Version: 8, HighestVersion: 5 }).effectiveVersion).toBe(5);
    expect(readVersion({ Version: 10, HighestVersion: 1, MergedVersion: 1 }).effectiveVersion).toBe(1);
    expect(readVersion({ Version: 1, MergedVersion: 7 }).effectiveVersion).toBe(7);
    expect(readVersion({ Version: 1, IsPostpay: true, PostPayStatus: 1, PostPayHostVersion: 3 }).effectiveVersion).toBe(3);
    // Pay-as-you-go stopped for overdue payment protects nothing.
    expect(readVersion({ Version: 1, IsPostpay: true, PostPayStatus: 2, PostPayHostVersion: 3 }).effectiveVersion).toBe(1);
  });

  it('reads every site the regions fall on (cn-* on Shanghai, the rest on Singapore)', () => {
    expect(sasSites(['cn-hangzhou', 'cn-hongkong'], 'cn-shanghai')).toEqual(['cn-shanghai']);
    expect(sasSites(['cn-hangzhou', 'eu-central-1'], 'cn-shanghai')).toEqual(['cn-shanghai', 'ap-southeast-1']);
    expect(sasSites([], 'ap-southeast-1')).toEqual(['ap-southeast-1']);
  });
});
