import { AssayError } from '../../engine/errors/assay-error.js';
import { inputMemoryError, isAllocationFailure } from '../../engine/errors/heap-budget.js';
import { DEFAULT_INPUT_LIMITS, megabytes, raiseHint, type InputLimits } from '../../engine/errors/input-limits.js';
import type { InputKind } from '../../engine/errors/regular-file.js';
import { LineTooLongError } from './text-lines.js';

/** A snapshot, for the shared readers' errors. */
export const SNAPSHOT: InputKind = { what: 'snapshot', code: 'SNAPSHOT_READ' };

/**
 * Heap a snapshot takes per byte of its text, measured on the bench's synthetic accounts (50k
 * assets, 83 MB of text): read a record a line, the graph holds 108 MB (1.3x; 1.5x at the peak);
 * read as one document (text, parsed document and graph at once) it needed 330 MB of heap (4x).
 */
export const GRAPH_HEAP_PER_BYTE = 1.5;
export const DOCUMENT_HEAP_PER_BYTE = 4;

/** The default limits with the given ones over them. */
export function snapshotLimits(overrides: Partial<InputLimits> = {}): InputLimits {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_INPUT_LIMITS, ...defined };
}

/** More decompressed bytes than the limit allows. */
export class InputTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
  }
}

/** The error for a snapshot past one of its limits. */
export function snapshotLimitError(file: string, message: string, limit: keyof InputLimits): AssayError {
  return new AssayError('INPUT_LIMIT', `${message}: ${raiseHint(limit)}.`, { file });
}

export function tooManyAssets(file: string, maxAssets: number, line?: number): AssayError {
  return new AssayError('INPUT_LIMIT', `The snapshot holds more than ${maxAssets} assets, the limit: ${raiseHint('maxAssets')}.`, { file, line });
}

/**
 * Any failure while a snapshot is read, as one AssayError naming the file: limits passed,
 * V8's "too large" RangeErrors (Invalid string length, allocation failed) included.
 */
export function snapshotReadError(error: unknown, file: string, limits: InputLimits, gzipped: boolean): AssayError {
  if (error instanceof AssayError) return error;
  const unpacked = gzipped ? ' after decompression' : '';
  if (error instanceof InputTooLargeError) {
    return snapshotLimitError(file, `The snapshot is larger than ${megabytes(limits.maxInputBytes)}${unpacked}, the limit`, 'maxInputBytes');
  }
  if (error instanceof LineTooLongError) {
    const message = `Snapshot line ${error.line} is longer than ${megabytes(error.maxLineBytes)}, the limit for one record`;
    return new AssayError('INPUT_LIMIT', `${message}: ${raiseHint('maxLineBytes')}.`, { file, line: error.line });
  }
  if (isAllocationFailure(error)) return inputMemoryError(file, 'snapshot', (error as Error).message);
  return new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid ${gzipped ? 'gzip' : 'text'}: ${(error as Error).message}`, { file, cause: error });
}
