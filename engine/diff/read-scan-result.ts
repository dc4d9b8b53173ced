import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { AssayError } from '../errors/assay-error.js';
import type { ScanResult } from '../runner/results.js';
import { parseJsonBytes } from './parse-json-bytes.js';

/**
 * Reads a scan written with `--output json=FILE`, of any size the report can have (see
 * parseJsonBytes); anything else is one clear error.
 */
export function readScanResult(path: string): ScanResult {
  let value: unknown;
  try {
    value = parseJsonBytes(readWholeFile(path));
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

/** A file's bytes in one buffer; readFileSync stops at 2 GB, a buffer holds up to its own limit. */
function readWholeFile(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > bufferConstants.MAX_LENGTH) throw new Error(`the file is ${size} bytes, more than this Node.js can hold (${bufferConstants.MAX_LENGTH})`);
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, read, Math.min(size - read, 1 << 30), read);
      if (n === 0) break;
      read += n;
    }
    return read === size ? bytes : bytes.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
