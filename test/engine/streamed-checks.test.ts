/**
 * A check whose expectation reads only its violating list's length runs streamed: its violators
 * completed, rendered and turned into findings a slice at a time (runner/run-checks.ts). Its
 * results must be exactly those of the same check run over its whole query result, which the
 * runner does for any other expectation: here the same checks with `$count(X) = 0` instead.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { runChecks, streamedList, STREAM_SLICE } from '../../engine/runner/run-checks.js';
import { compileJsonata } from '../../engine/jsonata/guarded-jsonata.js';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { generateAccount } from '../../bench/synthetic-account.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { check } from '../helpers/checks.js';
import { AlibabaGraphBuilder } from '../helpers/alibaba-graph.js';
import { bundledSchema } from '../helpers/engine.js';

const assay = bundledSchema();
const packs = findPacks([bundledChecksDir()]);
const packChecks = (name: string) => loadPackChecks(findPack(packs, name), assay, packageRoot()).checks;
const v2 = packChecks('cis-alibaba-v2.0.0');
// Two packs in one scan: the same questions twice, so renderings are shared across checks.
const both = [...v2, ...packChecks('cis-alibaba-v1.0.0')];

/** The same check, run over its whole result: an expectation that reads the items' count. */
function overWholeResult(c: CheckDefinition): CheckDefinition {
  if (!c.expectation || c.expectation.kind === 'jsonata') return c;
  const text = `$count(${c.expectation.alias}) = 0`;
  return { ...c, expectation: { kind: 'jsonata', expression: compileJsonata(text, assay.jsonataLimits), text } };
}

/** What a scan found, without timings. */
function outcome(scan: ScanResult) {
  return scan.checks.map((c) => ({
    id: c.id,
    status: c.status,
    message: c.message,
    verdicts: c.assets.map((v) => [v.asset, v.status, v.reason]),
    findings: c.findings.map((f) => [f.checkId, f.asset, f.reason, f.title, f.file]),
  }));
}

function synthetic(size: number): AssetGraph {
  const account = generateAccount(size, 20261201);
  const graph = new AssetGraph({ provider: 'alibaba' });
  for (const asset of account.assets) graph.addAsset(asset);
  for (const edge of account.edges) graph.addEdge(edge.from, edge.label, edge.to);
  return graph;
}

describe('streamed checks', () => {
  it('every query check of the bundled packs runs streamed, and none once it reads its items', () => {
    const queried = both.filter((c) => c.document && !c.metadata.manual);
    expect(queried.filter((c) => !streamedList(c, assay)).map((c) => c.metadata.id)).toEqual([]);
    expect(queried.filter((c) => streamedList(overWholeResult(c), assay)).map((c) => c.metadata.id)).toEqual([]);
  });

  // The synthetic account has checks with more violators than one slice.
  it.each([
    ['the demo account', () => loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json')), 1],
    ['a synthetic account of 20,000 assets', () => synthetic(20_000), STREAM_SLICE + 1],
  ])('give what the whole result gives, over %s', async (_name, graphOf, mostViolators) => {
    const graph = graphOf();
    const streamed = await runChecks(both, { assay, graph });
    const whole = await runChecks(both.map(overWholeResult), { assay, graph });
    expect(outcome(streamed)).toEqual(outcome(whole));
    expect(streamed.summary).toEqual(whole.summary);
    expect(Math.max(...streamed.checks.map((c) => c.findings.length))).toBeGreaterThanOrEqual(mostViolators);
  });

  it('fall back to the whole query when an item does not complete, in any slice', async () => {
    const open = check(
      '# id: t-open\n# title: Open\n# severity: low\n# scope: alibabaOssBuckets\n# expect: Open eq []',
      'query Open { Open: alibabaOssBuckets(where: { acl: { ne: "private" } }) { ...AssetFragment acl } }',
    );
    expect(streamedList(open, assay)).toBeDefined();
    for (const broken of [0, STREAM_SLICE + 5]) {
      const b = new AlibabaGraphBuilder();
      for (let i = 0; i < STREAM_SLICE + 10; i++) b.bucket(`b${i}`, { acl: 'public-read', ...(i === broken ? { accountId: null } : {}) });
      const [streamed] = (await runChecks([open], { assay, graph: b.graph })).checks;
      const [whole] = (await runChecks([overWholeResult(open)], { assay, graph: b.graph })).checks;
      // A null in a non-null field: GraphQL's own error, as the whole query gives it.
      expect(streamed.status).toBe('error');
      expect(streamed.message).toMatch(/accountId/);
      expect([streamed.status, streamed.message, streamed.findings]).toEqual([whole.status, whole.message, whole.findings]);
    }
  });
});
