import { AssayError } from '../errors/assay-error.js';
import { ensureHeapFor, inputMemoryError, isAllocationFailure } from '../errors/heap-budget.js';
import { DEFAULT_INPUT_LIMITS, megabytes, raiseHint, type InputLimits } from '../errors/input-limits.js';
import { readRegularFileSync, type InputKind } from '../errors/regular-file.js';
import type { ScanResult } from '../runner/results.js';
import { parseJsonBytes } from './parse-json-bytes.js';

const SCAN_RESULT: InputKind = { what: 'scan result', code: 'SCAN_RESULT_INVALID' };

/**
 * Heap a scan result takes per byte of its JSON once parsed (as for a snapshot read as one
 * document: 83 MB of JSON parsed to 108 MB), and a parsed piece's text (parseJsonBytes: 64 MB).
 */
const HEAP_PER_BYTE = 1.3;
const PIECE_TEXT = 64 * 1024 * 1024;

/**
 * Reads a scan written with `--output json=FILE`, of any size the report can have (see
 * parseJsonBytes); anything else is one clear error.
 */
export function readScanResult(path: string, limits: Pick<InputLimits, 'maxInputBytes'> = DEFAULT_INPUT_LIMITS): ScanResult {
  // Only a regular file no larger than --max-input-mb, and only when it fits the heap once parsed.
  const bytes = readRegularFileSync(path, SCAN_RESULT, limits.maxInputBytes, raiseHint('maxInputBytes'));
  ensureHeapFor(bytes.length * HEAP_PER_BYTE + Math.min(bytes.length, PIECE_TEXT), path, 'scan result', `its ${megabytes(bytes.length)} of JSON`);
  let value: unknown;
  try {
    value = parseJsonBytes(bytes);
  } catch (error) {
    if (isAllocationFailure(error)) throw inputMemoryError(path, 'scan result', (error as Error).message);
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
