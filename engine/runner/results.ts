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
  /** The exception that covers this finding (status active), or one that expired (status expired: no longer applies). */
  exception?: FindingException;
}

/** An exception as shown on a finding or verdict: who accepted the risk, why, and until when. */
export interface FindingException {
  status: 'active' | 'expired';
  owner: string;
  reason: string;
  /** YYYY-MM-DD, the last day the exception applies. */
  expires: string;
  ticket?: string;
  /** Where the exception is written (file:line). */
  source?: string;
}

/** The verdict for one asset in a check's scope. */
export interface AssetVerdict {
  asset: AssetRef;
  status: 'pass' | 'fail';
  reason?: string;
  exception?: FindingException;
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
  /** Check documentation for reports (SARIF help text, HTML), when the reporter was given it. */
  description?: string;
  rationale?: string;
  remediation?: string;
  /** True when the check failed and every failing finding is covered by an active exception. */
  excepted?: boolean;
}

export interface ScanSummary {
  checks: Record<CheckStatus, number>;
  /** Failed findings by severity. */
  findings: Record<Severity, number>;
  assetsEvaluated: number;
  loadErrors: number;
  /** Set when exceptions were applied: how many are active, expired or stale, and findings they cover. */
  exceptions?: { active: number; expired: number; stale: number; excepted: number };
}

/** One exception entry as the scan report shows it, with what it matched. */
export interface ExceptionStatus {
  check: string;
  asset?: string;
  tags?: Record<string, string>;
  owner: string;
  reason: string;
  expires: string;
  ticket?: string;
  /** file:line of the entry. */
  source?: string;
  /** Findings it covers (active) or would have covered (expired). */
  matched: number;
}

/** Exceptions applied to a scan: active (applied), expired (no longer applied), stale (matched nothing). */
export interface ExceptionReport {
  active: ExceptionStatus[];
  expired: ExceptionStatus[];
  stale: ExceptionStatus[];
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
  /** Set when exceptions were applied (see applyExceptions). */
  exceptions?: ExceptionReport;
  /** Set when the scan was compared with a baseline (`--baseline`). */
  baseline?: BaselineSummary;
}

/** How a scan compares with a baseline scan, counted by finding (check id + asset id). */
export interface BaselineSummary {
  file?: string;
  new: number;
  resolved: number;
  unchanged: number;
  /** Baseline findings whose check did not run or could not be evaluated this time. */
  notEvaluated: number;
}
