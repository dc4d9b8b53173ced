/** Retry policy: exponential backoff with full jitter, capped by attempts and total time. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt. */
  maxTotalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 200, maxDelayMs: 5_000, maxTotalMs: 20_000 };

/**
 * The policy for calls with this per-call timeout. The total budget is never less than the time
 * `maxRetries` retries of a call that times out every time need to start: a fixed 20 s let two
 * 10 s timeouts use it all, and with 20% of calls timing out a run kept 4-6 gaps. An explicit
 * `maxTotalMs` is taken as given.
 */
export function retryPolicyFor(timeoutMs: number, overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const policy = {
    maxRetries: overrides.maxRetries ?? DEFAULT_RETRY.maxRetries,
    baseDelayMs: overrides.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: overrides.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  return { ...policy, maxTotalMs: overrides.maxTotalMs ?? Math.max(DEFAULT_RETRY.maxTotalMs, retriesFitMs(timeoutMs, policy)) };
}

/**
 * When the last retry of a call that always times out starts: every earlier attempt ran to its
 * timeout and every backoff to its ceiling (a retry starts only while elapsed < maxTotalMs).
 */
export function retriesFitMs(timeoutMs: number, policy: Pick<RetryPolicy, 'maxRetries' | 'baseDelayMs' | 'maxDelayMs'>): number {
  let total = 0;
  for (let attempt = 0; attempt < policy.maxRetries; attempt++) total += timeoutMs + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // Timers fire late on a busy event loop: a little slack per attempt.
  return total + policy.maxRetries * 50 + 1;
}

/** Full jitter (AWS architecture blog): sleep = random(0, min(cap, base * 2^attempt)). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
