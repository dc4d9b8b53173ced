import type { BaselineSummary, Finding, ScanResult } from '../runner/results.js';
import { findingKey } from '../report/common.js';

/** How two scans' findings compare, by stable key: check id + asset id. */
export interface ScanDiff {
  /** In the new scan, not in the old one. */
  new: Finding[];
  /** In the old scan, and its check ran and evaluated this time without finding it. */
  resolved: Finding[];
  /** In both. */
  unchanged: Finding[];
  /**
   * In the old scan, but its check did not run or could not be evaluated (error, skip, manual)
   * this time: not counted as resolved, because nothing shows that it is.
   */
  notEvaluated: Finding[];
}

/** Compares an earlier scan (baseline) with a later one. */
export function diffScans(before: ScanResult, after: ScanResult): ScanDiff {
  const afterKeys = new Map(after.checks.flatMap((c) => c.findings).map((f) => [findingKey(f), f]));
  const beforeKeys = new Set(before.checks.flatMap((c) => c.findings).map(findingKey));
  const evaluated = new Set(after.checks.filter((c) => c.status === 'pass' || c.status === 'fail').map((c) => c.id));
  const diff: ScanDiff = { new: [], resolved: [], unchanged: [], notEvaluated: [] };
  for (const finding of afterKeys.values()) (beforeKeys.has(findingKey(finding)) ? diff.unchanged : diff.new).push(finding);
  for (const finding of before.checks.flatMap((c) => c.findings)) {
    if (afterKeys.has(findingKey(finding))) continue;
    (evaluated.has(finding.checkId) ? diff.resolved : diff.notEvaluated).push(finding);
  }
  return diff;
}

export function summarizeDiff(diff: ScanDiff, file?: string): BaselineSummary {
  return { ...(file ? { file } : {}), new: diff.new.length, resolved: diff.resolved.length, unchanged: diff.unchanged.length, notEvaluated: diff.notEvaluated.length };
}
