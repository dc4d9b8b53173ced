import { AssetGraph } from '../graph/asset-graph.js';
import type { Asset } from '../graph/asset.js';
import type { Gap } from '../graph/gap.js';
import type { SchemaModel } from '../schema/type-model.js';
import { AssayError } from '../errors/assay-error.js';
import { suggest } from '../errors/suggest.js';
import type { FixtureAsset } from './fixture-file.js';

/**
 * Builds a graph from fixture assets. A field that is an edge in the schema (e.g. an account's
 * `trails`) lists target ids and becomes edges, so fixtures stay short and readable.
 */
export function fixtureGraph(model: SchemaModel, assets: FixtureAsset[], gaps: Gap[] = [], defaults: Record<string, unknown> = {}): AssetGraph {
  const graph = new AssetGraph({ provider: String(defaults.provider ?? 'test'), accountId: String(defaults.accountId ?? '') });
  const edges: Array<[string, string, string]> = [];
  for (const fixture of assets) {
    const type = model.get(fixture.type);
    if (!type || type.abstract) {
      throw new AssayError('FIXTURE_INVALID', `Asset "${fixture.id}" has unknown type "${fixture.type}".`, {
        suggestions: suggest(fixture.type, [...model.values()].filter((t) => t.isAsset && !t.abstract).map((t) => t.name)),
      });
    }
    const asset: Asset = { provider: 'test', accountId: '', region: null, name: null, tags: [], ...defaults, ...fixture };
    for (const [key, value] of Object.entries(fixture)) {
      const field = type.fields.get(key);
      if (key === 'type' || key === 'id') continue;
      if (!field) {
        throw new AssayError('FIXTURE_INVALID', `Asset "${fixture.id}": ${fixture.type} has no field "${key}".`, {
          suggestions: suggest(key, type.fields.keys()),
        });
      }
      if (field.kind !== 'edge') continue;
      delete asset[key];
      for (const target of Array.isArray(value) ? value : value == null ? [] : [value]) edges.push([fixture.id, key, String(target)]);
    }
    graph.addAsset(asset);
  }
  for (const [from, label, to] of edges) {
    if (!graph.getAsset(to)) throw new AssayError('FIXTURE_INVALID', `Edge ${from} -${label}-> ${to}: no asset "${to}" in the case.`);
    graph.addEdge(from, label, to);
  }
  for (const gap of gaps) {
    graph.addGap({ ...gap, provider: gap.provider ?? String(defaults.provider ?? 'test'), message: gap.message ?? 'injected by fixture' });
  }
  return graph;
}
