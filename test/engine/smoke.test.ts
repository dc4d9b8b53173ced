import { test, expect } from 'vitest';
import { graphql } from 'graphql';
import { buildAssaySchema } from '../../engine/schema/build-schema.js';
import { readSdlFiles, readFragmentFiles } from '../../engine/schema/sdl-source.js';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
test('smoke', async () => {
  const s = buildAssaySchema({ sdl: readSdlFiles(['schema']), fragments: readFragmentFiles(['schema']) });
  const g = new AssetGraph();
  const base = { provider: 'alibaba', accountId: '1', region: null, tags: [] };
  g.addAsset({ ...base, id: 'acc', type: 'AlibabaAccount', name: 'acc' });
  g.addAsset({ ...base, id: 't1', type: 'AlibabaActionTrail', name: 't1', trailRegion: 'All', eventRW: 'Write', isLogging: true, ossBucketName: 'b' });
  g.addAsset({ ...base, id: 't2', type: 'AlibabaActionTrail', name: 't2', trailRegion: 'All', eventRW: 'All', isLogging: true, ossBucketName: null, slsProjectArn: null });
  g.addEdge('acc', 'trails', 't1'); g.addEdge('acc', 'trails', 't2');
  const q = `{ a: alibabaAccounts(where: { trails: { none: { trailRegion: { eq: "All" }, eventRW: { eq: "All" }, isLogging: { eq: true }, or: [{ ossBucketName: { isNull: false } }, { slsProjectArn: { isNull: false } }] } } }) { id trails(where: {jsonata: "eventRW = 'All'"}) { name } } }`;
  const r = await graphql({ schema: s.schema, source: q, contextValue: { graph: g } });
  console.log(JSON.stringify(r));
  expect(r.errors).toBeUndefined();
});
