import type { Asset, Edge } from './asset.js';
import type { Gap } from './gap.js';
import { AssayError } from '../errors/assay-error.js';

/** Collection metadata stored with a graph (and in snapshots). */
export interface GraphMetadata {
  provider?: string;
  accountId?: string;
  regions?: string[];
  collectedAt?: string;
  /** Set when the data came from a custom endpoint (not the provider's own): its URL, and whether it was plain HTTP. */
  customEndpoint?: { url: string; plainHttp: boolean };
  [key: string]: unknown;
}

const NO_ASSETS: readonly Asset[] = Object.freeze([]);

/**
 * The in-memory asset graph. Assets are indexed by id and by type, edges by source and label,
 * so resolving a field or listing a type is a map lookup, never a scan.
 */
export class AssetGraph {
  readonly metadata: GraphMetadata;
  private readonly assetsById = new Map<string, Asset>();
  private readonly assetsByType = new Map<string, Asset[]>();
  /** from id -> label -> target ids, in insertion order. */
  private readonly outgoing = new Map<string, Map<string, Set<string>>>();
  private readonly gapList: Gap[] = [];
  private edgeCount = 0;

  constructor(metadata: GraphMetadata = {}) {
    this.metadata = { ...metadata };
  }

  /** Adds an asset. A second asset with the same id is a connector bug, so it throws. */
  addAsset(asset: Asset): Asset {
    if (this.assetsById.has(asset.id)) {
      throw new AssayError('DUPLICATE_ASSET', `Asset "${asset.id}" was added twice.`);
    }
    this.assetsById.set(asset.id, asset);
    let list = this.assetsByType.get(asset.type);
    if (!list) this.assetsByType.set(asset.type, (list = []));
    list.push(asset);
    return asset;
  }

  /** Adds an edge; both ends may be added later (edges to missing assets resolve to nothing). */
  addEdge(from: string, label: string, to: string): void {
    let labels = this.outgoing.get(from);
    if (!labels) this.outgoing.set(from, (labels = new Map()));
    let targets = labels.get(label);
    if (!targets) labels.set(label, (targets = new Set()));
    if (targets.has(to)) return;
    targets.add(to);
    this.edgeCount++;
  }

  addGap(gap: Gap): void {
    this.gapList.push(gap);
  }

  getAsset(id: string): Asset | undefined {
    return this.assetsById.get(id);
  }

  /** All assets of one type, in insertion order. The array is shared: do not mutate it. */
  assetsOfType(type: string): readonly Asset[] {
    return this.assetsByType.get(type) ?? NO_ASSETS;
  }

  /** Assets at the end of `label` edges from `from`, skipping targets that were never collected. */
  targets(from: string, label: string): Asset[] {
    const ids = this.outgoing.get(from)?.get(label);
    if (!ids) return [];
    const out: Asset[] = [];
    for (const id of ids) {
      const asset = this.assetsById.get(id);
      if (asset) out.push(asset);
    }
    return out;
  }

  /** The first target of a `label` edge, or null. */
  target(from: string, label: string): Asset | null {
    const ids = this.outgoing.get(from)?.get(label);
    if (!ids) return null;
    for (const id of ids) {
      const asset = this.assetsById.get(id);
      if (asset) return asset;
    }
    return null;
  }

  get types(): string[] {
    return [...this.assetsByType.keys()];
  }

  get size(): number {
    return this.assetsById.size;
  }

  get edgeTotal(): number {
    return this.edgeCount;
  }

  get gaps(): readonly Gap[] {
    return this.gapList;
  }

  /**
   * Puts the graph in canonical order, in place: types, assets by id, each edge's targets by id,
   * gaps by product, action and region. Concurrent collection adds in whatever order calls
   * complete; a canonical graph makes the same account give the same query results, reports and
   * snapshot bytes. Returns the graph.
   */
  canonicalize(): this {
    const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const types = [...this.assetsByType.keys()].sort(byId);
    const lists = types.map((type) => this.assetsByType.get(type)!.sort((x, y) => byId(x.id, y.id)));
    this.assetsByType.clear();
    this.assetsById.clear();
    types.forEach((type, i) => {
      this.assetsByType.set(type, lists[i]);
      for (const asset of lists[i]) this.assetsById.set(asset.id, asset);
    });
    const outgoing = [...this.outgoing.entries()].sort(([x], [y]) => byId(x, y));
    this.outgoing.clear();
    for (const [from, labels] of outgoing) {
      const sorted = new Map<string, Set<string>>();
      for (const label of [...labels.keys()].sort(byId)) sorted.set(label, new Set([...labels.get(label)!].sort(byId)));
      this.outgoing.set(from, sorted);
    }
    const gapKey = (g: Gap): string => `${g.product}\u0000${g.action}\u0000${g.region ?? ''}\u0000${g.code}`;
    this.gapList.sort((x, y) => byId(gapKey(x), gapKey(y)));
    return this;
  }

  *assets(): IterableIterator<Asset> {
    yield* this.assetsById.values();
  }

  *edges(): IterableIterator<Edge> {
    for (const [from, labels] of this.outgoing) {
      for (const [label, targets] of labels) {
        for (const to of targets) yield { from, label, to };
      }
    }
  }
}
