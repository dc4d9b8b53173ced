import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../engine/index.js';
import { writeReports, type OutputTarget } from '../cli/output/write-reports.js';
import type { ReportFigures } from './results-format.js';

/** Formats timed: the whole result, and the one CI uploads (a result per finding). */
const FORMATS: ReadonlyArray<OutputTarget['format']> = ['json', 'sarif'];

/** Writes a scan's reports as `assay scan -o FORMAT=FILE` does (to a temporary folder) and times each. */
export function timeReports(scan: ScanResult): ReportFigures[] {
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-reports-'));
  const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd: dir };
  try {
    return FORMATS.map((format) => {
      const file = `scan.${format}`;
      const start = performance.now();
      writeReports(scan, [{ format, file }], io);
      const ms = performance.now() - start;
      const mb = statSync(join(dir, file)).size / 1024 / 1024;
      rmSync(join(dir, file));
      return { format, ms: Math.round(ms), mb: Math.round(mb) };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
