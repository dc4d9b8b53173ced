import type { Severity } from '../checks/check-definition.js';
import type { Gap } from '../graph/gap.js';

export type CheckStatus = 'pass' | 'fail' | 'error' | 'skip' | 'manual';
export const CHECK_STATUSES: readonly CheckStatus[] = ['fail', 'error', 'pass', 'skip', 'manual'];

/** The asset a verdict or finding is about, as reports show it. */
export interface AssetRef {
  id: string;
  type: string | null;
  name: string | null;
  region: string | null;
  accountId: string | null;
  provider: string | null;
}

/** One failed asset of one check. */
export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  /** null when a check fails as a whole and names no asset (no scope, no violating list). */
  asset: AssetRef | null;
  reason: string;
  remediation?: string;
  frameworks?: Record<string, string | string[]>;
  file: string;
}

/** The verdict for one asset in a check's scope. */
export interface AssetVerdict {
  asset: AssetRef;
  status: 'pass' | 'fail';
  reason?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  severity: Severity;
  file: string;
  status: CheckStatus;
  /** Why it errored or was skipped, or the audit steps of a manual check. */
  message?: string;
  /** The gaps that made it `error`. */
  gaps?: Gap[];
  findings: Finding[];
  /** Per-asset verdicts for the assets in scope (and any violator outside it). */
  assets: AssetVerdict[];
  frameworks?: Record<string, string | string[]>;
  tags?: string[];
  level?: string;
  /** The pack the check ran in, when it ran through one. */
  pack?: { name: string; version: string; recommendation?: string };
  durationMs: number;
}

export interface ScanSummary {
  checks: Record<CheckStatus, number>;
  /** Failed findings by severity. */
  findings: Record<Severity, number>;
  assetsEvaluated: number;
  loadErrors: number;
}

export interface ScanResult {
  formatVersion: 1;
  tool: { name: string; version: string };
  startedAt: string;
  durationMs: number;
  /** Collection metadata of the graph that was scanned (provider, account, regions...). */
  source: Record<string, unknown>;
  gaps: Gap[];
  summary: ScanSummary;
  checks: CheckResult[];
  /** Check files that did not load, as {code, message, file, line, column}. */
  loadErrors: Array<Record<string, unknown>>;
}
