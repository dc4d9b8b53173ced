/** Exit codes CI can gate on. */
export const EXIT = {
  /** Every check passed (or was skipped/manual). */
  OK: 0,
  /** Findings at or above --fail-on, or a check that could not be evaluated (error is never success). */
  FINDINGS: 1,
  /** Usage error, or a check file / snapshot / credential that could not be loaded. */
  USAGE: 2,
} as const;
