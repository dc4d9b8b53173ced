import { describe, expect, it, vi } from 'vitest';
import { useDemoEmulator } from '../../helpers/demo-emulator.js';
import { collectAlibaba } from '../../../connectors/alibaba/collect.js';
import { classifyError } from '../../../connectors/alibaba/errors.js';
import { CollectContext } from '../../../connectors/alibaba/context.js';
import { ClientFactory } from '../../../connectors/alibaba/clients.js';
import { makeCredentials } from '../../../connectors/alibaba/credentials/make-credentials.js';
import { AssetGraph } from '../../../engine/graph/asset-graph.js';
import { DEFAULT_RETRY, retryPolicyFor, type RetryPolicy } from '../../../connectors/alibaba/retry.js';

// OSS connection resets were not retried (ali-oss names them ResponseError, status -1), and a fixed
// 20 s retry budget let two 10 s timeouts use it all: with 20% of calls timing out, 4-6 gaps a run.
const demo = useDemoEmulator();

const collectOss = () =>
  collectAlibaba({
    endpoint: demo.emulator.url,
    credentials: { accessKeyId: demo.auditor.AccessKeyId, accessKeySecret: demo.auditor.AccessKeySecret },
    regions: ['cn-hangzhou'],
    products: ['oss'],
    timeoutMs: 200,
    retryBaseDelayMs: 5,
    retryMaxDelayMs: 20,
    env: {},
  });

describe('OSS connection resets', () => {
  it('are transient: retried, then collected with no gap', async () => {
    demo.emulator.setFaults([
      { product: 'oss', action: 'ListBuckets', kind: 'reset', count: 2 },
      { product: 'oss', action: 'GetBucketAcl', kind: 'reset', count: 2 },
    ]);
    const before = demo.emulator.stats().faultsInjected;
    const { graph, stats } = await collectOss();
    demo.emulator.setFaults([]);
    expect(demo.emulator.stats().faultsInjected - before).toBe(4);
    expect(graph.gaps).toEqual([]);
    expect(stats.actions['oss:ListBuckets']).toMatchObject({ retries: 2, failures: 0 });
    expect(stats.actions['oss:GetBucketAcl']).toMatchObject({ retries: 2, failures: 0 });
    expect(graph.assetsOfType('AlibabaOssBucket').length).toBeGreaterThan(0);
  });

  it('a reset that never ends is a gap named ECONNRESET', async () => {
    demo.emulator.setFaults([{ product: 'oss', action: 'ListBuckets', kind: 'reset' }]);
    const { graph } = await collectOss();
    demo.emulator.setFaults([]);
    expect(graph.gaps).toEqual([expect.objectContaining({ product: 'oss', action: 'ListBuckets', code: 'ECONNRESET' })]);
  });

  it("ali-oss's transport errors classify as transient; its HTTP errors do not", () => {
    const reset = Object.assign(new Error('read ECONNRESET, GET http://127.0.0.1:1/ -1 (connected: true)'), { name: 'ResponseError', code: 'ResponseError', status: -1 });
    expect(classifyError(reset)).toMatchObject({ kind: 'transient', code: 'ECONNRESET' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { name: 'RequestError', code: 'RequestError', status: -1 });
    expect(classifyError(refused)).toMatchObject({ kind: 'transient', code: 'ECONNREFUSED' });
    const denied = Object.assign(new Error('Access denied'), { name: 'AccessDeniedError', code: 'AccessDenied', status: 403 });
    expect(classifyError(denied).kind).toBe('denied');
  });
});

describe('the retry budget is sized from the per-call timeout', () => {
  it('with timeouts up to 12 s, 5 retries of a call that keeps timing out all start', () => {
    for (const timeoutMs of [200, 10_000, 12_000]) {
      const policy = retryPolicyFor(timeoutMs);
      let elapsed = 0;
      for (let attempt = 0; attempt < policy.maxRetries; attempt++) elapsed += timeoutMs + Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
      expect(elapsed, `${timeoutMs} ms`).toBeLessThan(policy.maxTotalMs);
      expect(policy.maxTotalMs).toBeGreaterThanOrEqual(DEFAULT_RETRY.maxTotalMs);
    }
    expect(retryPolicyFor(10_000, { maxTotalMs: 1_000 }).maxTotalMs).toBe(1_000);
  });

  /** A call that times out (after the 10 s timeout, on fake timers) `failures` times, then answers. */
  async function timingOutCall(retry: RetryPolicy, failures: number) {
    const ctx = new CollectContext({
      graph: new AssetGraph(),
      clients: new ClientFactory(makeCredentials({ accessKeyId: 'id', accessKeySecret: 'secret', source: 'test' })),
      accountId: '111',
      timeoutMs: 10_000,
      retry,
      concurrency: 4,
      productConcurrency: 2,
      rateLimits: { default: 0 },
    });
    let calls = 0;
    const spec = { product: 'ecs', action: 'DescribeRegions', region: null, types: [] };
    const pending = ctx.call(spec, (timeoutMs) => {
      calls++;
      if (calls > failures) return Promise.resolve({ RequestId: 'r', Regions: { Region: [] } });
      return new Promise((_, reject) => setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'RequestTimeoutError' })), timeoutMs));
    });
    await vi.advanceTimersByTimeAsync(120_000);
    return { result: await pending, gaps: ctx.graph.gaps.length };
  }

  it('5 timeouts of 10 s in a row, then an answer: no gap (a fixed 20 s budget gave one)', async () => {
    vi.useFakeTimers();
    try {
      const fixed = await timingOutCall(DEFAULT_RETRY, 5);
      expect(fixed.gaps).toBe(1);
      const sized = await timingOutCall(retryPolicyFor(10_000), 5);
      expect(sized.result.ok).toBe(true);
      expect(sized.gaps).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
