import type { FaultRule } from './types.js';

/** mulberry32: small, seeded, good enough to make `rate < 1` faults reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CallSite {
  product: string;
  action: string;
  region: string;
}

/** Picks the first rule that matches a call; `count` rules stop after N matches. */
export class FaultInjector {
  private rules: FaultRule[] = [];
  private hits: number[] = [];
  private readonly random: () => number;

  constructor(rules: FaultRule[], seed = 1) {
    this.random = prng(seed);
    this.set(rules);
  }

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
    this.hits = rules.map(() => 0);
  }

  pick(call: CallSite): FaultRule | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i]!;
      if (r.product.toLowerCase() !== '*' && r.product.toLowerCase() !== call.product.toLowerCase()) continue;
      if (r.action !== undefined && r.action !== call.action) continue;
      if (r.region !== undefined && r.region !== call.region) continue;
      if (r.count !== undefined && this.hits[i]! >= r.count) continue;
      const rate = r.rate ?? 1;
      // Draw only for probabilistic rules so rate=1 rules never consume the sequence.
      if (rate < 1 && this.random() >= rate) continue;
      this.hits[i]! += 1;
      return r;
    }
    return undefined;
  }
}
