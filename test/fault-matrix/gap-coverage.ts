import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { SchemaModel } from '../../engine/schema/type-model.js';

/** Fields every asset has that no call fills in on its own. */
const IDENTITY = new Set(['id', 'type', 'provider', 'accountId']);

/**
 * The connector's contract, checked from the outside: every way a graph collected under a fault
 * differs from the same collection without it — an asset missing or extra, a field with another
 * value (nested objects field by field), an edge missing — is covered by a gap (`types` for
 * assets and edges to them, `Type.field` for fields). What is not covered would reach checks as
 * data: the fail-open this guards against. Returns one line per uncovered difference.
 */
export function uncoveredDifferences(base: AssetGraph, faulted: AssetGraph, model: SchemaModel): string[] {
  const gapTypes = new Set(faulted.gaps.flatMap((g) => g.types ?? []));
  const gapFields = new Set(faulted.gaps.flatMap((g) => g.fields ?? []));
  const fieldCovered = (type: string, field: string): boolean => gapFields.has(`${type}.${field}`) || gapFields.has(`${type}.*`);
  const out: string[] = [];

  for (const asset of base.assets()) {
    const other = faulted.getAsset(asset.id);
    if (!other) {
      if (!gapTypes.has(asset.type)) out.push(`${asset.id} (${asset.type}) is missing, with no gap of its type`);
      continue;
    }
    compareFields(asset.type, asset.id, asset, other);
  }
  for (const asset of faulted.assets()) {
    if (!base.getAsset(asset.id) && !gapTypes.has(asset.type)) out.push(`${asset.id} (${asset.type}) appeared, with no gap of its type`);
  }

  const baseEdges = edgeMap(base);
  const faultedEdges = edgeMap(faulted);
  for (const key of new Set([...baseEdges.keys(), ...faultedEdges.keys()])) {
    const [from, label] = key.split('\u0000') as [string, string];
    const before = baseEdges.get(key) ?? new Set<string>();
    const after = faultedEdges.get(key) ?? new Set<string>();
    const lost = [...before].filter((to) => !after.has(to) && faulted.getAsset(to) !== undefined);
    const gained = [...after].filter((to) => !before.has(to));
    // An edge to an asset that is gone is covered with the asset (its type's gap).
    if (!lost.length && !gained.length) continue;
    const fromType = (base.getAsset(from) ?? faulted.getAsset(from))?.type;
    if (!fromType) continue;
    // Edges of an asset that is gone are covered with the asset (its type's gap).
    if (!faulted.getAsset(from) && gapTypes.has(fromType)) continue;
    const targetType = model.get(fromType)?.fields.get(label)?.typeName;
    const covered = fieldCovered(fromType, label) || (targetType !== undefined && (model.get(targetType)?.possibleTypes ?? [targetType]).some((t) => gapTypes.has(t)));
    if (!covered) out.push(`edge ${from} -${label}-> changed (lost ${lost.join(', ') || 'none'}, gained ${gained.join(', ') || 'none'}), with no gap of ${fromType}.${label}`);
  }
  return out;

  function compareFields(type: string, where: string, a: Record<string, unknown>, b: Record<string, unknown>): void {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (IDENTITY.has(key)) continue;
      if (same(a[key], b[key]) || fieldCovered(type, key)) continue;
      // A nested object (e.g. the account's securityCenter) is compared field by field, each
      // covered by a gap of its own type (`AlibabaSecurityCenter.agents`).
      const nested = model.get(type)?.fields.get(key);
      if (nested?.kind === 'object' && !nested.list && isObject(a[key]) && isObject(b[key])) {
        compareFields(nested.typeName, `${where}.${key}`, a[key] as Record<string, unknown>, b[key] as Record<string, unknown>);
        continue;
      }
      // A list of nested objects of the same length (a WAF instance's protected resources), item
      // by item: a detail call may fill one field of each item.
      const [left, right] = [a[key], b[key]];
      if (nested?.kind === 'object' && nested.list && Array.isArray(left) && Array.isArray(right) && left.length === right.length && left.every(isObject) && right.every(isObject)) {
        left.forEach((item, i) => compareFields(nested.typeName, `${where}.${key}[${i}]`, item as Record<string, unknown>, right[i] as Record<string, unknown>));
        continue;
      }
      out.push(`${where}: ${type}.${key} changed (${brief(a[key])} -> ${brief(b[key])}), with no gap of ${type}.${key}`);
    }
  }
}

function edgeMap(graph: AssetGraph): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const edge of graph.edges()) {
    const key = `${edge.from}\u0000${edge.label}`;
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(edge.to);
  }
  return map;
}

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const brief = (v: unknown): string => {
  const text = JSON.stringify(v ?? null);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
