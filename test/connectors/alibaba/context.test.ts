import { describe, expect, it } from 'vitest';
import { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { CollectContext } from '../../../connectors/alibaba/context.js';
import { ClientFactory } from '../../../connectors/alibaba/clients.js';
import { makeCredentials } from '../../../connectors/alibaba/credentials/make-credentials.js';
import type { CollectProgress } from '../../../connectors/alibaba/index.js';

function context(events: CollectProgress[] = [], maxRetries = 3): CollectContext {
  return new CollectContext({
    graph: new AssetGraph(),
    clients: new ClientFactory(makeCredentials({ accessKeyId: 'id', accessKeySecret: 'secret', source: 'test' })),
    accountId: '111',
    timeoutMs: 100,
    retry: { maxRetries, baseDelayMs: 1, maxDelayMs: 5, maxTotalMs: 2_000 },
    concurrency: 4,
    productConcurrency: 2,
    rateLimits: { default: 0 },
    onProgress: (e) => events.push(e),
  });
}

function apiError(code: string): Error {
  return Object.assign(new Error(`${code} happened, URL: http://x/?Signature=zzz`), { code, data: { Code: code } });
}

describe('CollectContext.call', () => {
  it('retries throttling and 5xx, then succeeds without a gap', async () => {
    const events: CollectProgress[] = [];
    const ctx = context(events);
    let n = 0;
    const res = await ctx.call({ product: 'ecs', action: 'DescribeInstances', region: 'cn-hangzhou', types: ['AlibabaEcsInstance'] }, async () => {
      n++;
      if (n === 1) throw apiError('Throttling.User');
      if (n === 2) throw apiError('ServiceUnavailable');
      return 'ok';
    });
    expect(res).toEqual({ ok: true, value: 'ok' });
    expect(ctx.retries).toBe(2);
    expect(ctx.throttled).toBe(1);
    expect(ctx.graph.gaps).toEqual([]);
    expect(ctx.actions['ecs:DescribeInstances']).toMatchObject({ calls: 3, retries: 2, throttled: 1, failures: 0 });
    expect(events.filter((e) => e.kind === 'retry')).toHaveLength(2);
  });

  it('records a denial as a gap with types and the RAM permission, without retrying', async () => {
    const ctx = context();
    const res = await ctx.call({ product: 'actiontrail', action: 'DescribeTrails', region: 'cn-hangzhou', types: ['AlibabaActionTrail'] }, async () => {
      throw apiError('Forbidden.RAM');
    });
    expect(res.ok).toBe(false);
    expect(ctx.retries).toBe(0);
    expect(ctx.graph.gaps).toEqual([
      {
        provider: 'alibaba',
        product: 'actiontrail',
        action: 'DescribeTrails',
        region: 'cn-hangzhou',
        code: 'Forbidden.RAM',
        message: 'Forbidden.RAM happened',
        types: ['AlibabaActionTrail'],
        permission: 'actiontrail:DescribeTrails',
      },
    ]);
  });

  it('gives up after maxRetries and records the last error (fields for detail calls)', async () => {
    const ctx = context([], 2);
    const timeout = Object.assign(new Error('ReadTimeout(100)'), { name: 'RequestTimeoutError' });
    const res = await ctx.call({ product: 'actiontrail', action: 'GetTrailStatus', region: 'cn-hangzhou', fields: ['AlibabaActionTrail.isLogging'] }, async () => {
      throw timeout;
    });
    expect(res.ok).toBe(false);
    expect(ctx.retries).toBe(2);
    expect(ctx.graph.gaps[0]).toMatchObject({ code: 'RequestTimeoutError', fields: ['AlibabaActionTrail.isLogging'] });
    expect(ctx.graph.gaps[0]).not.toHaveProperty('permission');
  });

  it('treats an expected not-found as data, not a gap', async () => {
    const ctx = context();
    const res = await ctx.call({ product: 'ram', action: 'GetLoginProfile', region: null, notFoundIsEmpty: true }, async () => {
      throw apiError('EntityNotExist.User.LoginProfile');
    });
    expect(res).toMatchObject({ ok: false, notFound: true });
    expect(ctx.graph.gaps).toEqual([]);
  });

  it('bounds concurrency per product', async () => {
    const ctx = context();
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.call({ product: 'rds', action: 'X', region: 'r' }, async () => {
          peak = Math.max(peak, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});

describe('CollectContext.call scheduling', () => {
  it('a call waiting for its action\'s QPS budget holds no concurrency slot', async () => {
    // One slot in total; ListUsers limited to 5/s (200 ms apart), ListPolicies unlimited.
    const ctx = new CollectContext({
      graph: new AssetGraph(),
      clients: new ClientFactory(makeCredentials({ accessKeyId: 'id', accessKeySecret: 'secret', source: 'test' })),
      accountId: '111',
      timeoutMs: 1_000,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalMs: 100 },
      concurrency: 1,
      productConcurrency: 1,
      rateLimits: { default: 0, 'ram:ListUsers': 5 },
    });
    const order: string[] = [];
    const call = (action: string, key: string) =>
      ctx.call({ product: 'ram', action, region: null }, async () => 'ok').then(() => { order.push(key); });
    await Promise.all([call('ListUsers', 'u1'), call('ListUsers', 'u2'), call('ListUsers', 'u3'), call('ListPolicies', 'p')]);
    // The other action's call ran while the last ListUsers call waited for its budget (the first
    // two go at once: the limiter's burst), instead of queueing behind it for the only slot.
    expect(order.filter((k) => k !== 'p')).toEqual(['u1', 'u2', 'u3']);
    expect(order.indexOf('p')).toBeLessThan(order.indexOf('u3'));
    await ctx.limiters.stop();
  });
});
