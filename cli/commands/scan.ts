import { readSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { DEFAULT_INPUT_LIMITS } from '../../engine/errors/input-limits.js';
import { inputLimitsFrom } from '../input-limit-flags.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { SEVERITIES, type Severity } from '../../engine/checks/check-definition.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { collectLive, plannedReads } from '../acquire-graph.js';
import { liveIo, type LiveArgs } from '../live-options.js';
import { customEndpointNote } from '../../engine/report/common.js';
import { safeText } from '../output/terminal-text.js';
import { parseOutputTargets, writeReports } from '../output/write-reports.js';
import { loadCheckSet, loadSchema, printErrors, selectChecks, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { resolve } from 'node:path';
import { readExceptionsFile } from '../../engine/exceptions/exception-file.js';
import { applyExceptions } from '../../engine/exceptions/apply-exceptions.js';
import { diffScans, summarizeDiff, type ScanDiff } from '../../engine/diff/diff-scans.js';
import { readScanResult } from '../../engine/diff/read-scan-result.js';

export interface ScanArgs extends EngineArgs, LiveArgs {
  snapshot?: string;
  /** Write reports through a symbolic link at their path (default: refuse it). */
  followSymlinks?: boolean;
  output?: string[];
  'output-file'?: string;
  severity?: string[];
  check?: string[];
  'fail-on': string;
  exceptions?: string;
  baseline?: string;
  'fail-on-new'?: boolean;
}


export async function scanCommand(args: ScanArgs, io: CliIo): Promise<number> {
  const targets = parseOutputTargets(args.output, args['output-file']);
  const assay = loadSchema(args, io);
  const loaded = selectChecks(loadCheckSet(args, assay, io), args.check, args.severity);
  printErrors(loaded.errors, io);
  // Live: collect only the products the selected checks read (query-planned collection).
  // --max-input-mb and friends bound every file the scan reads.
  const limits = inputLimitsFrom(args);
  const graph = args.snapshot
    ? await readSnapshot(args.snapshot, limits)
    : await collectLive(args, liveIo(args, io), plannedReads(loaded.checks));
  // Live or from a snapshot: data a custom endpoint served is said loudly, not only in the report.
  const endpointNote = customEndpointNote(graph.metadata);
  if (endpointNote) io.stderr(`WARNING: ${safeText(endpointNote)}\n`);
  // Read the side files before the scan: a bad one is a usage error, not a wasted scan.
  const exceptions = args.exceptions ? readExceptionsFile(resolve(io.cwd, args.exceptions), { ...DEFAULT_INPUT_LIMITS, ...limits }) : undefined;
  const baseline = args.baseline ? readScanResult(resolve(io.cwd, args.baseline), { ...DEFAULT_INPUT_LIMITS, ...limits }) : undefined;
  const result = await runChecks(loaded.checks, { assay, graph, loadErrors: loaded.errors });
  if (exceptions) applyExceptions(result, exceptions, (id) => graph.getAsset(id)?.tags);
  let diff: ScanDiff | undefined;
  if (baseline) {
    diff = diffScans(baseline, result);
    result.baseline = summarizeDiff(diff, args.baseline);
  }
  writeReports(result, targets, io, { followSymlinks: args.followSymlinks });
  if (diff && args['fail-on-new']) return exitCodeForNew(result, diff, args['fail-on']);
  return exitCodeFor(result, args['fail-on']);
}

/** With a baseline: 1 only for new, open findings at/above the threshold (or any check error). */
export function exitCodeForNew(result: ScanResult, diff: ScanDiff, failOn: string): number {
  const open = diff.new.filter((f) => f.exception?.status !== 'active');
  return gate(result, failOn, (gated) => open.some((f) => gated.includes(f.severity)));
}

/** 2 when check files failed to load; 1 for findings at/above the threshold or any check error; else 0. */
export function exitCodeFor(result: ScanResult, failOn: string): number {
  return gate(result, failOn, (gated) => gated.some((s) => result.summary.findings[s] > 0));
}

/** The shared order: load errors, then check errors (never success), then findings at/above --fail-on. */
function gate(result: ScanResult, failOn: string, hasFindings: (gated: Severity[]) => boolean): number {
  if (result.loadErrors.length) return EXIT.USAGE;
  if (result.summary.checks.error > 0) return EXIT.FINDINGS;
  if (failOn === 'none') return EXIT.OK;
  const gated = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn as Severity) + 1);
  return hasFindings(gated) ? EXIT.FINDINGS : EXIT.OK;
}
