import type { AssetVerdict, CheckResult, ExceptionReport, ExceptionStatus, Finding, ScanResult } from '../runner/results.js';
import type { ExceptionEntry } from './exception-file.js';
import { compileGlob, type Glob } from './glob.js';

/** The tags of an asset by id (from the graph the scan ran on). */
export type TagLookup = (assetId: string) => Array<{ key: string; value: string | null }> | undefined;

/**
 * Marks the findings each exception covers. An entry whose `expires` day has passed no longer
 * applies: its findings stay open and carry it as `expired`. An entry that matches no finding is
 * `stale` (the risk is gone or the entry is wrong). The first matching active entry wins.
 */
export function applyExceptions(result: ScanResult, entries: ExceptionEntry[], tagsOf: TagLookup, today = new Date()): ExceptionReport {
  const day = today.toISOString().slice(0, 10);
  const matched = new Map<ExceptionEntry, number>();
  const compiled = entries.map((entry) => ({ entry, check: compileGlob(entry.check), asset: entry.asset ? compileGlob(entry.asset) : undefined, expired: entry.expires < day }));
  for (const check of result.checks) {
    for (const finding of check.findings) {
      const hits = compiled.filter((c) => c.check.test(finding.checkId) && covers(c.asset, c.entry.tags, finding, tagsOf));
      if (!hits.length) continue;
      const hit = hits.find((h) => !h.expired) ?? hits[0]!;
      for (const h of hits) matched.set(h.entry, (matched.get(h.entry) ?? 0) + 1);
      finding.exception = {
        status: hit.expired ? 'expired' : 'active',
        owner: hit.entry.owner,
        reason: hit.entry.reason,
        expires: hit.entry.expires,
        ...(hit.entry.ticket ? { ticket: hit.entry.ticket } : {}),
        source: hit.entry.source,
      };
      const verdict = finding.asset ? failedVerdicts(check).get(finding.asset.id) : undefined;
      if (verdict) verdict.exception = finding.exception;
    }
    check.excepted = check.findings.length > 0 && check.findings.every((f) => f.exception?.status === 'active');
  }
  const status = (c: (typeof compiled)[number]): ExceptionStatus => ({
    check: c.entry.check,
    ...(c.entry.asset ? { asset: c.entry.asset } : {}),
    ...(c.entry.tags ? { tags: c.entry.tags } : {}),
    owner: c.entry.owner,
    reason: c.entry.reason,
    expires: c.entry.expires,
    ...(c.entry.ticket ? { ticket: c.entry.ticket } : {}),
    source: c.entry.source,
    matched: matched.get(c.entry) ?? 0,
  });
  const report: ExceptionReport = {
    active: compiled.filter((c) => !c.expired && matched.has(c.entry)).map(status),
    expired: compiled.filter((c) => c.expired && matched.has(c.entry)).map(status),
    stale: compiled.filter((c) => !matched.has(c.entry)).map(status),
  };
  result.exceptions = report;
  // Findings by severity count only what is still open: excepted findings do not gate CI.
  const counts = result.summary.findings;
  for (const severity of Object.keys(counts) as Array<keyof typeof counts>) counts[severity] = 0;
  let excepted = 0;
  for (const check of result.checks) {
    for (const finding of check.findings) {
      if (finding.exception?.status === 'active') excepted++;
      else counts[finding.severity]++;
    }
  }
  result.summary.exceptions = {
    active: report.active.length,
    expired: report.expired.length,
    stale: report.stale.length,
    excepted,
  };
  return report;
}

function covers(asset: Glob | undefined, tags: Record<string, string> | undefined, finding: Finding, tagsOf: TagLookup): boolean {
  const id = finding.asset?.id ?? '';
  if (asset && !asset.test(id)) return false;
  if (tags) {
    const have = tagsOf(id) ?? [];
    return Object.entries(tags).every(([k, v]) => have.some((t) => t.key === k && (t.value ?? '') === v));
  }
  return true;
}

/** A check's failed verdicts by asset id (passing verdicts may be shared between checks: never annotate them). */
const failedByCheck = new WeakMap<CheckResult, Map<string, AssetVerdict>>();
function failedVerdicts(check: CheckResult): Map<string, AssetVerdict> {
  let map = failedByCheck.get(check);
  if (!map) {
    map = new Map();
    for (const verdict of check.assets) if (verdict.status === 'fail') map.set(verdict.asset.id, verdict);
    failedByCheck.set(check, map);
  }
  return map;
}
