/**
 * The bench compares the engine with hand-written loops; that comparison only means something if
 * each loop finds exactly the assets its check finds. This runs every loop against every fixture
 * case of its check (and the demo account) and compares the violating asset ids.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { runCheck } from '../../engine/runner/run-checks.js';
import { fixtureGraph } from '../../engine/testing/fixture-graph.js';
import { fixturePathFor, readFixtureFile } from '../../engine/testing/run-fixtures.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import { PlainWorld } from '../../bench/plain-world.js';
import { CIS_LOOP_CHECKS } from '../../bench/loops/index.js';
import { bundledSchema } from '../helpers/engine.js';

const assay = bundledSchema();
const pack = loadPackChecks(findPack(findPacks([bundledChecksDir()]), 'cis-alibaba-v2.0.0'), assay, packageRoot());
const checks = new Map(pack.checks.map((c) => [c.metadata.id, c]));
const demo = loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json'));

/**
 * The engine's violating ids: none for a skip (nothing in scope, so a loop finds nothing either),
 * undefined when a gap made the check error (the loops know nothing of gaps). Any other error is
 * a failure of its own: it would hide a case from the comparison.
 */
async function engineViolators(check: CheckDefinition, graph: AssetGraph): Promise<string[] | undefined> {
  const result = await runCheck(check, assay, graph);
  if (result.status === 'skip') return [];
  if (result.status === 'error') {
    expect(result.gaps?.length, `${check.metadata.id} errored without a gap: ${result.message}`).toBeGreaterThan(0);
    return undefined;
  }
  return result.findings.map((f) => f.asset?.id ?? '(check)').sort();
}

it('has a loop for every check the pack evaluates by query, and no loop without a check', () => {
  const queried = pack.checks.filter((c) => !c.metadata.manual).map((c) => c.metadata.id).sort();
  const loops = CIS_LOOP_CHECKS.map((l) => l.id).sort();
  expect(loops.filter((id) => !checks.has(id))).toEqual([]);
  expect(new Set(loops).size).toBe(loops.length);
  expect(queried.filter((id) => !loops.includes(id))).toEqual([]);
});

describe.each(CIS_LOOP_CHECKS.map((loop) => [loop.id, loop] as const))('%s', (id, loop) => {
  const check = checks.get(id)!;
  const fixtures = readFixtureFile(fixturePathFor(check.file, packageRoot()));
  const cases = [...(fixtures.valid ?? []), ...(fixtures.invalid ?? []), ...(fixtures.cases ?? [])];

  it.each(cases.map((c) => [c.name, c] as const))('fixture: %s', async (_name, testCase) => {
    const graph = fixtureGraph(assay.model, testCase.assets ?? [], testCase.gaps, fixtures.defaults);
    const want = await engineViolators(check, graph);
    if (!want) return; // a gap: the engine decided nothing a loop could match
    expect(loop.run(PlainWorld.fromGraph(graph), Date.now()).sort()).toEqual(want);
  });

  it('demo account', async () => {
    const want = await engineViolators(check, demo);
    if (!want) return;
    expect(loop.run(PlainWorld.fromGraph(demo), Date.now()).sort()).toEqual(want);
  });
});
