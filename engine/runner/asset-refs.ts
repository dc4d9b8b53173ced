import type { AssetGraph } from '../graph/asset-graph.js';
import type { Asset } from '../graph/asset.js';
import type { AssetRef } from './results.js';

/**
 * The scan's one AssetRef per graph asset (findings and verdicts of every check share it).
 * Refs are made per type, in the graph's order, for scopes; the index by id that a query item
 * needs is built only when one is first asked for: most checks find their violators in their
 * scope by position (ScopePlacer), and a Map of every asset costs about 1 µs an entry.
 */
export class AssetRefs {
  private readonly byType = new Map<string, AssetRef[]>();
  private byId: Map<string, AssetRef> | undefined;

  constructor(private readonly graph: AssetGraph) {}

  /** Refs of every asset of one concrete type, in graph order (shared: do not mutate). */
  ofType(type: string): AssetRef[] {
    let refs = this.byType.get(type);
    if (!refs) {
      const index = this.byId;
      refs = this.graph.assetsOfType(type).map((asset) => {
        if (!index) return refOfStored(asset);
        let ref = index.get(asset.id);
        if (!ref) index.set(asset.id, (ref = refOfStored(asset)));
        return ref;
      });
      this.byType.set(type, refs);
    }
    return refs;
  }

  /** The ref of a query item: the graph asset's when it is one, else one made from the item. */
  forItem(item: unknown): AssetRef {
    const id = (item as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return toAssetRef(item, this.graph);
    const index = this.index();
    let ref = index.get(id);
    if (ref) return ref;
    const stored = this.graph.getAsset(id);
    if (!stored) return toAssetRef(item, this.graph);
    index.set(id, (ref = refOfStored(stored)));
    return ref;
  }

  private index(): Map<string, AssetRef> {
    if (!this.byId) {
      this.byId = new Map();
      for (const refs of this.byType.values()) for (const ref of refs) this.byId.set(ref.id, ref);
    }
    return this.byId;
  }
}

function refOfStored(asset: Asset): AssetRef {
  // Strings as they are, without a call each: a scan makes one ref per asset in scope.
  const { type, name, region, accountId, provider } = asset;
  return {
    id: asset.id,
    type: typeof type === 'string' ? type : text(type),
    name: typeof name === 'string' ? name : text(name),
    region: typeof region === 'string' ? region : text(region),
    accountId: typeof accountId === 'string' ? accountId : text(accountId),
    provider: typeof provider === 'string' ? provider : text(provider),
  };
}

function text(value: unknown): string | null {
  return value == null ? null : String(value);
}

/** A reference from a query item, completed from the graph when the query selected little. */
export function toAssetRef(item: unknown, graph: AssetGraph): AssetRef {
  const v = item as Record<string, unknown>;
  const id = String(v.id);
  const stored = graph.getAsset(id);
  const pick = (key: string): string | null => text(v[key] ?? stored?.[key]);
  return { id, type: pick('type'), name: pick('name'), region: pick('region'), accountId: pick('accountId'), provider: pick('provider') };
}
