import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadWorld, startEmulator } from '../../emulator/index.js';
import { capPages } from '../../emulator/paging.js';
import { collectAlibaba } from '../../../connectors/alibaba/collect.js';
import { packageRoot } from '../../../engine/package-root.js';
import type { AssetGraph } from '../../../engine/graph/asset-graph.js';

// SLS lists page by offset/size to their total: a server that caps its pages below the size asked
// (no model documents a maximum) must not end a list early. The demo account has 3 projects,
// 2-3 logstores and 3 alerts each: a cap of 1 makes every list take several pages.
async function collectSls(caps: Record<string, number>): Promise<AssetGraph> {
  const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
  capPages(world, caps);
  const emulator = await startEmulator({ world });
  try {
    const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
    const { graph } = await collectAlibaba({
      endpoint: emulator.url,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: auditor.AccessKeySecret },
      products: ['sls'],
    });
    return graph;
  } finally {
    await emulator.close();
  }
}

const ids = (graph: AssetGraph, type: string) => graph.assetsOfType(type).map((a) => a.id).sort();

describe('SLS paging', () => {
  it('reads every project, logstore and alert when the server answers one item a page', async () => {
    const whole = await collectSls({});
    const capped = await collectSls({ 'sls:ListProject': 1, 'sls:ListLogStores': 1, 'sls:ListAlerts': 1 });
    expect(capped.gaps).toEqual([]);
    for (const type of ['AlibabaSlsProject', 'AlibabaSlsLogstore', 'AlibabaSlsAlert']) {
      expect(ids(whole, type).length, type).toBeGreaterThan(1);
      expect(ids(capped, type), type).toEqual(ids(whole, type));
    }
  });
});
