import { describe, expect, it } from 'vitest';
import { assessTargets, formatTargets, type TargetVerdict } from '../../bench/targets.js';
import type { CollectionBenchResult } from '../../bench/collection.js';
import type { SizeResult } from '../../bench/results-format.js';

const sized = (size: number, figures: Partial<SizeResult>): SizeResult => ({ size, status: 'ok', ...figures });

/** A run of 10k, 100k and 1M whose figures meet every evaluation target, with `changes` per size. */
function run(changes: Record<number, Partial<SizeResult>> = {}): SizeResult[] {
  const base: Record<number, Partial<SizeResult>> = {
    10_000: { engineColdMs: 300, engineMs: 100, loopMs: 5.5, ratio: 10, plainMs: 50, plainRatio: 2, phases: { setsMs: 6, queriesMs: 0, reasonsMs: 0, fullMs: 0, runnerMs: 0, setsRatio: 1.5 } },
    100_000: { engineColdMs: 900, engineMs: 110, loopMs: 55, ratio: 2, plainMs: 58, plainRatio: 1.9, phases: { setsMs: 80, queriesMs: 0, reasonsMs: 0, fullMs: 0, runnerMs: 0, setsRatio: 1.45 } },
    1_000_000: { engineColdMs: 8000, engineMs: 1100, loopMs: 560, plainMs: 600, peakRssMb: 3300 },
  };
  return Object.entries(base).map(([size, figures]) => sized(Number(size), { ...figures, ...changes[Number(size)] }));
}

const collection = (figures: Partial<CollectionBenchResult> = {}): CollectionBenchResult => ({
  regions: 24, assets: 900, calls: 2500, wallMs: 2900, qpsBoundMs: 2600, slowestLimiter: 'ram', pathBoundMs: 200, boundMs: 2600, ratio: 1.12, retries: 0, throttled: 0, gaps: 0, ...figures,
});

const verdict = (verdicts: TargetVerdict[], prefix: string): TargetVerdict => {
  const found = verdicts.find((v) => v.target.startsWith(prefix));
  if (!found) throw new Error(`no target "${prefix}" in ${verdicts.map((v) => v.target).join(' | ')}`);
  return found;
};

describe('assessTargets', () => {
  it('meets every target when the figures are within them', () => {
    const verdicts = assessTargets(run(), collection(), [{ command: 'assay --help', medianMs: 300, runsMs: [300] }]);
    expect(verdicts.filter((v) => v.met === false)).toEqual([]);
    expect(verdict(verdicts, 'start-up')).toEqual({ target: 'start-up (reported)', measured: '--help 300 ms', met: undefined });
    expect(verdict(verdicts, 'first run grows').measured).toBe('10k->100k: 3.0x time for 10x assets; 100k->1M: 8.9x time for 10x assets');
  });

  it.each<[string, Record<number, Partial<SizeResult>>, string]>([
    ['the sets at 2.1x the loops', { 100_000: { phases: { setsMs: 0, queriesMs: 0, reasonsMs: 0, fullMs: 0, runnerMs: 0, setsRatio: 2.1 } } }, 'violating sets'],
    ['the full run at 7.9x the loops', { 100_000: { ratio: 7.9 } }, 'full run within 2x of the loops'],
    ['the full run at 2.4x the plain scanner', { 100_000: { plainRatio: 2.4 } }, 'full run within 2x of the plain'],
    ['a first run of exactly 1 s', { 100_000: { engineColdMs: 1000 } }, 'first run under'],
    ['a warm run of 1.2 s', { 100_000: { engineMs: 1200, ratio: 2 } }, 'warm run under'],
    ['1M at 4.1 GB', { 1_000_000: { peakRssMb: 4200 } }, '1M assets'],
    // 100k -> 1M: 16x the time for 10x the assets (more than the 1.25 slack allows).
    ['warm runs growing 16x for 10x assets', { 1_000_000: { engineMs: 1760 } }, 'warm run grows'],
  ])('does not meet its target with %s', (_, changes, target) => {
    const verdicts = assessTargets(run(changes), collection(), []);
    expect(verdict(verdicts, target).met).toBe(false);
    expect(verdicts.filter((v) => v.met === false)).toHaveLength(1);
  });

  it('holds growth to the slack: 12.5x time for 10x assets is linear, 12.6x is not', () => {
    expect(verdict(assessTargets(run({ 1_000_000: { loopMs: 55 * 12.5 } }), undefined, []), 'loops grow').met).toBe(true);
    expect(verdict(assessTargets(run({ 1_000_000: { loopMs: 55 * 12.6 } }), undefined, []), 'loops grow').met).toBe(false);
  });

  it('fails the collection target on its ratio or on any throttled call or gap', () => {
    expect(verdict(assessTargets([], collection({ ratio: 1.21 }), []), 'collection').met).toBe(false);
    expect(verdict(assessTargets([], collection({ throttled: 1 }), []), 'collection').met).toBe(false);
    expect(verdict(assessTargets([], collection({ gaps: 2 }), []), 'collection')).toEqual({
      target: 'collection within 1.2x of its bound, no call failed by throttling',
      measured: '1.12x, 0 throttled, 2 gaps',
      met: false,
    });
  });

  it('says "not measured" for sizes a run did not have, and fails 1M when it ran out of memory', () => {
    const verdicts = assessTargets([sized(1_000_000, { status: 'failed', message: 'out of memory within the 3584 MB heap budget (exit 134)' })], undefined, []);
    expect(verdict(verdicts, 'warm run under')).toEqual({ target: 'warm run under 1 s (100k)', measured: 'not measured', met: undefined });
    expect(verdict(verdicts, 'warm run grows').measured).toBe('not measured');
    expect(verdict(verdicts, '1M assets')).toEqual({ target: '1M assets in under 4 GB', measured: 'out of memory within the 3584 MB heap budget (exit 134)', met: false });
    expect(verdicts.some((v) => v.target.startsWith('collection'))).toBe(false);
  });
});

describe('formatTargets', () => {
  it('prints one left-aligned row per target with yes, NO or -', () => {
    const text = formatTargets([
      { target: 'a target', measured: '1.5x', met: true },
      { target: 'another', measured: '8x', met: false },
      { target: 'reported', measured: '300 ms', met: undefined },
    ]);
    expect(text.split('\n')).toEqual(['met  target    measured', '---  --------  --------', 'yes  a target  1.5x', 'NO   another   8x', '-    reported  300 ms']);
  });
});
