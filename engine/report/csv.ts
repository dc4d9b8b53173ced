import type { ScanResult } from '../runner/results.js';
import { allFindings, frameworkRefs, isExcepted } from './common.js';
import { joinChunks, type ReportChunks } from './chunks.js';
import { escapeControlChars } from './control-chars.js';

export const CSV_COLUMNS = [
  'check_id',
  'title',
  'severity',
  'status',
  'asset_id',
  'asset_type',
  'asset_name',
  'region',
  'account_id',
  'reason',
  'remediation',
  'frameworks',
  'exception_owner',
  'exception_expires',
  'exception_ticket',
  'exception_reason',
  'file',
] as const;

/**
 * One finding a row, RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled). Cells that a spreadsheet would run as a formula (starting with = + - @,
 * tab or CR) get a leading single quote: cloud-provided names are attacker-controlled. Control
 * characters are escaped (csvCell).
 */
export function renderCsv(result: ScanResult): string {
  return joinChunks(renderCsvChunks(result));
}

/** renderCsv's rows one at a time. */
export function* renderCsvChunks(result: ScanResult): ReportChunks {
  yield csvRow(CSV_COLUMNS);
  for (const f of allFindings(result)) {
    const e = f.exception;
    yield csvRow([
      f.checkId,
      f.title,
      f.severity,
      isExcepted(f) ? 'excepted' : 'fail',
      f.asset?.id ?? '',
      f.asset?.type ?? '',
      f.asset?.name ?? '',
      f.asset?.region ?? '',
      f.asset?.accountId ?? '',
      f.reason,
      f.remediation ?? '',
      frameworkRefs(f.frameworks).join(' '),
      e?.owner ?? '',
      e ? (e.status === 'expired' ? `${e.expires} (expired)` : e.expires) : '',
      e?.ticket ?? '',
      e?.reason ?? '',
      f.file,
    ]);
  }
}

function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/**
 * One RFC 4180 field, defused against formula injection. Control characters other than tab and
 * line breaks become visible `\uXXXX`: ESC, BEL or NUL from cloud text act on a terminal that prints the file.
 */
export function csvCell(value: string): string {
  let text = escapeControlChars(value, '\t\r\n');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
