import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareBenchReports, newestTwo } from '../../bench/compare-reports.js';
import type { BenchReport, SizeResult } from '../../bench/results-format.js';

function report(startedAt: string, results: SizeResult[], extra: Partial<BenchReport> = {}): BenchReport {
  return { tool: { name: 'assay', version: '0' }, startedAt, node: 'v20', cpus: 2, totalMemMb: 1, childHeapMb: 1, runs: 5, seed: 1, results, collectionRuns: [], startup: [], ...extra };
}

const size = (n: number, engineMs: number, checks: Array<[string, number]>): SizeResult => ({
  size: n,
  status: 'ok',
  engineMs,
  loopMs: 10,
  ratio: engineMs / 10,
  checks: checks.map(([id, ms]) => ({ id, status: 'fail', violations: 1, engineMs: ms, loopMs: 0.1 })),
});

/** The cells of the row that starts with `label`, in the table after the line `after`. */
function cells(text: string, after: string, label: string): string[] {
  const lines = text.split('\n');
  const row = lines.slice(lines.indexOf(after)).find((l) => l.startsWith(label + ' '));
  return row!.slice(label.length).trim().split(/\s{2,}/);
}

describe('compareBenchReports', () => {
  it('prints each figure before and after with its relative change', () => {
    const text = compareBenchReports(report('a', [size(100_000, 500, [])]), report('b', [size(100_000, 400, [])]));
    expect(cells(text, '== 100,000 assets', 'engine warm ms')).toEqual(['500', '400', '-20%']);
    expect(cells(text, '== 100,000 assets', 'engine/loop')).toEqual(['50', '40', '-20%']);
    expect(cells(text, '== 100,000 assets', 'loop warm ms')).toEqual(['10', '10', '0.0%']);
    // Not measured in either run: no figure, no change.
    expect(cells(text, '== 100,000 assets', 'peak RSS MB')).toEqual(['-', '-', '-']);
  });

  it('lists the checks that moved most first, and a size only one run has', () => {
    const before = report('a', [size(10_000, 50, [['c1', 1], ['c2', 5], ['c3', 2]])]);
    const after = report('b', [size(10_000, 50, [['c1', 1], ['c2', 2], ['c3', 2.5]]), size(1_000_000, 9000, [])]);
    const text = compareBenchReports(before, after);
    const moved = text.split('Checks whose engine time moved most (ms):')[1].split('\n').slice(3, 5);
    expect(moved.map((l) => l.split(/\s+/)[0])).toEqual(['c2', 'c3']); // c1 did not move: not listed
    expect(cells(text, '== 10,000 assets', 'c2')).toEqual(['5', '2', '-60%']);
    expect(text).toContain('== 1,000,000 assets (not in before)');
  });

  it('compares collection and start-up when either run has them', () => {
    const collection = { regions: 24, assets: 1, calls: 10, wallMs: 3000, qpsBoundMs: 2500, slowestLimiter: 'x', pathBoundMs: 200, boundMs: 2500, ratio: 1.2, retries: 0, throttled: 2, gaps: 0 };
    const text = compareBenchReports(
      report('a', [], { collection, startup: [{ command: 'assay --help', medianMs: 300, runsMs: [300] }] }),
      report('b', [], { collection: { ...collection, wallMs: 2600, ratio: 1.04, throttled: 0 }, startup: [{ command: 'assay --help', medianMs: 330, runsMs: [330] }] }),
    );
    expect(cells(text, 'Collection:', 'wall/bound')).toEqual(['1.2', '1.04', '-13%']);
    expect(cells(text, 'Collection:', 'throttled')).toEqual(['2', '0', '-100%']);
    expect(cells(text, 'Start-up (median ms):', 'assay --help')).toEqual(['300', '330', '+10%']);
    // Assessed from each run's figures, so results written before the targets existed have them.
    expect(cells(text, 'Targets (issue 6; met before, after):', 'collection within 1.2x of its bound, no call failed by throttling')).toEqual(['NO', 'yes']);
  });
});

describe('newestTwo', () => {
  it('takes the two newest results by their timestamped names, oldest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-bench-'));
    for (const name of ['bench-2026-01-02T00-00-00-000Z.json', 'bench-2026-01-01T00-00-00-000Z.json', 'bench-2026-01-03T00-00-00-000Z.json', 'notes.txt']) writeFileSync(join(dir, name), '{}');
    expect(newestTwo(dir)).toEqual([join(dir, 'bench-2026-01-02T00-00-00-000Z.json'), join(dir, 'bench-2026-01-03T00-00-00-000Z.json')]);
  });

  it('says what is missing when there are fewer than two', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-bench-'));
    writeFileSync(join(dir, 'bench-2026-01-01T00-00-00-000Z.json'), '{}');
    expect(() => newestTwo(dir)).toThrow(/Need two results .* \(found 1\)/);
  });
});
