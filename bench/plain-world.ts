/**
 * What a hand-written scanner would keep: assets in arrays by type, and each asset's links
 * (edge label -> the collected assets it points at) in plain Maps. The loop checks read only
 * this; they never touch the engine's AssetGraph, GraphQL or JSONata.
 */
import type { Asset, AssetGraph } from '../engine/index.js';

export interface EdgeSpec {
  from: string;
  label: string;
  to: string;
}

const NONE: readonly Asset[] = Object.freeze([]);

export class PlainWorld {
  private readonly byType = new Map<string, Asset[]>();
  private readonly links = new Map<string, Map<string, Asset[]>>();
  /** Each asset's position in its type's array. */
  private readonly positions = new Map<string, number>();

  constructor(assets: Iterable<Asset>, edges: Iterable<EdgeSpec>) {
    const byId = new Map<string, Asset>();
    for (const asset of assets) {
      byId.set(asset.id, asset);
      let list = this.byType.get(asset.type);
      if (!list) this.byType.set(asset.type, (list = []));
      this.positions.set(asset.id, list.push(asset) - 1);
    }
    for (const { from, label, to } of edges) {
      const target = byId.get(to);
      if (!target) continue; // an edge to an asset that was not collected leads nowhere
      let labels = this.links.get(from);
      if (!labels) this.links.set(from, (labels = new Map()));
      let list = labels.get(label);
      if (!list) labels.set(label, (list = []));
      if (!list.includes(target)) list.push(target);
    }
  }

  static fromGraph(graph: AssetGraph): PlainWorld {
    return new PlainWorld(graph.assets(), graph.edges());
  }

  /** All assets of a GraphQL type name, e.g. `AlibabaOssBucket`. */
  of(type: string): readonly Asset[] {
    return this.byType.get(type) ?? NONE;
  }

  /** Where an asset is in `of(its type)`, or undefined for an id it does not hold. */
  positionOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  /** The collected assets an asset's `label` edges point at. */
  targets(from: Asset, label: string): readonly Asset[] {
    return this.links.get(from.id)?.get(label) ?? NONE;
  }

  /** The first collected asset of a single-valued `label` edge, or null. */
  target(from: Asset, label: string): Asset | null {
    return this.links.get(from.id)?.get(label)?.[0] ?? null;
  }
}

/** The assets of one type a check with a filtered scope gives verdicts for (its `scope:` where). */
export interface LoopScope {
  /** The GraphQL type name, e.g. `AlibabaRdsInstance`. */
  type: string;
  has(asset: Asset): boolean;
}

/** A plain-JavaScript equivalent of one check: the ids of the assets it finds violating. */
export interface LoopCheck {
  /** The check id, e.g. `alibaba-cis-2.1`. */
  id: string;
  /** For a check whose scope filters its type: which assets are in it (the loop finds only those). */
  scope?: LoopScope;
  /** `now` is the scan's clock (ms since epoch), for age thresholds. */
  run(world: PlainWorld, now: number): string[];
}
