import { createHash } from 'node:crypto';
import { SEVERITIES } from '../checks/check-definition.js';
import { CHECK_STATUSES, type CheckResult, type ScanResult } from '../runner/results.js';
import { assetLabel, customEndpointNote, escapeXml as esc, isExcepted, sectionOf } from './common.js';
import { joinChunks, lineChunks, type ReportChunks } from './chunks.js';

/** The page's only script: filters rows by severity, status and text. No data lives in it. */
const FILTER_SCRIPT = `
const $ = (s) => document.querySelector(s);
function apply() {
  const sev = $('#f-severity').value, st = $('#f-status').value, q = $('#f-text').value.toLowerCase();
  let shown = 0;
  for (const row of document.querySelectorAll('tr.row')) {
    const ok = (!sev || row.dataset.severity === sev) && (!st || row.dataset.status === st) && (!q || row.textContent.toLowerCase().includes(q));
    row.hidden = !ok;
    if (ok) shown++;
  }
  $('#shown').textContent = String(shown);
}
for (const id of ['#f-severity', '#f-status']) $(id).addEventListener('change', apply);
$('#f-text').addEventListener('input', apply);
apply();
`;

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d8dee4;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}.sev-critical{color:#a40e26;font-weight:600}.sev-high{color:#bc4c00;font-weight:600}.sev-medium{color:#9a6700}
.st-fail{color:#a40e26}.st-error{color:#8250df}.st-pass{color:#1a7f37}.st-excepted{color:#57606a}
pre{white-space:pre-wrap;margin:4px 0;font-size:12px;background:#f6f8fa;padding:6px}
.warning{border-left:4px solid #bc4c00;background:#fff8c5;padding:8px 12px}
.filters{display:flex;gap:12px;margin:12px 0}.counts td,.counts th{text-align:right}.counts td:first-child,.counts th:first-child{text-align:left}
`;

/**
 * One self-contained HTML file: no network, no external assets. Summary by section, severity and
 * status; a filterable table of every finding (asset, reason, remediation, exception) and of every
 * check that could not be evaluated. Every cloud-provided string is escaped, and the Content
 * Security Policy allows only the page's own script (by hash), so an injected one cannot run.
 */
export function renderHtml(result: ScanResult): string {
  return joinChunks(renderHtmlChunks(result));
}

/** renderHtml's page in pieces: the head and summary, then a finding's row at a time. */
export function* renderHtmlChunks(result: ScanResult): ReportChunks {
  const scriptHash = createHash('sha256').update(FILTER_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:`;
  const account = `${String(result.source.provider ?? 'cloud')} account ${String(result.source.accountId ?? 'unknown')}`;
  const endpointNote = customEndpointNote(result.source);
  const rows: string[] = [];
  for (const check of result.checks) {
    for (const f of check.findings) {
      const excepted = isExcepted(f);
      const e = f.exception;
      const exception = e
        ? `${e.status === 'active' ? 'Excepted' : 'Expired exception'}: ${esc(e.owner)}, until ${esc(e.expires)}${e.ticket ? `, ${esc(e.ticket)}` : ''} — ${esc(e.reason)}`
        : '';
      rows.push(
        `<tr class="row" data-severity="${esc(f.severity)}" data-status="${excepted ? 'excepted' : 'fail'}">` +
          `<td class="sev-${esc(f.severity)}">${esc(f.severity)}</td>` +
          `<td class="st-${excepted ? 'excepted' : 'fail'}">${excepted ? 'excepted' : 'fail'}</td>` +
          `<td>${esc(sectionOf(check))}</td>` +
          `<td><b>${esc(check.id)}</b><br>${esc(check.title)}</td>` +
          `<td class="asset">${esc(assetLabel(f.asset))}</td>` +
          `<td class="reason">${esc(f.reason)}${f.remediation ? `<details><summary>Remediation</summary><pre>${esc(f.remediation.trim())}</pre></details>` : ''}</td>` +
          `<td>${exception}</td></tr>`,
      );
    }
    if (check.status === 'error') {
      rows.push(
        `<tr class="row" data-severity="${esc(check.severity)}" data-status="error">` +
          `<td class="sev-${esc(check.severity)}">${esc(check.severity)}</td><td class="st-error">error</td>` +
          `<td>${esc(sectionOf(check))}</td><td><b>${esc(check.id)}</b><br>${esc(check.title)}</td><td></td>` +
          `<td class="reason">${esc(check.message ?? 'Not evaluated.')}</td><td></td></tr>`,
      );
    }
  }
  yield `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Assay report — ${esc(account)}</title>
<style>${STYLE}</style></head>
<body>
<h1>Assay report — ${esc(account)}</h1>
<p>${esc(result.tool.name)} ${esc(result.tool.version)}, scan started ${esc(result.startedAt)}; ${result.checks.length} checks, ${result.summary.assetsEvaluated} assets evaluated.</p>
${endpointNote ? `<p class="warning"><b>Warning:</b> ${esc(endpointNote)}</p>\n` : ''}<h2>Summary</h2>
${summaryBySection(result.checks)}
${summaryBySeverity(result)}
<h2>Findings</h2>
<div class="filters">
<label>Severity <select id="f-severity"><option value="">all</option>${SEVERITIES.map((s) => `<option>${s}</option>`).join('')}</select></label>
<label>Status <select id="f-status"><option value="">all</option><option>fail</option><option>excepted</option><option>error</option></select></label>
<label>Search <input id="f-text" type="search" placeholder="check, asset, reason"></label>
<span><span id="shown">${rows.length}</span> shown</span>
</div>
<table id="findings"><thead><tr><th>Severity</th><th>Status</th><th>Section</th><th>Check</th><th>Asset</th><th>Reason</th><th>Exception</th></tr></thead>
<tbody>
`;
  yield* lineChunks(rows);
  yield `
</tbody></table>
<script>${FILTER_SCRIPT}</script>
</body></html>
`;
}

function summaryBySection(checks: CheckResult[]): string {
  const sections = new Map<string, Record<string, number>>();
  for (const check of checks) {
    const key = sectionOf(check);
    const counts = sections.get(key) ?? Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0]));
    counts[check.status]++;
    sections.set(key, counts);
  }
  const head = `<tr><th>Section</th>${CHECK_STATUSES.map((s) => `<th>${s}</th>`).join('')}</tr>`;
  const body = [...sections]
    .sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))
    .map(([name, counts]) => `<tr><td>${esc(name)}</td>${CHECK_STATUSES.map((s) => `<td>${counts[s]}</td>`).join('')}</tr>`)
    .join('');
  return `<table class="counts" id="by-section">${head}${body}</table>`;
}

function summaryBySeverity(result: ScanResult): string {
  const head = `<tr><th>Severity</th><th>open findings</th><th>excepted</th></tr>`;
  const findings = result.checks.flatMap((c) => c.findings);
  const body = SEVERITIES.map((s) => {
    const of = findings.filter((f) => f.severity === s);
    const excepted = of.filter(isExcepted).length;
    return `<tr><td class="sev-${s}">${s}</td><td>${of.length - excepted}</td><td>${excepted}</td></tr>`;
  }).join('');
  return `<table class="counts" id="by-severity">${head}${body}</table>`;
}
