import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanResult } from '../../engine/runner/results.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { suggest } from '../../engine/errors/suggest.js';
import { renderJson } from '../../engine/report/json.js';
import { renderJsonl } from '../../engine/report/jsonl.js';
import { renderCsv } from '../../engine/report/csv.js';
import { renderSarif } from '../../engine/report/sarif.js';
import { renderJunit } from '../../engine/report/junit.js';
import { renderOcsf } from '../../engine/report/ocsf.js';
import { renderMarkdown } from '../../engine/report/markdown.js';
import { renderHtml } from '../../engine/report/html.js';
import { renderTable } from './table-report.js';
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

/** Renders every requested report; files are written whole, stdout gets the rest in order. */
export function writeReports(result: ScanResult, targets: OutputTarget[], io: CliIo): void {
  for (const target of targets) {
    const text = render(result, target, io);
    if (target.file) writeFileSync(resolve(io.cwd, target.file), text);
    else io.stdout(text);
  }
}

function render(result: ScanResult, target: OutputTarget, io: CliIo): string {
  switch (target.format) {
    case 'json':
      return renderJson(result);
    case 'jsonl':
      return renderJsonl(result);
    case 'csv':
      return renderCsv(result);
    case 'sarif':
      return renderSarif(result);
    case 'junit':
      return renderJunit(result);
    case 'ocsf':
      return renderOcsf(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'html':
      return renderHtml(result);
    case 'table':
      return renderTable(result, { color: io.isTTY && !target.file });
  }
}
