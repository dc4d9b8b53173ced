/**
 * A deterministic synthetic Alibaba account of any size, for the evaluation bench. The demo
 * account (collected from the emulator by the real connector, so every field has the shape the
 * connector gives it) supplies the templates: each synthetic asset is a copy (parsed from JSON) of a randomly
 * chosen demo asset of its type, with a new id and name. Type proportions follow a large
 * account (many disks and instances, fewer VPCs, one account-level asset), so every check of
 * the CIS pack has work in proportion to what it would have in a real account, and the mix of
 * passing and failing assets comes from the demo's own mix.
 *
 * Edges are copied from the template: an edge to a demo asset of a replicated type goes to a
 * random copy of that target; edges to singletons (the account) and to assets never collected
 * are kept as they are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from '../engine/index.js';
import { packageRoot } from '../engine/package-root.js';
import type { EdgeSpec } from './plain-world.js';
import { prng } from '../test/emulator/faults.js';

/** Share of the replicated assets per type (a large account: compute and storage dominate). */
export const TYPE_WEIGHTS: Record<string, number> = {
  AlibabaEcsDisk: 22,
  AlibabaEcsInstance: 14,
  AlibabaEcsSecurityGroup: 8,
  AlibabaRamUser: 8,
  AlibabaOssBucket: 8,
  AlibabaSlsLogstore: 6,
  AlibabaRdsInstance: 5,
  AlibabaRamPolicy: 5,
  AlibabaKmsKey: 4,
  AlibabaDdosCooDomain: 3,
  AlibabaVpc: 2,
  AlibabaSlsProject: 2,
  AlibabaSlsAlert: 2,
  AlibabaVpcFlowLog: 1,
  AlibabaAckCluster: 1,
  AlibabaActionTrail: 0.02,
  AlibabaWafInstance: 0.01,
  AlibabaCloudFirewall: 0.01,
};

/** Log Audit central projects kept as such (one per region of a large account). */
const CENTRAL_PROJECTS = 20;

export interface SyntheticAccount {
  assets: Asset[];
  edges: EdgeSpec[];
  /** Assets per type, for the figures. */
  counts: Record<string, number>;
}

interface Snapshot {
  assets: Asset[];
  edges: EdgeSpec[];
}

let demoCache: Snapshot | undefined;

function demoAccount(): Snapshot {
  return (demoCache ??= JSON.parse(readFileSync(join(packageRoot(), 'test', 'demo', 'demo-account.snapshot.json'), 'utf8')) as Snapshot);
}

/** Builds an account of exactly `size` assets (at least one per replicated type plus the account). */
export function generateAccount(size: number, seed = 20261125): SyntheticAccount {
  const rand = prng(seed);
  const demo = demoAccount();
  const templatesByType = new Map<string, Asset[]>();
  for (const asset of demo.assets) {
    if (!(asset.type in TYPE_WEIGHTS)) continue;
    let list = templatesByType.get(asset.type);
    if (!list) templatesByType.set(asset.type, (list = []));
    list.push(asset);
  }
  const singletons = demo.assets.filter((a) => !(a.type in TYPE_WEIGHTS));
  const types = [...templatesByType.keys()];
  const counts = apportion(size - singletons.length, types);

  // Copies are parsed from JSON text, as a snapshot load or an API response gives assets to a
  // scan: V8 builds such objects ~25% smaller than structuredClone's (fast properties, shared
  // field names), so the bench's memory is the memory of a real account of that size.
  const texts = new Map<Asset, string>();
  const copyOf = (template: Asset): Asset => {
    let text = texts.get(template);
    if (text === undefined) texts.set(template, (text = JSON.stringify(template)));
    return JSON.parse(text) as Asset;
  };
  const assets: Asset[] = singletons.map(copyOf);
  // For each demo asset: the ids of its copies (edges to it are spread over them).
  const copiesOf = new Map<string, string[]>();
  // Each copy with its template, to copy edges once every copy exists.
  const made: Array<[template: Asset, copy: Asset]> = [];
  for (const type of types) {
    const templates = templatesByType.get(type)!;
    for (let i = 0; i < counts[type]; i++) {
      const template = templates[Math.floor(rand() * templates.length)];
      const copy = copyOf(template);
      copy.id = `${template.id}~${i}`;
      if (copy.name != null) copy.name = `${copy.name}-${i}`;
      // A Log Audit central project exists once per region, not once per copy: its copies are
      // ordinary projects (the alert checks read every central project's alerts).
      if (type === 'AlibabaSlsProject' && i >= CENTRAL_PROJECTS && copy.name?.startsWith('slsaudit-center-')) copy.name = copy.name.replace('slsaudit-center-', 'project-');
      assets.push(copy);
      made.push([template, copy]);
      let list = copiesOf.get(template.id);
      if (!list) copiesOf.set(template.id, (list = []));
      list.push(copy.id);
    }
  }

  const edgesFrom = new Map<string, EdgeSpec[]>();
  for (const edge of demo.edges) {
    let list = edgesFrom.get(edge.from);
    if (!list) edgesFrom.set(edge.from, (list = []));
    list.push(edge);
  }
  const retarget = (to: string): string | undefined => {
    const copies = copiesOf.get(to);
    if (copies) return copies[Math.floor(rand() * copies.length)];
    // A demo asset of a replicated type that no copy was made of: the edge leads nowhere.
    return demo.assets.some((a) => a.id === to && a.type in TYPE_WEIGHTS) ? undefined : to;
  };
  const edges: EdgeSpec[] = [];
  for (const singleton of singletons) {
    // The account links to every copy of what it linked to (its users, buckets, trails...).
    for (const edge of edgesFrom.get(singleton.id) ?? []) {
      const copies = copiesOf.get(edge.to);
      if (copies) for (const to of copies) edges.push({ from: singleton.id, label: edge.label, to });
      else if (!demo.assets.some((a) => a.id === edge.to && a.type in TYPE_WEIGHTS)) edges.push({ ...edge });
    }
  }
  for (const [template, copy] of made) {
    for (const edge of edgesFrom.get(template.id) ?? []) {
      const to = retarget(edge.to);
      if (to) edges.push({ from: copy.id, label: edge.label, to });
    }
  }
  const all: Record<string, number> = {};
  for (const asset of assets) all[asset.type] = (all[asset.type] ?? 0) + 1;
  if (assets.length !== size) throw new Error(`generator made ${assets.length} assets, wanted ${size}`);
  return { assets, edges, counts: all };
}

/** Splits `total` over the types by weight (largest remainder), at least one each. */
function apportion(total: number, types: string[]): Record<string, number> {
  if (total < types.length) throw new Error(`a synthetic account needs at least ${types.length + 1} assets`);
  const weight = types.reduce((sum, t) => sum + TYPE_WEIGHTS[t], 0);
  const out: Record<string, number> = {};
  let given = 0;
  const remainders: Array<[string, number]> = [];
  for (const type of types) {
    const exact = 1 + ((total - types.length) * TYPE_WEIGHTS[type]) / weight;
    out[type] = Math.floor(exact);
    given += out[type];
    remainders.push([type, exact - out[type]]);
  }
  remainders.sort((a, b) => b[1] - a[1]);
  for (let i = 0; given < total; i++, given++) out[remainders[i % remainders.length][0]]++;
  return out;
}
