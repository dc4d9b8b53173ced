import { getHeapStatistics } from 'node:v8';
import { AssayError } from './assay-error.js';
import { megabytes } from './input-limits.js';

/**
 * Inputs are held against the V8 heap limit (--max-old-space-size) while they are read: past
 * the limit V8 aborts the process (exit 134, "JavaScript heap out of memory") and nothing can
 * catch it. So a reader stops first, with an INPUT_MEMORY error naming the input and the flag.
 */

/**
 * Share of the heap limit an input may fill while it is read: the scan after it needs room too
 * (10k assets: the graph takes 37 MB and the scan peaks ~60 MB above it).
 */
export const HEAP_FILL = 0.85;

/**
 * V8's heap_size_limit counts the young generation's reserve on top of --max-old-space-size:
 * 112, 176, 304 and 1072 MB for 64, 128, 256 and 1024 (Node 20), and the process dies near the
 * old-space figure. The limit used here is that figure.
 */
const YOUNG_GENERATION_RESERVE = 48 * 1024 * 1024;

/** Heap the process may use (about --max-old-space-size), and uses now, in bytes. */
export function heapState(): { limit: number; used: number } {
  const stats = getHeapStatistics();
  const limit = stats.heap_size_limit > 2 * YOUNG_GENERATION_RESERVE ? stats.heap_size_limit - YOUNG_GENERATION_RESERVE : stats.heap_size_limit;
  return { limit, used: stats.used_heap_size };
}

/** Heap still free for an input before HEAP_FILL is reached. */
export function heapRoom(): number {
  const { limit, used } = heapState();
  return Math.max(0, limit * HEAP_FILL - used);
}

/** The advice every INPUT_MEMORY error ends with: a heap that would fit `neededBytes` more. */
export function heapAdvice(neededBytes?: number): string {
  const { limit } = heapState();
  const suggested = neededBytes === undefined ? limit * 2 : (limit + neededBytes / HEAP_FILL) * 1.25;
  const mb = Math.ceil(suggested / (1024 * 1024) / 256) * 256;
  return `the Node.js heap limit is ${megabytes(limit)}: raise it, e.g. NODE_OPTIONS=--max-old-space-size=${mb}`;
}

/** The error for an input too large for this heap. */
export function inputMemoryError(file: string, what: string, detail: string, neededBytes?: number): AssayError {
  return new AssayError('INPUT_MEMORY', `The ${what} is too large for this process's memory: ${detail}; ${heapAdvice(neededBytes)}.`, { file });
}

/** Throws INPUT_MEMORY unless `neededBytes` more heap fits, before any of it is allocated. */
export function ensureHeapFor(neededBytes: number, file: string, what: string, detail: string): void {
  if (neededBytes > heapRoom()) throw inputMemoryError(file, what, `${detail} needs about ${megabytes(neededBytes)} of heap, ${megabytes(heapRoom())} is free`, neededBytes);
}

/**
 * V8's own "too large" errors (a string or array past its maximum length, a buffer it could not
 * allocate) are RangeErrors that can be caught where an input is read: true for those.
 */
export function isAllocationFailure(error: unknown): boolean {
  return error instanceof RangeError && /Invalid (string|array|typed array) length|Array buffer allocation failed|allocation failed/i.test(error.message);
}
