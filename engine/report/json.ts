import type { ScanResult } from '../runner/results.js';

/** The whole scan result as versioned JSON (`formatVersion`). */
export function renderJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
