import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { capPages } from '../../emulator/paging.js';
import type { World } from '../../emulator/types.js';
import { collectAlibaba, type AlibabaCollectOptions } from '../../../connectors/alibaba/index.js';
import { loadChecks } from '../../../engine/checks/load-checks.js';
import { runChecks } from '../../../engine/runner/run-checks.js';
import type { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { bundledSchema } from '../../helpers/engine.js';

/** ACK as the CS model defines it: paging to the total, JSON-string meta_data/master_url, successful checks only, addon gaps. */
const UID = '1000000000000004';
const ROOT = { accessKeyId: 'LTAI5tAckRootKey000001', accessKeySecret: 'ack-root-secret-000000000000000' };
const CHECKS = ['7.4-ack-cluster-check-weekly', '7.5-ack-dashboard-disabled', '7.7-ack-network-policy-enabled', '7.9-ack-private-cluster'];
const fast: Partial<AlibabaCollectOptions> = { retryBaseDelayMs: 5, retryMaxDelayMs: 50, timeoutMs: 2000, env: {}, products: ['cs'], regions: ['cn-hangzhou'] };
const recent = new Date(Date.now() - 86_400_000).toISOString();
const old = '2024-01-01T02:00:00+08:00';

function cluster(id: string, checks: object[]): Record<string, unknown> {
  return {
    cluster_id: id, name: id, region_id: 'cn-hangzhou', cluster_type: 'ManagedKubernetes', state: 'running',
    master_url: JSON.stringify({ intranet_api_server_endpoint: 'https://192.168.0.1:6443' }),
    // meta_data lists only the addons chosen at creation: it cannot show that a dashboard was added later.
    meta_data: JSON.stringify({ AuditProjectName: 'k8s-log', Addons: [{ name: 'terway-eniip', config: JSON.stringify({ NetworkPolicy: 'true' }) }] }),
    addons: [{ name: 'terway-eniip', state: 'active', version: 'v1.9.0' }, { name: 'kubernetes-dashboard', state: 'active', version: 'v2.7.0' }],
    nodepools: [], checks,
  };
}

function world(): World {
  return {
    account: { AccountId: UID, HomeRegion: 'cn-hangzhou' },
    credentials: [{ AccessKeyId: ROOT.accessKeyId, AccessKeySecret: ROOT.accessKeySecret, AccountId: UID, Type: 'root' }],
    regions: [{ RegionId: 'cn-hangzhou' }],
    cs: {
      clusters: [
        // A recent check that failed, an old one that succeeded: not checked this week.
        cluster('c-failed', [{ check_id: 'k1', type: 'ClusterUpgrade', status: 'Succeeded', created_at: old, finished_at: old }, { check_id: 'k2', type: 'MasterUpgrade', status: 'Failed', created_at: recent, finished_at: recent }]),
        cluster('c-ok', [{ check_id: 'k3', type: 'NodePoolUpgrade', status: 'Succeeded', created_at: recent, finished_at: recent }]),
        cluster('c-running', [{ check_id: 'k4', type: 'ClusterMigrate', status: 'Running', created_at: recent }]),
      ],
    },
  };
}

async function evaluate(graph: AssetGraph) {
  const assay = bundledSchema();
  const { checks, errors } = loadChecks(CHECKS.map((f) => fileURLToPath(new URL(`../../../checks/alibaba/cis-v2.0.0/${f}.graphql`, import.meta.url))), assay);
  expect(errors).toEqual([]);
  const { checks: results } = await runChecks(checks, { assay, graph });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('ACK against the emulator', () => {
  let emu: RunningEmulator;
  const w = world();
  beforeAll(async () => {
    // One cluster a page, whatever page_size asks.
    capPages(w, { 'cs:DescribeClustersV1': 1 });
    emu = await startEmulator({ world: w });
  });
  afterAll(() => emu.close());
  const collect = () => collectAlibaba({ credentials: ROOT, endpoint: emu.url, ...fast });

  it('pages past short pages, parses the JSON strings, and counts only successful checks for 7.4', async () => {
    const { graph, stats } = await collect();
    expect(graph.gaps).toEqual([]);
    expect(stats.actions['cs:DescribeClustersV1']!.calls).toBe(3);
    const clusters = graph.assetsOfType('AlibabaAckCluster');
    expect(clusters.map((c) => c.name).sort()).toEqual(['c-failed', 'c-ok', 'c-running']);
    expect(clusters.every((c) => c.publicApiServer === false && c.auditProjectName === 'k8s-log' && c.networkPolicyEnabled === true)).toBe(true);
    const r = await evaluate(graph);
    expect(r['alibaba-cis-7.4']!.status).toBe('fail');
    expect(r['alibaba-cis-7.4']!.findings.map((f) => f.asset?.name).sort()).toEqual(['c-failed', 'c-running']);
    expect(r['alibaba-cis-7.5']!.status).toBe('fail');
  });

  it('a failed addon call is a gap on every addon-derived field: 7.5 and 7.7 error, never pass on meta_data', async () => {
    emu.setFaults([{ product: 'cs', action: 'ListClusterAddonInstances', kind: 'deny' }]);
    try {
      const { graph } = await collect();
      expect(graph.gaps).toHaveLength(3);
      expect(graph.gaps[0]!.fields).toEqual(expect.arrayContaining(['AlibabaAckCluster.addons', 'AlibabaAckCluster.dashboardEnabled', 'AlibabaAckCluster.networkPolicyEnabled', 'AlibabaAckCluster.eniMultiIpEnabled']));
      expect(graph.assetsOfType('AlibabaAckCluster').map((c) => c.dashboardEnabled)).toEqual([null, null, null]);
      const r = await evaluate(graph);
      expect(r['alibaba-cis-7.5']!.status).toBe('error');
      expect(r['alibaba-cis-7.7']!.status).toBe('error');
      expect(r['alibaba-cis-7.9']!.status).toBe('pass');
    } finally {
      emu.setFaults([]);
    }
  });
});
