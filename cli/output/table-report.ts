import type { ScanResult } from '../../engine/runner/results.js';
import { SEVERITIES } from '../../engine/checks/check-definition.js';
import { joinChunks, lineChunks, type ReportChunks } from '../../engine/report/chunks.js';
import { colors, safeText } from './terminal-text.js';

/**
 * The terminal summary: what was scanned, counts by status and severity, then one line per
 * failed asset and per check that errored.
 */
export function renderTable(result: ScanResult, options: { color: boolean }): string {
  return joinChunks(renderTableChunks(result, options));
}

/** renderTable's lines one at a time. */
export function* renderTableChunks(result: ScanResult, options: { color: boolean }): ReportChunks {
  const c = colors(options.color);
  const lines: string[] = [];
  const s = result.summary;
  const source = result.source;
  lines.push(
    c.bold(`Assay ${result.tool.version}`) +
      ` — ${safeText(source.provider ?? 'unknown')} account ${safeText(source.accountId ?? '?')}` +
      (source.collectedAt ? `, collected ${safeText(source.collectedAt)}` : '') +
      `, ${source.assets ?? 0} assets`,
  );
  const total = Object.values(s.checks).reduce((a, b) => a + b, 0);
  lines.push(
    `Checks: ${total} — ${c.red(`${s.checks.fail} fail`)}, ${c.yellow(`${s.checks.error} error`)}, ${c.green(`${s.checks.pass} pass`)}, ${s.checks.skip} skip, ${s.checks.manual} manual` +
      (s.loadErrors ? `; ${c.red(`${s.loadErrors} check file(s) failed to load`)}` : ''),
  );
  const findingTotal = Object.values(s.findings).reduce((a, b) => a + b, 0);
  lines.push(
    `Findings: ${findingTotal} (${SEVERITIES.map((sev) => `${sev} ${s.findings[sev]}`).join(', ')})` +
      (s.exceptions ? `; ${s.exceptions.excepted} excepted` : ''),
  );
  if (s.exceptions) {
    lines.push(`Exceptions: ${s.exceptions.active} active, ${c.red(`${s.exceptions.expired} expired`)}, ${c.yellow(`${s.exceptions.stale} stale`)}`);
    for (const e of result.exceptions?.expired ?? []) {
      lines.push(`  ${c.red('expired')} ${safeText(e.source ?? '')} ${safeText(e.check)} ${safeText(e.asset ?? '')} (owner ${safeText(e.owner)}, expired ${safeText(e.expires)}): no longer applies`);
    }
    for (const e of result.exceptions?.stale ?? []) {
      lines.push(`  ${c.yellow('stale  ')} ${safeText(e.source ?? '')} ${safeText(e.check)} ${safeText(e.asset ?? '')} (owner ${safeText(e.owner)}): matches no finding`);
    }
  }
  if (result.baseline) {
    const b = result.baseline;
    lines.push(`Baseline${b.file ? ` ${safeText(b.file)}` : ''}: ${c.red(`${b.new} new`)}, ${c.green(`${b.resolved} resolved`)}, ${b.unchanged} unchanged` + (b.notEvaluated ? `, ${c.yellow(`${b.notEvaluated} not evaluated`)}` : ''));
  }

  const failed = result.checks.filter((r) => r.status === 'fail' || r.status === 'error');
  failed.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  if (failed.length) lines.push('');
  for (const check of failed) {
    if (check.status === 'error') {
      lines.push(`${c.yellow('ERROR')} ${check.severity.padEnd(8)} ${check.id}  ${safeText(check.title)}`);
      lines.push(`      ${safeText(check.message)}`);
      continue;
    }
    lines.push(`${check.excepted ? 'EXCPT' : c.red('FAIL ')} ${check.severity.padEnd(8)} ${check.id}  ${safeText(check.title)}`);
    for (const finding of check.findings) {
      const e = finding.exception;
      const asset = finding.asset;
      const region = asset?.region ? ` [${safeText(asset.region)}]` : '';
      const label = !asset
        ? '(check)'
        : asset.name
          ? `${safeText(asset.type ?? 'Asset')} ${safeText(asset.name)}${region} (${safeText(asset.id)})`
          : `${safeText(asset.type ?? 'Asset')} ${safeText(asset.id)}${region}`;
      const note = !e ? '' : e.status === 'active' ? ` [excepted: ${safeText(e.owner)} until ${safeText(e.expires)}]` : ` [exception expired ${safeText(e.expires)}: ${safeText(e.owner)}]`;
      lines.push(`  ${e?.status === 'active' ? '~' : '✗'} ${label}: ${safeText(finding.reason)}${note}`);
    }
  }
  if (result.loadErrors.length) {
    lines.push('');
    for (const error of result.loadErrors) {
      const where = error.file ? `${error.file}${error.line ? `:${error.line}:${error.column ?? 1}` : ''}: ` : '';
      lines.push(`${c.red('LOAD ')} ${safeText(where)}${safeText(error.message)} [${error.code}]`);
    }
  }
  yield* lineChunks(lines);
  yield '\n';
}
