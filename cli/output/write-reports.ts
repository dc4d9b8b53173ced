import { resolve } from 'node:path';
import { writeFileSafelySync } from '../../engine/files/safe-write.js';
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

export interface WriteReportOptions {
  /** Write through a symbolic link at a report's path (default: refuse it). */
  followSymlinks?: boolean;
}

/**
 * Renders every requested report, piece by piece (a report of a large account is never one
 * string). A file is written crash-safe and private (0600; see writeFileSafely): under an
 * unguessable temporary name beside it, renamed over it when complete, so a report that fails
 * half way leaves no partial file (and an earlier report of that name stays).
 */
export function writeReports(result: ScanResult, targets: OutputTarget[], io: CliIo, options: WriteReportOptions = {}): void {
  for (const target of targets) {
    const chunks = render(result, target, io);
    if (target.file) writeFileSafelySync(resolve(io.cwd, target.file), batches(chunks), options);
    else printChunks(io, chunks);
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
