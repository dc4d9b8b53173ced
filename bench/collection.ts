import { startEmulator, validateWorld } from '../test/emulator/index.js';
import { collectAlibaba } from '../connectors/alibaba/collect.js';
import { RateLimiters, limiterScope } from '../connectors/alibaba/rate-limits.js';
import { syntheticCollectionWorld } from './collection-world.js';

export interface CollectionBenchResult {
  regions: number;
  assets: number;
  calls: number;
  wallMs: number;
  /** The slowest limiter's calls ÷ its QPS. */
  qpsBoundMs: number;
  slowestLimiter: string;
  /** Dependent calls that cannot overlap, × latency (an estimate: see below). */
  pathBoundMs: number;
  boundMs: number;
  ratio: number;
  retries: number;
  throttled: number;
  gaps: number;
}

/**
 * Collects a synthetic account (≥ 20 regions, thousands of resources) from the emulator with a
 * fixed latency per call, and compares the wall time with the lower bound: the larger of the
 * busiest client-side limiter (its calls ÷ its QPS, the same limits the emulator enforces) and the
 * dependent-call path (caller identity → region discovery → a list page → a per-item detail call,
 * plus the longest run of sequential pages, each one latency).
 */
export async function runCollectionBench(options: { latencyMs?: number; regions?: number; copiesPerRegion?: number; ramUserCopies?: number; concurrency?: number; productConcurrency?: number } = {}): Promise<CollectionBenchResult> {
  const latencyMs = options.latencyMs ?? 50;
  const world = validateWorld(syntheticCollectionWorld(options), 'synthetic collection world');
  const key = world.credentials.find((c) => c.Type === 'ram-user') ?? world.credentials[0]!;
  const emulator = await startEmulator({ world, latencyMs });
  const perScope = new Map<string, number>();
  const pagesInARow = new Map<string, number>();
  try {
    const started = Date.now();
    const { stats } = await collectAlibaba({
      endpoint: emulator.url,
      env: {},
      credentials: { accessKeyId: key.AccessKeyId, accessKeySecret: key.AccessKeySecret },
      concurrency: options.concurrency,
      productConcurrency: options.productConcurrency,
      onProgress: (event) => {
        if (event.kind !== 'call') return;
        const scope = limiterScope(event.product, event.action, event.region);
        perScope.set(scope, (perScope.get(scope) ?? 0) + 1);
        const pageKey = `${event.product}:${event.action}:${event.region ?? ''}`;
        pagesInARow.set(pageKey, (pagesInARow.get(pageKey) ?? 0) + 1);
      },
    });
    const wallMs = Date.now() - started;
    const limits = new RateLimiters();
    let qpsBoundMs = 0;
    let slowestLimiter = '';
    for (const [scope, calls] of perScope) {
      const [product, action] = scope.split(':') as [string, string];
      const ms = (calls / limits.qpsFor(product, action === '*' ? '' : action)) * 1000;
      if (ms > qpsBoundMs) {
        qpsBoundMs = ms;
        slowestLimiter = `${scope} (${calls} calls at ${limits.qpsFor(product, action === '*' ? '' : action)}/s)`;
      }
    }
    // Identity, regions, first list page, one detail call: four calls that must follow each other.
    const pathBoundMs = 4 * latencyMs;
    const boundMs = Math.max(qpsBoundMs, pathBoundMs);
    await limits.stop();
    return {
      regions: stats.regions.length,
      assets: stats.assets,
      calls: stats.calls,
      wallMs,
      qpsBoundMs: Math.round(qpsBoundMs),
      slowestLimiter,
      pathBoundMs,
      boundMs: Math.round(boundMs),
      ratio: Math.round((wallMs / boundMs) * 100) / 100,
      retries: stats.retries,
      throttled: stats.throttled,
      gaps: stats.gaps,
    };
  } finally {
    await emulator.close();
  }
}

// Run directly: node dist/bench/collection.js
if (process.argv[1]?.endsWith('collection.js')) {
  const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : undefined; };
  const result = await runCollectionBench({ concurrency: arg('--concurrency'), productConcurrency: arg('--product-concurrency'), copiesPerRegion: arg('--copies') });
  console.log(JSON.stringify(result, null, 2));
}
