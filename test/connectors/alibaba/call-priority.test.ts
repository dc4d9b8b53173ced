import { describe, expect, it } from 'vitest';
import { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { CollectContext } from '../../../connectors/alibaba/context.js';
import { DEFAULT_RETRY } from '../../../connectors/alibaba/retry.js';
import type { ClientFactory } from '../../../connectors/alibaba/clients.js';

// Scheduling only: the calls are local functions, so no API (and no stub of one) is involved.
describe('CollectContext global slots', () => {
  it('go first to the call with the most work queued behind it, not to whoever asked first', async () => {
    const ctx = new CollectContext({
      graph: new AssetGraph(),
      clients: {} as ClientFactory,
      accountId: '1',
      timeoutMs: 1000,
      retry: DEFAULT_RETRY,
      concurrency: 1,
      productConcurrency: 10,
      rateLimits: { ram: 1000, ecs: 1000 },
    });
    const order: string[] = [];
    let release!: () => void;
    const blocker = ctx.call({ product: 'ecs', action: 'Block', region: 'r0' }, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 20)); // the blocker holds the only slot
    const calls: Array<Promise<unknown>> = [];
    // Short regional calls ask first, each on a limiter of its own (nothing queued behind them)...
    for (let i = 0; i < 3; i++) calls.push(ctx.call({ product: 'ecs', action: 'DescribeX', region: `r${i + 1}`, shape: [] }, async () => (order.push(`ecs${i}`), {})));
    // ...then a chain of calls on one limiter (like RAM's per-user calls).
    for (let i = 0; i < 4; i++) calls.push(ctx.call({ product: 'ram', action: 'ListAccessKeys', region: null, shape: [] }, async () => (order.push(`ram${i}`), {})));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([blocker, ...calls]);
    expect(order[0]).toBe('ram0');
    expect(order.filter((x) => x.startsWith('ram'))).toEqual(['ram0', 'ram1', 'ram2', 'ram3']);
    expect(order).toHaveLength(7);
    await ctx.limiters.stop();
  });
});
