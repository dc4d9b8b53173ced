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
      return { RequestId: 'r-1', Instances: { Instance: [] } };
    });
    expect(res).toEqual({ ok: true, value: { RequestId: 'r-1', Instances: { Instance: [] } } });
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
    // raw is built from every answer, so a detail gap covers it too.
    expect(ctx.graph.gaps[0]).toMatchObject({ code: 'RequestTimeoutError', fields: ['AlibabaActionTrail.isLogging', 'AlibabaActionTrail.raw'] });
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

  it('takes an undocumented not-found (a gateway InvalidAction.NotFound) as a gap, not as "none"', async () => {
    const ctx = context();
    const res = await ctx.call({ product: 'ram', action: 'GetLoginProfile', region: null, notFoundIsEmpty: true, fields: ['AlibabaRamUser.consoleLogin'] }, async () => {
      throw apiError('InvalidAction.NotFound');
    });
    expect(res).toMatchObject({ ok: false, notFound: false });
    expect(ctx.graph.gaps).toMatchObject([{ action: 'GetLoginProfile', code: 'InvalidAction.NotFound' }]);
  });

  it.each([
    ['an HTML gateway page', 'sls', 'ListProject', '<html><body>502 Bad Gateway</body></html>', /expected a JSON object, got a 41-character text body \(HTML\/XML\)/],
    ['an empty body', 'cs', 'DescribeClustersV1', '', /got an empty body/],
    ['a JSON body without the envelope', 'actiontrail', 'DescribeTrails', { RequestId: 'r' }, /TrailList is missing/],
    ['a list that is not a list', 'ram', 'ListUsers', { RequestId: 'r', Users: { User: 'bob' } }, /Users\.User is a 3-character text body, not an array/],
    ['an OSS 403 that ali-oss resolved', 'oss', 'GetBucketAcl', { acl: null, res: { status: 403 } }, /res\.status is 403, not 200/],
  ])('takes %s as a failed call: retried, then a gap (InvalidResponse), never data', async (_what, product, action, answer, message) => {
    const ctx = context([], 1);
    let calls = 0;
    const res = await ctx.call({ product, action, region: 'cn-hangzhou', types: ['AlibabaSlsProject'] }, async () => (calls++, answer));
    expect(res.ok).toBe(false);
    expect(calls).toBe(2);
    expect(ctx.graph.gaps).toHaveLength(1);
    expect(ctx.graph.gaps[0]!.code).toBe('InvalidResponse');
    expect(ctx.graph.gaps[0]!.message).toMatch(message);
  });

  it('a gap in a parent list covers the types collected under it (projects → logstores, alerts)', async () => {
    const ctx = context([], 0);
    await ctx.call({ product: 'sls', action: 'ListProject', region: 'cn-hangzhou', types: ['AlibabaSlsProject'] }, async () => {
      throw apiError('Unauthorized');
    });
    expect(ctx.graph.gaps[0]!.types).toEqual(['AlibabaSlsProject', 'AlibabaSlsLogstore', 'AlibabaSlsAlert']);
  });

  it('a call whose success shape is not declared cannot succeed (a gap names the missing declaration)', async () => {
    const ctx = context([], 0);
    const res = await ctx.call({ product: 'ecs', action: 'DescribeSomethingNew', region: 'cn-hangzhou', types: ['AlibabaEcsInstance'] }, async () => ({ RequestId: 'r' }));
    expect(res.ok).toBe(false);
    expect(ctx.graph.gaps[0]).toMatchObject({ code: 'UndeclaredResponseShape' });
    expect(ctx.graph.gaps[0]!.message).toMatch(/response-shapes\.ts/);
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
