import { AssayError } from '../engine/errors/assay-error.js';
import type { InputLimits } from '../engine/errors/input-limits.js';

/** Each input-limit flag, the limit it sets and its unit (MB flags are megabytes). */
const LIMIT_FLAGS: ReadonlyArray<[string, keyof InputLimits, number]> = [
  ['max-input-mb', 'maxInputBytes', 1024 * 1024],
  ['max-line-mb', 'maxLineBytes', 1024 * 1024],
  ['max-assets', 'maxAssets', 1],
  ['max-exceptions-mb', 'maxExceptionsBytes', 1024 * 1024],
];

/** The input limits the flags set (a flag not given keeps its default); a flag must be a positive number. */
export function inputLimitsFrom(args: object): Partial<InputLimits> {
  const given = args as Record<string, unknown>;
  const limits: Partial<InputLimits> = {};
  for (const [flag, limit, unit] of LIMIT_FLAGS) {
    const value = given[flag];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new AssayError('USAGE', `--${flag} takes a positive number, got "${String(value)}".`);
    }
    limits[limit] = Math.floor(value * unit);
  }
  return limits;
}
