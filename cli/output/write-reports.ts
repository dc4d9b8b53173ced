import { writeFileSync } from 'node:fs';
import type { ScanResult } from '../../engine/runner/results.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { renderTable } from './table-report.js';
import type { CliIo } from '../io.js';

/** Report formats `--output` accepts. */
export const OUTPUT_FORMATS = ['table', 'json'] as const;

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
      throw new AssayError('USAGE', `Unknown output format "${format}" (use ${OUTPUT_FORMATS.join(', ')}).`);
    }
    return { format: format as OutputTarget['format'], file: file || undefined };
  });
}

/** Renders every requested report; files are written whole, stdout gets the rest in order. */
export function writeReports(result: ScanResult, targets: OutputTarget[], io: CliIo): void {
  for (const target of targets) {
    const text = render(result, target, io);
    if (target.file) writeFileSync(target.file, text);
    else io.stdout(text);
  }
}

function render(result: ScanResult, target: OutputTarget, io: CliIo): string {
  switch (target.format) {
    case 'json':
      return JSON.stringify(result, null, 2) + '\n';
    case 'table':
      return renderTable(result, { color: io.isTTY && !target.file });
  }
}
