import type { CheckResult, ScanResult } from '../runner/results.js';
import { assetLabel, customEndpointNote, escapeXml, isExcepted } from './common.js';
import { joinChunks, type ReportChunks } from './chunks.js';

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): a testsuite per pack
 * and a testcase per check × asset, so every failed asset shows as its own failed test. Errors
 * (data not collected) are <error>; skipped, manual and excepted results are <skipped>.
 */
export function renderJunit(result: ScanResult): string {
  return joinChunks(renderJunitChunks(result));
}

/** renderJunit's lines one at a time. */
export function* renderJunitChunks(result: ScanResult): ReportChunks {
  const suites = new Map<string, CheckResult[]>();
  for (const check of result.checks) {
    const name = check.pack ? `${check.pack.name} ${check.pack.version}` : 'checks';
    const list = suites.get(name);
    if (list) list.push(check);
    else suites.set(name, [check]);
  }
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const endpointNote = customEndpointNote(result.source);
  // JUnit has no place for scan metadata but a suite's properties; every suite carries the warning.
  const properties = endpointNote ? `\n    <properties><property name="assay.customEndpoint" value="${escapeXml(endpointNote)}"/></properties>` : '';
  const body: Array<{ header: string; cases: Testcase[] }> = [];
  for (const [name, checks] of suites) {
    const cases = checks.flatMap(testcases);
    const counts = {
      tests: cases.length,
      failures: cases.filter((c) => c.kind === 'failure').length,
      errors: cases.filter((c) => c.kind === 'error').length,
      skipped: cases.filter((c) => c.kind === 'skipped').length,
    };
    totals.tests += counts.tests;
    totals.failures += counts.failures;
    totals.errors += counts.errors;
    totals.skipped += counts.skipped;
    const time = seconds(checks.reduce((sum, c) => sum + c.durationMs, 0));
    const header = `  <testsuite name="${escapeXml(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="${time}" timestamp="${escapeXml(result.startedAt.replace(/Z$/, ''))}">${properties}`;
    body.push({ header, cases });
  }
  const account = `${result.source.provider ?? 'cloud'} ${result.source.accountId ?? ''}`.trim();
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="${escapeXml(`Assay ${account}`)}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">\n`;
  for (const { header, cases } of body) {
    yield header + '\n';
    for (const c of cases) yield c.xml + '\n';
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

interface Testcase {
  kind: 'pass' | 'failure' | 'error' | 'skipped';
  xml: string;
}

function testcases(check: CheckResult): Testcase[] {
  const classname = escapeXml(check.id);
  const time = seconds(check.durationMs);
  const open = (name: string) => `    <testcase classname="${classname}" name="${escapeXml(name)}" time="${time}">`;
  const title = `${check.title}`;
  if (check.status === 'error') {
    return [{ kind: 'error', xml: `${open(title)}\n      <error type="not-evaluated" message="${escapeXml(check.message ?? 'not evaluated')}">${escapeXml(check.message ?? '')}</error>\n    </testcase>` }];
  }
  if (check.status === 'skip' || check.status === 'manual') {
    const message = check.status === 'manual' ? `manual: ${check.message ?? ''}` : check.message ?? 'skipped';
    return [{ kind: 'skipped', xml: `${open(title)}\n      <skipped>${escapeXml(message)}</skipped>\n    </testcase>` }];
  }
  const out: Testcase[] = [];
  const failed = new Set(check.findings.map((f) => f.asset?.id ?? ''));
  for (const finding of check.findings) {
    const name = `${title} — ${assetLabel(finding.asset)}`;
    if (isExcepted(finding)) {
      const e = finding.exception!;
      out.push({ kind: 'skipped', xml: `${open(name)}\n      <skipped>${escapeXml(`excepted by ${e.owner} until ${e.expires}: ${e.reason}`)}</skipped>\n    </testcase>` });
    } else {
      out.push({
        kind: 'failure',
        xml: `${open(name)}\n      <failure type="${escapeXml(finding.severity)}" message="${escapeXml(finding.reason)}">${escapeXml(
          [finding.reason, finding.remediation ? `Remediation:\n${finding.remediation}` : ''].filter(Boolean).join('\n\n'),
        )}</failure>\n    </testcase>`,
      });
    }
  }
  for (const verdict of check.assets) {
    if (verdict.status === 'pass' && !failed.has(verdict.asset.id)) out.push({ kind: 'pass', xml: `${open(`${title} — ${assetLabel(verdict.asset)}`)}</testcase>` });
  }
  if (!out.length) out.push({ kind: 'pass', xml: `${open(title)}</testcase>` });
  return out;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
