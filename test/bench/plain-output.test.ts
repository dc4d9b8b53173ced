/**
 * The bench's plain scanner (loops + plain-output.ts) is a floor under the engine's output only if
 * it builds the same output: for each check, a verdict per asset in scope, in the scope's order
 * and with the engine's statuses, and a finding per violator naming the same asset.
 */
import { expect, it } from 'vitest';
import { join } from 'node:path';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { PlainWorld } from '../../bench/plain-world.js';
import { CIS_LOOP_CHECKS } from '../../bench/loops/index.js';
import { reportPlainly } from '../../bench/plain-output.js';
import { bundledSchema } from '../helpers/engine.js';

it('builds the verdicts and findings the engine builds, over the demo account', async () => {
  const assay = bundledSchema();
  const { checks } = loadPackChecks(findPack(findPacks([bundledChecksDir()]), 'cis-alibaba-v2.0.0'), assay, packageRoot());
  const demo = loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json'));
  const scan = await runChecks(checks, { assay, graph: demo });
  const world = PlainWorld.fromGraph(demo);
  const now = Date.now();
  const plain = reportPlainly(world, checks, CIS_LOOP_CHECKS, new Map(CIS_LOOP_CHECKS.map((l) => [l.id, l.run(world, now)])));

  const evaluated = scan.checks.filter((c) => c.status === 'pass' || c.status === 'fail');
  expect(plain.map((c) => c.id).sort()).toEqual(evaluated.map((c) => c.id).sort());
  let findings = 0;
  for (const result of evaluated) {
    const mine = plain.find((c) => c.id === result.id)!;
    expect(mine.assets.map((v) => [v.asset, v.status]), result.id).toEqual(result.assets.map((v) => [v.asset, v.status]));
    expect(mine.findings.map((f) => [f.checkId, f.asset, f.severity]), result.id).toEqual(result.findings.map((f) => [f.checkId, f.asset, f.severity]));
    findings += mine.findings.length;
  }
  expect(findings).toBeGreaterThan(50);
});
