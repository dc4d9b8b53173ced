import { jsonChunks } from '../../engine/report/json-chunks.js';
import type { CliIo } from '../io.js';

/** Pieces joined into writes of about a megabyte: few system calls, little held at a time. */
export function* batches(chunks: Iterable<string>): Generator<string, void, undefined> {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * Prints a value as pretty JSON (JSON.stringify(value, null, 2) and a line break) piece by
 * piece, opened `depth` levels deep: a query over a large account or a diff of two large scans
 * is more than one string can hold.
 */
export function writeJson(io: CliIo, value: unknown, depth: number): void {
  printChunks(io, jsonChunks(value, depth));
  io.stdout('\n');
}

/** Pieces of text to stdout, in batches. */
export function printChunks(io: CliIo, chunks: Iterable<string>): void {
  for (const batch of batches(chunks)) io.stdout(batch);
}
