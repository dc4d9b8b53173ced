import type { ScanResult } from '../runner/results.js';
import { joinChunks, type ReportChunks } from './chunks.js';
import { jsonChunks } from './json-chunks.js';

/** The whole scan result as versioned JSON (`formatVersion`). */
export function renderJson(result: ScanResult): string {
  return joinChunks(renderJsonChunks(result));
}

/** renderJson's text in pieces (each check, finding and verdict in turn), for large scans. */
export function* renderJsonChunks(result: ScanResult): ReportChunks {
  // Levels opened: the result, its checks, each check, its findings and verdicts.
  yield* jsonChunks(result, 4);
  yield '\n';
}
