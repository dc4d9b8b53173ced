/**
 * Two bench runs side by side (`bench/compare.ts` is the script): per size the headline figures
 * with their change, the checks whose engine time moved most, collection, start-up and the issue's
 * targets met in each run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { table, type BenchReport, type SizeResult } from './results-format.js';
import { assessTargets, type TargetVerdict } from './targets.js';

/** A figure of a size's result, by label. */
const SIZE_FIGURES: Array<[string, (r: SizeResult) => number | undefined]> = [
  ['engine first run ms', (r) => r.engineColdMs],
  ['engine warm ms', (r) => r.engineMs],
  ['loop warm ms', (r) => r.loopMs],
  ['engine/loop', (r) => r.ratio],
  ['plain scanner ms', (r) => r.plainMs],
  ['engine/plain', (r) => r.plainRatio],
  ['sets ms', (r) => r.phases?.setsMs],
  ['sets/loop', (r) => r.phases?.setsRatio],
  ['reasons ms', (r) => r.phases?.reasonsMs],
  ['findings, verdicts ms', (r) => r.phases?.runnerMs],
  ['peak RSS MB', (r) => r.peakRssMb],
  ['json report ms', (r) => r.reports?.find((f) => f.format === 'json')?.ms],
  ['sarif report ms', (r) => r.reports?.find((f) => f.format === 'sarif')?.ms],
  ['whole assay scan ms', (r) => r.wholeScan?.ms],
  ['whole scan peak RSS MB', (r) => r.wholeScan?.peakRssMb],
];

/** The comparison as text. `top`: how many checks to list per size. */
export function compareBenchReports(before: BenchReport, after: BenchReport, top = 8): string {
  const out: string[] = [
    `before: ${before.startedAt} (node ${before.node}, ${before.cpus} CPUs)`,
    `after:  ${after.startedAt} (node ${after.node}, ${after.cpus} CPUs)`,
  ];
  for (const size of [...new Set([...before.results, ...after.results].map((r) => r.size))].sort((a, b) => a - b)) {
    const a = before.results.find((r) => r.size === size);
    const b = after.results.find((r) => r.size === size);
    out.push('', `== ${size.toLocaleString('en-US')} assets${statusNote(a, b)}`);
    out.push(table([['figure', 'before', 'after', 'change'], ...SIZE_FIGURES.map(([label, get]) => row(label, a && get(a), b && get(b)))]));
    const moved = checkChanges(a, b).slice(0, top);
    if (moved.length) {
      out.push('', 'Checks whose engine time moved most (ms):');
      out.push(table([['check', 'before', 'after', 'change'], ...moved.map((m) => row(m.id, m.before, m.after))]));
    }
  }
  if (before.collection || after.collection) {
    const c = [before.collection, after.collection];
    out.push('', 'Collection:');
    out.push(
      table([
        ['figure', 'before', 'after', 'change'],
        row('wall ms (median)', c[0]?.wallMs, c[1]?.wallMs),
        row('bound ms', c[0]?.boundMs, c[1]?.boundMs),
        row('wall/bound', c[0]?.ratio, c[1]?.ratio),
        row('throttled', c[0]?.throttled, c[1]?.throttled),
        row('retries', c[0]?.retries, c[1]?.retries),
        row('gaps', c[0]?.gaps, c[1]?.gaps),
      ]),
    );
  }
  const commands = [...new Set([...before.startup, ...after.startup].map((s) => s.command))];
  if (commands.length) {
    const median = (report: BenchReport, command: string) => report.startup.find((s) => s.command === command)?.medianMs;
    out.push('', 'Start-up (median ms):');
    out.push(table([['command', 'before', 'after', 'change'], ...commands.map((command) => row(command, median(before, command), median(after, command)))]));
  }
  out.push('', 'Targets (issue 6; met before, after):');
  out.push(table([['target', 'before', 'after'], ...targetChanges(before, after)]));
  return out.join('\n') + '\n';
}

/** Each target met or not in either run, assessed again from its figures (so older results have them too). */
function targetChanges(before: BenchReport, after: BenchReport): string[][] {
  const assess = (r: BenchReport): TargetVerdict[] => assessTargets(r.results, r.collection, r.startup);
  const [a, b] = [assess(before), assess(after)];
  const met = (v: TargetVerdict | undefined): string => (v?.met === undefined ? '-' : v.met ? 'yes' : 'NO');
  return b.map((v) => [v.target, met(a.find((x) => x.target === v.target)), met(v)]);
}

function statusNote(a: SizeResult | undefined, b: SizeResult | undefined): string {
  const notes: string[] = [];
  for (const [result, run] of [[a, 'before'], [b, 'after']] as const) {
    if (!result) notes.push(`not in ${run}`);
    else if (result.status !== 'ok') notes.push(`${run}: ${result.status}`);
  }
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/** The checks whose engine time changed, the largest change first. */
function checkChanges(a: SizeResult | undefined, b: SizeResult | undefined): Array<{ id: string; before?: number; after?: number }> {
  const before = new Map((a?.checks ?? []).map((c) => [c.id, c.engineMs]));
  const after = new Map((b?.checks ?? []).map((c) => [c.id, c.engineMs]));
  return [...new Set([...before.keys(), ...after.keys()])]
    .map((id) => ({ id, before: before.get(id), after: after.get(id), delta: Math.abs((after.get(id) ?? 0) - (before.get(id) ?? 0)) }))
    .filter((c) => c.delta > 0)
    .sort((x, y) => y.delta - x.delta || x.id.localeCompare(y.id));
}

function row(label: string, before: number | undefined, after: number | undefined): string[] {
  return [label, show(before), show(after), change(before, after)];
}

function show(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 });
}

/** The relative change, e.g. `-12%`; `-` when either side is missing or the base is 0. */
function change(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined || !Number.isFinite(before) || !Number.isFinite(after) || before === 0) return '-';
  const percent = ((after - before) / before) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(Math.abs(percent) < 10 ? 1 : 0)}%`;
}

/** The two newest result files in `dir` (names sort by their timestamp), oldest first. */
export function newestTwo(dir: string): [string, string] {
  const files = readdirSync(dir)
    .filter((f) => /^bench-.*\.json$/.test(f))
    .sort();
  if (files.length < 2) throw new Error(`Need two results in ${dir} (found ${files.length}); run npm run bench, or name two files.`);
  return [join(dir, files[files.length - 2]), join(dir, files[files.length - 1])];
}
