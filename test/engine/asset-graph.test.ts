import { describe, expect, it } from 'vitest';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset } from '../../engine/graph/asset.js';

const asset = (id: string, type = 'T'): Asset => ({ id, type, provider: 'p', accountId: '1', region: null, name: id, tags: [] });

describe('AssetGraph.canonicalize', () => {
  it('orders types, assets, edge targets and gaps the same whatever order they were added in', () => {
    const build = (order: number[]): AssetGraph => {
      const g = new AssetGraph({ provider: 'p' });
      const assets = [asset('b', 'U'), asset('c'), asset('a'), asset('root', 'R')];
      for (const i of order) g.addAsset(assets[i]);
      const edges: Array<[string, string, string]> = [['root', 'items', 'c'], ['root', 'items', 'a'], ['root', 'owner', 'b'], ['a', 'next', 'c']];
      for (const i of order) g.addEdge(...edges[i]);
      const gaps = [{ provider: 'p', product: 'z', action: 'A', code: 'X', message: '' }, { provider: 'p', product: 'a', action: 'B', region: 'r2', code: 'X', message: '' }];
      for (const gap of order[0] % 2 ? gaps : [...gaps].reverse()) g.addGap(gap);
      return g.canonicalize();
    };
    const one = build([0, 1, 2, 3]);
    const two = build([3, 2, 1, 0]);
    for (const g of [one, two]) {
      expect(g.types).toEqual(['R', 'T', 'U']);
      expect(g.assetsOfType('T').map((a) => a.id)).toEqual(['a', 'c']);
      expect(g.targets('root', 'items').map((a) => a.id)).toEqual(['a', 'c']);
      expect([...g.edges()]).toEqual([
        { from: 'a', label: 'next', to: 'c' },
        { from: 'root', label: 'items', to: 'a' },
        { from: 'root', label: 'items', to: 'c' },
        { from: 'root', label: 'owner', to: 'b' },
      ]);
      expect(g.gaps.map((x) => x.product)).toEqual(['a', 'z']);
      expect(g.metadata).toEqual({ provider: 'p' });
    }
    expect([...one.assets()].map((a) => a.id)).toEqual([...two.assets()].map((a) => a.id));
    expect(one.edgeTotal).toBe(4);
  });
});
