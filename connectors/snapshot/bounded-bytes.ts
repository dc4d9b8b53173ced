import { HEAP_FILL, heapState } from '../../engine/errors/heap-budget.js';
import { InputTooLargeError } from './snapshot-limits.js';

/** What a bounded read has taken so far (for errors). */
export interface ReadProgress {
  bytes: number;
}

/**
 * The chunks of a byte stream, stopped with InputTooLargeError once more than `maxBytes` came
 * (a gzip bomb inflates ~1000:1), and with `onHeapFull` once the heap is past HEAP_FILL of its
 * limit: V8 aborts the process at the limit itself, so the reader stops first and says why.
 * The heap is looked at once a chunk (getHeapStatistics: ~2 µs for a 1 MiB chunk).
 */
export async function* boundedBytes(
  chunks: AsyncIterable<Buffer | string>,
  maxBytes: number,
  onHeapFull: (progress: ReadProgress) => Error,
  progress: ReadProgress = { bytes: 0 },
  heap: () => { limit: number; used: number } = heapState,
): AsyncGenerator<Buffer, void, undefined> {
  for await (const piece of chunks) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    progress.bytes += chunk.length;
    if (progress.bytes > maxBytes) throw new InputTooLargeError(maxBytes);
    const { limit, used } = heap();
    if (used > limit * HEAP_FILL) throw onHeapFull(progress);
    yield chunk;
  }
}
