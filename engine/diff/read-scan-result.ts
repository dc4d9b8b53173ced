import { readFileSync } from 'node:fs';
import { AssayError } from '../errors/assay-error.js';
import type { ScanResult } from '../runner/results.js';

/** Reads a scan written with `--output json=FILE`; anything else is one clear error. */
export function readScanResult(path: string): ScanResult {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AssayError('SCAN_RESULT_INVALID', `Cannot read a scan result: ${(error as Error).message}`, { file: path });
  }
  const result = value as Partial<ScanResult>;
  if (!result || typeof result !== 'object' || result.formatVersion !== 1 || !Array.isArray(result.checks)) {
    throw new AssayError('SCAN_RESULT_INVALID', 'Not an Assay scan result (write one with `assay scan --output json=FILE`; formatVersion 1).', { file: path });
  }
  for (const check of result.checks) {
    if (typeof check?.id !== 'string' || !Array.isArray(check.findings)) {
      throw new AssayError('SCAN_RESULT_INVALID', 'A check in the scan result has no id or findings list.', { file: path });
    }
  }
  return result as ScanResult;
}
