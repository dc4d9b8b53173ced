import crypto from 'node:crypto';
import { SEVERITIES, type Severity } from '../checks/check-definition.js';
import type { AssetRef, CheckResult, Finding, ScanResult } from '../runner/results.js';

/** Helpers the report formats share. Every report is a pure function ScanResult → text (a string, or its pieces: chunks.ts). */

/** A finding is excepted when an active exception covers it; an expired one no longer does. */
export function isExcepted(finding: { exception?: { status: string } }): boolean {
  return finding.exception?.status === 'active';
}

/** Every finding of the scan, most severe first, then by check id and asset id. */
export function allFindings(result: ScanResult): Finding[] {
  return result.checks
    .flatMap((check) => check.findings)
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.checkId.localeCompare(b.checkId) ||
        (a.asset?.id ?? '').localeCompare(b.asset?.id ?? ''),
    );
}

/** The findings that gate the exit code: failed and not covered by an active exception. */
export function openFindings(result: ScanResult): Finding[] {
  return allFindings(result).filter((f) => !isExcepted(f));
}

/** The key that identifies a finding across scans: check id + asset id. */
export function findingKey(finding: { checkId: string; asset: AssetRef | null }): string {
  return `${finding.checkId}\u0000${finding.asset?.id ?? ''}`;
}

/** The one-shot hash (Node 20.12+): ~2x faster than a Hash object, and there is one per finding in SARIF and OCSF. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** A stable fingerprint of a finding (SARIF partialFingerprints, OCSF finding uid). */
export function findingFingerprint(checkId: string, assetId: string | null | undefined): string {
  const text = `${checkId}\u0000${assetId ?? ''}`;
  return oneShotHash ? oneShotHash('sha256', text) : crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The pack of a check, from the folder of its file: `checks/alibaba/cis-v2.0.0/x.graphql` →
 * `checks/alibaba/cis-v2.0.0`. Absolute paths keep their last three folders at most.
 */
export function packOf(check: Pick<CheckResult, 'file'>): string {
  const parts = check.file.replace(/\\/g, '/').split('/');
  parts.pop();
  if (!parts.length) return 'checks';
  const at = parts.lastIndexOf('checks');
  return (at >= 0 ? parts.slice(at) : parts.slice(-3)).join('/') || 'checks';
}

/**
 * The section of a check for summaries: the first number of its pack recommendation or of its
 * first framework reference (CIS "2.1" → "2"), else its pack folder.
 */
export function sectionOf(check: Pick<CheckResult, 'file' | 'pack' | 'frameworks'>): string {
  const ref =
    check.pack?.recommendation ??
    (check.frameworks ? [Object.values(check.frameworks)[0]].flat()[0] : undefined);
  const head = typeof ref === 'string' ? /^(\d+)/.exec(ref)?.[1] : undefined;
  return head ? `Section ${head}` : packOf(check);
}

/** A short label for an asset: `Type name (id)`. */
export function assetLabel(asset: AssetRef | null): string {
  if (!asset) return '(check)';
  const type = asset.type ?? 'Asset';
  return asset.name ? `${type} ${asset.name} (${asset.id})` : `${type} ${asset.id}`;
}

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning reads `security-severity` (0–10): >= 9 critical, >= 7 high, >= 4 medium, else low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical. */
export const OCSF_SEVERITY_ID: Record<Severity, number> = { info: 1, low: 2, medium: 3, high: 4, critical: 5 };

/** Frameworks as `name:ref` strings. */
export function frameworkRefs(frameworks: Record<string, string | string[]> | undefined): string[] {
  if (!frameworks) return [];
  return Object.entries(frameworks).flatMap(([name, ref]) => [ref].flat().map((r) => `${name}:${r}`));
}

/** Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; lone surrogates; FFFE/FFFF) become U+FFFD. */
export function xmlSafe(text: string): string {
  // Also DEL, the C1 controls (U+009B is a one-character CSI when a JUnit file is printed in a CI
  // log) and the bidi overrides that reorder what a reader sees.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Escapes text for XML/HTML element content and (double-quoted) attribute values. */
export function escapeXml(text: string): string {
  return xmlSafe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The custom endpoint the scanned data came from (source metadata `customEndpoint`), when there was one. */
export function customEndpointOf(source: Record<string, unknown>): { url: string; plainHttp: boolean } | undefined {
  const value = source.customEndpoint as { url?: unknown; plainHttp?: unknown } | null | undefined;
  if (!value || typeof value !== 'object' || typeof value.url !== 'string') return undefined;
  return { url: value.url, plainHttp: value.plainHttp === true };
}

/**
 * One sentence for every report that shows where its data came from: a custom endpoint answered
 * for the account, so it decided every verdict. Undefined when the provider's own endpoints did.
 */
export function customEndpointNote(source: Record<string, unknown>): string | undefined {
  const endpoint = customEndpointOf(source);
  if (!endpoint) return undefined;
  return `Collected through a custom endpoint, ${endpoint.url}${endpoint.plainHttp ? ' (plain HTTP)' : ''}, not the provider's own: whoever serves it decided every answer.`;
}
