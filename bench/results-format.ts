/**
 * What `npm run bench` writes to bench/results/bench-<timestamp>.json (one run, every size), and
 * the plain-text table both the bench and `bench/compare.ts` print.
 */
import type { CollectionBenchResult } from './collection.js';
import type { PhaseTimes } from './breakdown.js';
import type { StartupFigure } from './startup.js';
import type { TargetVerdict } from './targets.js';

export interface BenchReport {
  tool: { name: string; version: string };
  startedAt: string;
  node: string;
  cpus: number;
  totalMemMb: number;
  childHeapMb: number;
  runs: number;
  seed: number;
  results: SizeResult[];
  /** The median of the collection runs. */
  collection?: CollectionBenchResult;
  collectionRuns: CollectionBenchResult[];
  startup: StartupFigure[];
  /** The targets against this run's figures (absent in results written before session 11). */
  targets?: TargetVerdict[];
}

export interface CheckFigures {
  id: string;
  status: string;
  violations: number;
  engineMs: number;
  loopMs: number;
}

export interface SizeResult {
  size: number;
  status: 'ok' | 'mismatch' | 'skipped' | 'failed';
  message?: string;
  assets?: number;
  edges?: number;
  /** Assets per type. */
  types?: Record<string, number>;
  generateMs?: number;
  graphBuildMs?: number;
  schemaAndLoadMs?: number;
  /** Heap after the graph is built and the generator's arrays are gone: the account's own size. */
  graphHeapMb?: number;
  /** The first run of the pack in the process (cold code), as one CLI scan. */
  engineColdMs?: number;
  /** The loops' first run in the process (cold code, like the engine's first run). */
  loopColdMs?: number;
  /** engineColdMs / loopColdMs: one scan against one run of hand-written loops. */
  coldRatio?: number;
  engineMs?: number;
  engineRunsMs?: number[];
  loopMs?: number;
  loopRunsMs?: number[];
  ratio?: number;
  /** The loops plus plain output (plain-output.ts): refs, verdicts and a finding per violator. */
  plainMs?: number;
  /** engineMs / plainMs: the engine against a plain scanner producing the same findings. */
  plainRatio?: number;
  peakRssMb?: number;
  heapUsedMb?: number;
  /** Warm medians of the evaluation's phases (breakdown.ts); runnerMs = full run - queries - reasons. */
  phases?: PhaseTimes & { runnerMs: number; setsRatio: number };
  checks?: CheckFigures[];
  /** The last warm scan's reports, written as `assay scan -o FORMAT=FILE` writes them (below 1M). */
  reports?: ReportFigures[];
  /** One whole `assay scan` process over a snapshot of the account, json and sarif written (below 1M). */
  wholeScan?: WholeScanFigures;
  mismatches?: Mismatch[];
}

export interface WholeScanFigures {
  ms: number;
  peakRssMb: number;
  snapshotMb: number;
  /** json and sarif together. */
  reportsMb: number;
}

export interface ReportFigures {
  format: string;
  ms: number;
  /** Size of the file written. */
  mb: number;
}

export interface Mismatch {
  id: string;
  when: string;
  engineCount: number;
  loopCount: number;
  engineOnly: string[];
  loopOnly: string[];
  engineStatus: string;
  engineMessage?: string;
}

/** Rows as a text table: the first row is the header; numbers right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, i) => (i === 0 || i === r.length - 1 && isNaN(Number(cell[0])) ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
