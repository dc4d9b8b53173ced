import { closeSync, fchmodSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { ScanResult } from '../../engine/runner/results.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { suggest } from '../../engine/errors/suggest.js';
import type { ReportChunks } from '../../engine/report/chunks.js';
import { renderJsonChunks } from '../../engine/report/json.js';
import { renderJsonlChunks } from '../../engine/report/jsonl.js';
import { renderCsvChunks } from '../../engine/report/csv.js';
import { renderSarifChunks } from '../../engine/report/sarif.js';
import { renderJunitChunks } from '../../engine/report/junit.js';
import { renderOcsfChunks } from '../../engine/report/ocsf.js';
import { renderMarkdownChunks } from '../../engine/report/markdown.js';
import { renderHtmlChunks } from '../../engine/report/html.js';
import { renderTableChunks } from './table-report.js';
import { batches, printChunks } from './write-json.js';
import type { CliIo } from '../io.js';

/** Report formats `--output` accepts. */
import { OUTPUT_FORMATS } from './output-formats.js';

export { OUTPUT_FORMATS };

/** One requested report: `FORMAT` (stdout) or `FORMAT=FILE`. */
export interface OutputTarget {
  format: (typeof OUTPUT_FORMATS)[number];
  file?: string;
}

export function parseOutputTargets(values: string[] | undefined, defaultFile?: string): OutputTarget[] {
  const specs = values?.length ? values : ['table'];
  return specs.map((spec) => {
    const eq = spec.indexOf('=');
    const format = (eq < 0 ? spec : spec.slice(0, eq)).trim();
    const file = eq < 0 ? defaultFile : spec.slice(eq + 1);
    if (!(OUTPUT_FORMATS as readonly string[]).includes(format)) {
      throw new AssayError('USAGE', `Unknown output format "${format}" (use ${OUTPUT_FORMATS.join(', ')}).`, { suggestions: suggest(format, OUTPUT_FORMATS) });
    }
    return { format: format as OutputTarget['format'], file: file || undefined };
  });
}

/**
 * Renders every requested report, piece by piece (a report of a large account is never one
 * string). A file is written under a temporary name beside it and renamed when complete, so a
 * report that fails half way leaves no partial file (and an earlier report of that name stays).
 */
export function writeReports(result: ScanResult, targets: OutputTarget[], io: CliIo): void {
  for (const target of targets) {
    const chunks = render(result, target, io);
    if (target.file) writeFileAtomically(resolve(io.cwd, target.file), chunks);
    else printChunks(io, chunks);
  }
}

/**
 * A regular file (or a new one) is written beside itself and renamed over, keeping its mode;
 * anything else the path names — a device such as /dev/stdout, a pipe, a symbolic link — is
 * written in place, as it is meant to be.
 */
function writeFileAtomically(path: string, chunks: Iterable<string>): void {
  const existing = lstatSync(path, { throwIfNoEntry: false });
  if (existing && !existing.isFile()) return writeInPlace(path, chunks);
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(temporary, 'w');
  } catch (error) {
    // A folder that takes no new file (read-only, not ours) may still let the report be rewritten.
    if (existing && ['EACCES', 'EPERM', 'EROFS'].includes((error as NodeJS.ErrnoException).code ?? '')) return writeInPlace(path, chunks);
    throw error;
  }
  try {
    try {
      if (existing) fchmodSync(fd, existing.mode & 0o7777);
      writeChunks(fd, chunks);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function writeInPlace(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    writeChunks(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

/** The pieces in batches; write(2) may take part of a buffer, so the rest is written after it. */
function writeChunks(fd: number, chunks: Iterable<string>): void {
  for (const batch of batches(chunks)) {
    const bytes = Buffer.from(batch);
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
  }
}

function render(result: ScanResult, target: OutputTarget, io: CliIo): ReportChunks {
  switch (target.format) {
    case 'json':
      return renderJsonChunks(result);
    case 'jsonl':
      return renderJsonlChunks(result);
    case 'csv':
      return renderCsvChunks(result);
    case 'sarif':
      return renderSarifChunks(result);
    case 'junit':
      return renderJunitChunks(result);
    case 'ocsf':
      return renderOcsfChunks(result);
    case 'markdown':
      return renderMarkdownChunks(result);
    case 'html':
      return renderHtmlChunks(result);
    case 'table':
      return renderTableChunks(result, { color: io.isTTY && !target.file });
  }
}
