/**
 * What a hand-written scanner pays to report what its loops found, in the engine's output shapes
 * (AssetRef, AssetVerdict, Finding): one reference per asset in scope, a verdict for every asset
 * in scope (the passing ones shared by the checks of one scope), and for each violator a failed
 * verdict and a finding whose reason is one template string.
 *
 * A floor under the engine's output, not its equal: the engine's reasons are each check's JSONata
 * over its violator (most list the offending rules, keys or settings), and a GraphQL result object
 * is built for each violator first. The loops plus this are "a plain scanner": what the loops
 * alone leave out of a scan.
 */
import type { Asset, AssetRef, AssetVerdict, CheckDefinition, Finding } from '../engine/index.js';
import type { LoopCheck, LoopScope, PlainWorld } from './plain-world.js';

export interface PlainCheckResult {
  id: string;
  assets: AssetVerdict[];
  findings: Finding[];
}

/**
 * Output for each check with a loop, from its violating ids (`sets`, the loops' answers). A check
 * whose scope filters its type is in scope through its loop's `scope` (from `loops`); a check with
 * nothing in scope is skipped, as the engine skips it.
 */
export function reportPlainly(
  world: PlainWorld,
  checks: readonly CheckDefinition[],
  loops: readonly LoopCheck[],
  sets: ReadonlyMap<string, string[]>,
): PlainCheckResult[] {
  const filtered = new Map<string, LoopScope>();
  for (const loop of loops) if (loop.scope) filtered.set(loop.id, loop.scope);
  // Keyed by type name, or by the LoopScope itself for a filtered scope (shared by its checks).
  const scopes = new Map<string | LoopScope, { refs: AssetRef[]; passing: AssetVerdict[] }>();
  const scopeOf = (key: string | LoopScope) => {
    let scope = scopes.get(key);
    if (!scope) {
      const refs: AssetRef[] = [];
      if (typeof key === 'string') for (const asset of world.of(key)) refs.push(refOf(asset));
      else for (const asset of world.of(key.type)) if (key.has(asset)) refs.push(refOf(asset));
      scopes.set(key, (scope = { refs, passing: refs.map((asset) => ({ asset, status: 'pass' })) }));
    }
    return scope;
  };

  const out: PlainCheckResult[] = [];
  for (const check of checks) {
    const ids = sets.get(check.metadata.id);
    const key = check.scopeType ?? filtered.get(check.metadata.id);
    if (!ids || !key) continue;
    const { metadata } = check;
    const scope = scopeOf(key);
    if (scope.refs.length === 0) continue; // nothing in scope: the check does not apply
    const assets = ids.length ? scope.passing.slice() : scope.passing;
    const findings: Finding[] = [];
    // The loops list violators in the world's order: walk the scope in step, as the engine does,
    // and look the rest up in the world's index.
    let next = 0;
    let inStep = true;
    for (const id of ids) {
      let at: number | undefined;
      if (inStep) {
        while (next < scope.refs.length && scope.refs[next].id !== id) next++;
        if (next < scope.refs.length) at = next++;
        else inStep = false;
      }
      // (A filtered scope is not the world's array: the loops list its violators in step.)
      if (at === undefined && typeof key === 'string') at = world.positionOf(id);
      if (at === undefined || scope.refs[at]?.id !== id) continue;
      const asset = scope.refs[at];
      const reason = `${asset.type} ${asset.name ?? asset.id} does not meet: ${metadata.title}`;
      assets[at] = { asset, status: 'fail', reason };
      // Written out here, not the runner's: this is the hand-written scanner (the shapes are the engine's).
      findings.push({
        checkId: metadata.id,
        title: metadata.title,
        severity: metadata.severity,
        asset,
        reason,
        remediation: metadata.remediation,
        frameworks: metadata.frameworks,
        file: check.file,
      });
    }
    out.push({ id: metadata.id, assets, findings });
  }
  return out;
}

function refOf(asset: Asset): AssetRef {
  return { id: asset.id, type: asset.type, name: asset.name, region: asset.region, accountId: asset.accountId, provider: asset.provider };
}
