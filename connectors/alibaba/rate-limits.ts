import { Pacer } from './pacer.js';

/**
 * Client-side rate limits at the published QPS, so a scan never provokes throttling it could
 * avoid. Keys: `product:Action` or `product`; the most specific one wins.
 */
export const DEFAULT_RATE_LIMITS: Record<string, number> = {
  // ActionTrail: 100 calls/s per account per API (OpenMeta flowControl).
  actiontrail: 100,
  // KMS key-management reads share 50 QPS per account per region.
  kms: 50,
  // STS AssumeRole: 100/s per account.
  sts: 100,
  // Anti-DDoS (DescribeWebAccessLogDispatchStatus) and Cloud Firewall (DescribeUserBuyVersion): 10/s per account;
  // WAF 3.0 publishes none, so the same.
  ddoscoo: 10,
  waf: 10,
  // WAF 2.0 DescribeInstanceInfo: 50/s per account.
  waf2: 50,
  cloudfw: 10,
  // Unpublished limits elsewhere: stay conservative.
  default: 20,
};

/** Products whose limit is shared by all actions (per region) rather than per action. */
const SHARED_PER_REGION = new Set(['kms']);
/** Products whose limits are per account, whatever the region (others count per region, like ECS). */
const PER_ACCOUNT = new Set(['actiontrail', 'sts', 'ram', 'ims', 'oss', 'sas', 'ddoscoo', 'waf', 'waf2', 'cloudfw']);

/** Which client-side limiter a call waits on: its action per region, per account, or a product-wide bucket. */
export function limiterScope(product: string, action: string, region: string | null): string {
  if (SHARED_PER_REGION.has(product)) return `${product}:*:${region ?? ''}`;
  if (PER_ACCOUNT.has(product)) return `${product}:${action}`;
  return `${product}:${action}:${region ?? ''}`;
}

/**
 * Calls a limiter may admit at once after a pause (its bucket's size, see Pacer): enough to win
 * back an event-loop stall of one or two spacings, never a burst an API would notice.
 */
export const BURST_CALLS = 2;

/**
 * A limiter's rate and bucket for an API's QPS. The API counts with a bucket of one second of
 * calls; a client bucket as large leaves no room for calls that arrive closer together than they
 * left (network and event-loop jitter: at 2 QPS a burst of 2 was throttled when the first call
 * arrived late). So the client keeps at most QPS - 1 calls of credit, which tolerates
 * (QPS - burst) / QPS seconds of jitter, and below 2 QPS it paces at 90% of the rate.
 */
export function pacing(qps: number, burst = BURST_CALLS): { rate: number; burst: number } {
  if (qps < 2) return { rate: qps * 0.9, burst: 1 };
  return { rate: qps, burst: Math.max(1, Math.min(burst, Math.floor(qps) - 1)) };
}

export class RateLimiters {
  private readonly limiters = new Map<string, Pacer>();
  private readonly limits: Record<string, number>;

  constructor(overrides: Record<string, number> = {}, private readonly burst = BURST_CALLS) {
    this.limits = { ...DEFAULT_RATE_LIMITS, ...overrides };
  }

  qpsFor(product: string, action: string): number {
    return this.limits[`${product}:${action}`] ?? this.limits[product] ?? this.limits.default ?? 20;
  }

  /** Runs `fn` when the limiter for this product/action/region lets it. */
  schedule<T>(product: string, action: string, region: string | null, fn: () => Promise<T>): Promise<T> {
    const qps = this.qpsFor(product, action);
    if (!(qps > 0) || !Number.isFinite(qps)) return fn();
    const scope = limiterScope(product, action, region);
    let limiter = this.limiters.get(scope);
    if (!limiter) {
      // One admission at a time, at the QPS: see CollectContext.call.
      const { rate, burst } = pacing(qps, this.burst);
      limiter = new Pacer(rate, burst);
      this.limiters.set(scope, limiter);
    }
    return limiter.schedule(fn);
  }

  /**
   * How long the calls already waiting on this call's limiter will take at its QPS: the work
   * still ahead of that limiter. A collection cannot end before its busiest limiter drains.
   */
  backlogMs(product: string, action: string, region: string | null): number {
    const limiter = this.limiters.get(limiterScope(product, action, region));
    if (!limiter) return 0;
    return limiter.waiting * (1000 / pacing(this.qpsFor(product, action), this.burst).rate);
  }

  async stop(): Promise<void> {
    for (const limiter of this.limiters.values()) limiter.stop();
    this.limiters.clear();
  }
}
