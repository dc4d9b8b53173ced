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
import type { PlainWorld } from './plain-world.js';

export interface PlainCheckResult {
  id: string;
  assets: AssetVerdict[];
  findings: Finding[];
}

/** Output for each check with a loop, from its violating ids (`sets`, the loops' answers). */
export function reportPlainly(world: PlainWorld, checks: readonly CheckDefinition[], sets: ReadonlyMap<string, string[]>): PlainCheckResult[] {
  const scopes = new Map<string, { refs: AssetRef[]; passing: AssetVerdict[] }>();
  const scopeOf = (type: string) => {
    let scope = scopes.get(type);
    if (!scope) {
      const refs = world.of(type).map(refOf);
      scopes.set(type, (scope = { refs, passing: refs.map((asset) => ({ asset, status: 'pass' })) }));
    }
    return scope;
  };

  const out: PlainCheckResult[] = [];
  for (const check of checks) {
    const ids = sets.get(check.metadata.id);
    if (!ids || !check.scopeType) continue;
    const { metadata } = check;
    const scope = scopeOf(check.scopeType);
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
      if (at === undefined) at = world.positionOf(id);
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
