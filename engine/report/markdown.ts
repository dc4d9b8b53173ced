import { CHECK_STATUSES, type ScanResult } from '../runner/results.js';
import { SEVERITIES } from '../checks/check-definition.js';
import { allFindings, assetLabel, customEndpointNote, isExcepted } from './common.js';
import { joinChunks, lineChunks, type ReportChunks } from './chunks.js';
import { escapeControlChars } from './control-chars.js';

/**
 * Markdown for pull-request comments: counts by status and severity, then one table row per open
 * finding (excepted ones are counted, not listed), errors after. Cloud text is escaped so a
 * resource name cannot inject links, images, HTML or table cells.
 */
export function renderMarkdown(result: ScanResult): string {
  return joinChunks(renderMarkdownChunks(result));
}

/** renderMarkdown's lines one at a time. */
export function* renderMarkdownChunks(result: ScanResult): ReportChunks {
  const counts = Object.fromEntries(CHECK_STATUSES.map((s) => [s, result.checks.filter((c) => c.status === s).length]));
  const findings = allFindings(result);
  const open = findings.filter((f) => !isExcepted(f));
  const endpointNote = customEndpointNote(result.source);
  const lines = [
    `## Assay — ${md(String(result.source.provider ?? "cloud"))} account ${md(String(result.source.accountId ?? "unknown"))}`,
    '',
    ...(endpointNote ? [`> **Warning:** ${md(endpointNote)}`, ''] : []),
    `**${result.checks.length} checks:** ${CHECK_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ')}  `,
    `**${open.length} open findings:** ${SEVERITIES.map((s) => `${open.filter((f) => f.severity === s).length} ${s}`).join(', ')}` +
      (findings.length > open.length ? ` (${findings.length - open.length} excepted)` : ''),
    '',
  ];
  if (open.length) {
    lines.push('| severity | check | asset | reason |', '|---|---|---|---|');
    for (const f of open) lines.push(`| ${f.severity} | ${md(f.checkId)} ${md(f.title)} | ${md(assetLabel(f.asset))} | ${md(f.reason)} |`);
    lines.push('');
  }
  const errors = result.checks.filter((c) => c.status === 'error');
  if (errors.length) {
    lines.push('### Not evaluated', '');
    for (const c of errors) lines.push(`- **${md(c.id)}**: ${md(c.message ?? '')}`);
    lines.push('');
  }
  yield* lineChunks(lines);
}

/**
 * Escapes Markdown and HTML metacharacters and flattens line breaks (one table cell, one line).
 * Control characters become visible `\uXXXX` (they act on a terminal that prints the file), and
 * an `@` is followed by a zero-width space (`&#8203;`, as Dependabot writes it): GitHub finds
 * mentions in the rendered text, so an escaped `@name` would still ping that person or team.
 */
export function md(text: string): string {
  return escapeControlChars(text.replace(/[\r\n\t]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/@/g, '@&#8203;');
}
