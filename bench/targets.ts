/**
 * The performance issue's targets (#6), each held against one bench run's figures: what the
 * target says, what was measured, and whether it is met. Ratios are measured within the run, so a
 * verdict compares across machine states; "under 1 s" and "under 4 GB" are absolute.
 */
import type { CollectionBenchResult } from './collection.js';
import type { SizeResult } from './results-format.js';
import type { StartupFigure } from './startup.js';

export interface TargetVerdict {
  target: string;
  measured: string;
  /** undefined: reported only (no threshold), or not measured in this run. */
  met: boolean | undefined;
}

/** Time may grow this much faster than assets between two sizes and still count as linear (the machine's noise). */
export const LINEAR_SLACK = 1.25;

/** The size the evaluation targets name, the size that must fit the memory budget, and the limits. */
const TARGET_SIZE = 100_000;
const LARGE_SIZE = 1_000_000;
const MAX_RATIO = 2;
const MAX_MS = 1000;
const MAX_RSS_MB = 4096;
const MAX_COLLECTION_RATIO = 1.2;

export function assessTargets(results: readonly SizeResult[], collection: CollectionBenchResult | undefined, startup: readonly StartupFigure[]): TargetVerdict[] {
  const ok = results.filter((r) => r.status === 'ok');
  const mid = ok.find((r) => r.size === TARGET_SIZE);
  const large = results.find((r) => r.size === LARGE_SIZE);
  const verdicts: TargetVerdict[] = [
    ratio('violating sets within 2x of the loops (100k)', mid?.phases?.setsRatio),
    ratio('full run within 2x of the loops (100k)', mid?.ratio),
    ratio('full run within 2x of the plain scanner, the same output by hand (100k)', mid?.plainRatio),
    under('first run under 1 s (100k)', mid?.engineColdMs, MAX_MS, 'ms'),
    under('warm run under 1 s (100k)', mid?.engineMs, MAX_MS, 'ms'),
    large?.status === 'failed'
      ? { target: '1M assets in under 4 GB', measured: large.message ?? 'failed', met: false }
      : under('1M assets in under 4 GB (peak RSS)', large?.peakRssMb, MAX_RSS_MB, 'MB'),
    growth('first run grows linearly', ok, (r) => r.engineColdMs),
    growth('warm run grows linearly', ok, (r) => r.engineMs),
    growth('loops grow linearly (the floor)', ok, (r) => r.loopMs),
    // For reference: hand-written code making the same output, in the same process after the engine's runs.
    growth('plain scanner grows linearly (reference)', ok, (r) => r.plainMs),
  ];
  if (collection) {
    const clean = collection.throttled === 0 && collection.gaps === 0;
    verdicts.push({
      target: 'collection within 1.2x of its bound, no call failed by throttling',
      measured: `${collection.ratio}x, ${collection.throttled} throttled, ${collection.gaps} gaps`,
      met: collection.ratio <= MAX_COLLECTION_RATIO && clean,
    });
  }
  if (startup.length) {
    verdicts.push({ target: 'start-up (reported)', measured: startup.map((f) => `${f.command.replace(/^assay /, '')} ${f.medianMs} ms`).join(', '), met: undefined });
  }
  return verdicts;
}

function ratio(target: string, value: number | undefined): TargetVerdict {
  return value === undefined ? notMeasured(target) : { target, measured: `${value}x`, met: value <= MAX_RATIO };
}

function under(target: string, value: number | undefined, limit: number, unit: string): TargetVerdict {
  return value === undefined ? notMeasured(target) : { target, measured: `${Math.round(value)} ${unit}`, met: value < limit };
}

/** Between each pair of consecutive sizes: how many times the time grew against how many times the assets did. */
function growth(target: string, results: readonly SizeResult[], figure: (r: SizeResult) => number | undefined): TargetVerdict {
  const measured = results.filter((r) => figure(r) !== undefined).sort((a, b) => a.size - b.size);
  if (measured.length < 2) return notMeasured(target);
  const steps: string[] = [];
  let met = true;
  for (let i = 1; i < measured.length; i++) {
    const [a, b] = [measured[i - 1], measured[i]];
    const assets = b.size / a.size;
    const time = figure(b)! / Math.max(figure(a)!, 1e-3);
    steps.push(`${short(a.size)}->${short(b.size)}: ${time.toFixed(1)}x time for ${round(assets)}x assets`);
    if (time > assets * LINEAR_SLACK) met = false;
  }
  return { target, measured: steps.join('; '), met };
}

function notMeasured(target: string): TargetVerdict {
  return { target, measured: 'not measured', met: undefined };
}

const round = (n: number): string => String(Math.round(n * 10) / 10);
const short = (n: number): string => (n >= 1e6 && n % 1e5 === 0 ? `${round(n / 1e6)}M` : n >= 1e3 && n % 100 === 0 ? `${round(n / 1e3)}k` : String(n));

/** The verdicts as a text table, left-aligned (the cells are prose): met `yes`, not met `NO`, `-` for reported only or not measured. */
export function formatTargets(verdicts: readonly TargetVerdict[]): string {
  const rows = [['met', 'target', 'measured'], ...verdicts.map((v) => [v.met === undefined ? '-' : v.met ? 'yes' : 'NO', v.target, v.measured])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
