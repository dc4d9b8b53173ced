/**
 * `npm run bench:compare [-- OLD.json NEW.json]`: two bench results side by side, by default the
 * two newest files in bench/results/ (see compare-reports.ts). Ratios (engine/loop, engine/plain,
 * sets/loop, wall/bound) are measured within one run, so they compare across machine states; the
 * milliseconds only between runs on the same machine in the same state.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundledChecksDir } from '../engine/index.js';
import { compareBenchReports, newestTwo } from './compare-reports.js';
import type { BenchReport } from './results-format.js';

function readReport(file: string): BenchReport {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  if (!Array.isArray(report?.results) || !Array.isArray(report?.startup)) throw new Error(`${file} is not a bench result (no results or startup).`);
  return report;
}

function main(argv: string[]): number {
  try {
    if (argv.length !== 0 && argv.length !== 2) throw new Error('Usage: node dist/bench/compare.js [OLD.json NEW.json] (default: the two newest in bench/results)');
    const [oldFile, newFile] = argv.length === 2 ? (argv as [string, string]) : newestTwo(join(dirname(bundledChecksDir()), 'bench', 'results'));
    process.stdout.write(compareBenchReports(readReport(oldFile), readReport(newFile)));
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
