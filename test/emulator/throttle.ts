/**
 * Token buckets per throttling key. Capacity = one second's worth of calls, refilled
 * continuously, so bursts up to the limit pass and the sustained rate is the limit.
 */
export interface ThrottleDecision {
  ok: boolean;
  /** Seconds until a token is available (for x-acs-retry-after). */
  retryAfterMs: number;
}

interface Bucket {
  tokens: number;
  last: number;
  rate: number;
}

export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly clock: () => number) {}

  take(key: string, ratePerSecond: number): ThrottleDecision {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) return { ok: true, retryAfterMs: 0 };
    const now = this.clock();
    let b = this.buckets.get(key);
    if (!b || b.rate !== ratePerSecond) {
      b = { tokens: ratePerSecond, last: now, rate: ratePerSecond };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(ratePerSecond, b.tokens + ((now - b.last) / 1000) * ratePerSecond);
    b.last = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, retryAfterMs: 0 };
    }
    return { ok: false, retryAfterMs: Math.ceil(((1 - b.tokens) / ratePerSecond) * 1000) };
  }
}

/** Published limits (reference §4); everything else defaults to DEFAULT_QPS per action per region. */
export const DEFAULT_QPS = 20;
const KMS_READS = new Set(['ListKeys', 'DescribeKey', 'ListAliases', 'DescribeRegions', 'ListKeyVersions', 'GetKeyPolicy', 'DescribeKeyVersion', 'ListResourceTags']);

export interface LimitSpec {
  key: string;
  qps: number;
}

/**
 * Which bucket a call draws from and its rate. Overrides: "product:Action" beats "product".
 * ActionTrail limits are per account (region "*"); KMS reads share one bucket per region.
 */
export function limitFor(product: string, action: string, region: string, overrides: Record<string, number>): LimitSpec {
  const p = product.toLowerCase();
  const lookup = (k: string): number | undefined => {
    for (const [name, v] of Object.entries(overrides)) {
      const [op, oa] = name.split(':');
      if (op?.toLowerCase() === p && (oa === undefined ? k === '' : oa === k)) return v;
    }
    return undefined;
  };
  const explicit = lookup(action) ?? lookup('');
  if (p === 'actiontrail') return { key: `actiontrail:${action}:*`, qps: explicit ?? (action === 'LookupEvents' ? 10 : 100) };
  if (p === 'kms' && KMS_READS.has(action)) return { key: `kms:reads:${region}`, qps: explicit ?? 50 };
  if (p === 'sts' && action === 'AssumeRole') return { key: 'sts:AssumeRole:*', qps: explicit ?? 100 };
  // Anti-DDoS and Cloud Firewall publish 10/s per account; WAF 3.0 nothing, so the same.
  if (p === 'ddoscoo' || p === 'waf' || p === 'cloudfw') return { key: `${p}:${action}:*`, qps: explicit ?? 10 };
  if (p === 'waf2') return { key: `waf2:${action}:*`, qps: explicit ?? 50 };
  return { key: `${p}:${action}:${region}`, qps: explicit ?? DEFAULT_QPS };
}
