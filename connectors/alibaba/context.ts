import pLimit, { type LimitFunction } from 'p-limit';
import PQueue from 'p-queue';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset } from '../../engine/graph/asset.js';
import type { Gap } from '../../engine/graph/gap.js';
import { ClientFactory } from './clients.js';
import { classifyError, isRetryable, type ClassifiedError } from './errors.js';
import { RateLimiters } from './rate-limits.js';
import { withChildTypes } from './product-types.js';
import { InvalidResponseError, shapeMismatch, type ResponseShape } from './response-shape.js';
import { noneAnswerCodes, responseShape } from './response-shapes.js';
import { backoffDelay, sleep, type RetryPolicy } from './retry.js';
import type { ActionStats, CollectProgress } from './types.js';

/** What one API call is, and what its failure would leave incomplete. */
export interface CallSpec {
  product: string;
  action: string;
  region: string | null;
  /** Asset types whose list may be incomplete if this call fails. */
  types?: string[];
  /** `Type.field`s that may be missing on collected assets if this call fails. */
  fields?: string[];
  /** RAM action to grant on denial (default `<product>:<action>`). */
  permission?: string;
  /**
   * The API's documented not-found answer is data (e.g. no login profile), not a gap. Only the
   * codes response-shapes.ts lists for this action count; any other 404 is a gap.
   */
  notFoundIsEmpty?: boolean;
  /** The success shape, when not the one response-shapes.ts declares for `product:action`. */
  shape?: ResponseShape;
}

/** `notFound`: the call failed with its documented "none" answer (only with `notFoundIsEmpty`). */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ClassifiedError; notFound: boolean };

const MAX_RETRY_AFTER_MS = 5_000;

/** RAM action prefixes that differ from our product keys. */
const RAM_PREFIX: Record<string, string> = { sls: 'log', cs: 'cs', sas: 'yundun-sas', oss: 'oss', ddoscoo: 'yundun-ddoscoo', waf: 'yundun-waf', waf2: 'yundun-waf', cloudfw: 'yundun-cloudfirewall' };

export interface ContextOptions {
  graph: AssetGraph;
  clients: ClientFactory;
  accountId: string;
  timeoutMs: number;
  retry: RetryPolicy;
  concurrency: number;
  productConcurrency: number;
  rateLimits?: Record<string, number>;
  onProgress?: (event: CollectProgress) => void;
}

/**
 * Shared by every collector: bounded concurrency (global and per product), the client-side rate
 * limiter, retries with backoff, stats, progress, and turning final failures into gaps.
 */
export class CollectContext {
  readonly graph: AssetGraph;
  readonly clients: ClientFactory;
  readonly accountId: string;
  readonly timeoutMs: number;
  calls = 0;
  retries = 0;
  throttled = 0;
  duplicates = 0;
  readonly actions: Record<string, ActionStats> = {};
  private readonly retry: RetryPolicy;
  /** Global concurrency; the call with the most work queued behind it goes first (globalPriority). */
  private readonly global: PQueue;
  private readonly perProduct = new Map<string, LimitFunction>();
  private readonly productConcurrency: number;
  readonly limiters: RateLimiters;
  private readonly onProgress?: (event: CollectProgress) => void;

  constructor(opts: ContextOptions) {
    this.graph = opts.graph;
    this.clients = opts.clients;
    this.accountId = opts.accountId;
    this.timeoutMs = opts.timeoutMs;
    this.retry = opts.retry;
    this.global = new PQueue({ concurrency: Math.max(1, opts.concurrency) });
    this.productConcurrency = Math.max(1, opts.productConcurrency);
    this.limiters = new RateLimiters(opts.rateLimits);
    this.onProgress = opts.onProgress;
  }

  progress(event: CollectProgress): void {
    try {
      this.onProgress?.(event);
    } catch {
      // A broken progress renderer must not break collection.
    }
  }

  private productLimit(product: string): LimitFunction {
    let limit = this.perProduct.get(product);
    if (!limit) this.perProduct.set(product, (limit = pLimit(this.productConcurrency)));
    return limit;
  }

  private statsFor(spec: CallSpec): ActionStats {
    const key = `${spec.product}:${spec.action}`;
    return (this.actions[key] ??= { calls: 0, retries: 0, throttled: 0, failures: 0 });
  }

  /**
   * Runs one API call with limits and retries. `fn` gets the per-request timeout. Slots are held
   * per attempt only, never during backoff sleeps, so retries cannot starve other work.
   */
  async call<T>(spec: CallSpec, fn: (timeoutMs: number) => Promise<T>): Promise<CallResult<T>> {
    const stats = this.statsFor(spec);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        // The rate limiter admits one call at a time, and a call counts as admitted only once it
        // holds its concurrency slots: waiting for a QPS budget holds no slot, and a budget is not
        // spent while no slot is free (which would later release a burst the API throttles).
        const value = await new Promise<T>((resolve, reject) => {
          this.limiters
            .schedule(spec.product, spec.action, spec.region, () =>
              new Promise<void>((admitted) => {
                this.global
                  .add(
                    () =>
                      this.productLimit(spec.product)(() => {
                        admitted();
                        this.calls++;
                        stats.calls++;
                        this.progress({ kind: 'call', product: spec.product, action: spec.action, region: spec.region, calls: this.calls });
                        return fn(this.timeoutMs).then((answer) => checkAnswer(spec, answer));
                      }),
                    { priority: this.globalPriority(spec) },
                  )
                  .then(resolve as (value: unknown) => void, reject);
              }),
            )
            .catch(reject);
        });
        return { ok: true, value };
      } catch (err) {
        const error = classifyError(err);
        if (error.kind === 'throttled') {
          this.throttled++;
          stats.throttled++;
        }
        const elapsed = Date.now() - started;
        if (isRetryable(error.kind) && attempt < this.retry.maxRetries && elapsed < this.retry.maxTotalMs) {
          // Full jitter, but not sooner than the server's retry-after hint (itself capped at 5 s).
          const hinted = Math.max(backoffDelay(attempt, this.retry), Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
          const delayMs = Math.min(hinted, Math.max(0, this.retry.maxTotalMs - elapsed));
          this.retries++;
          stats.retries++;
          this.progress({ kind: 'retry', product: spec.product, action: spec.action, region: spec.region, attempt: attempt + 1, code: error.code, delayMs, retries: this.retries });
          await sleep(delayMs);
          continue;
        }
        const notFound = !!spec.notFoundIsEmpty && error.kind === 'notFound' && noneAnswerCodes(spec.product, spec.action).includes(error.code);
        if (!notFound) {
          stats.failures++;
          this.addGap(spec, error);
        }
        return { ok: false, error, notFound };
      }
    }
  }

  /**
   * Critical path first: when every global slot is taken, the next one goes to the call whose
   * rate limiter has the most work still queued (p-queue runs higher priorities first). FIFO
   * order let hundreds of short regional calls go ahead of the per-user RAM calls — five
   * actions at 20 QPS each, the longest chain of a scan — and since a limiter admits one call at
   * a time, each RAM call waiting for a slot held back its whole queue.
   */
  private globalPriority(spec: CallSpec): number {
    return Math.round(this.limiters.backlogMs(spec.product, spec.action, spec.region));
  }

  /** Like `call`, but returns undefined on failure (the gap is already recorded). */
  async get<T>(spec: CallSpec, fn: (timeoutMs: number) => Promise<T>): Promise<T | undefined> {
    const result = await this.call(spec, fn);
    return result.ok ? result.value : undefined;
  }

  addGap(spec: CallSpec, error: ClassifiedError): void {
    const gap: Gap = {
      provider: 'alibaba',
      product: spec.product,
      action: spec.action,
      region: spec.region,
      code: error.code,
      message: error.message,
    };
    // What lives under a listed type is incomplete too: no project list, no logstores or alerts.
    const types = withChildTypes(spec.types ?? []);
    if (types.length) gap.types = types;
    // `raw` is built from every call's answer, so a gap in any field of a type is a gap in its raw.
    const fields = spec.fields ?? [];
    if (fields.length) gap.fields = [...new Set([...fields, ...fields.map((f) => `${f.split('.')[0]}.raw`)])];
    if (error.kind === 'denied') gap.permission = spec.permission ?? error.authAction ?? `${RAM_PREFIX[spec.product] ?? spec.product}:${spec.action}`;
    this.graph.addGap(gap);
    this.progress({ kind: 'gap', gap });
  }

  /**
   * Adds an asset with the common fields filled in. A resource listed twice (a server that ignores
   * RegionId, a global list asked per region) keeps its first copy instead of failing the product.
   */
  addAsset(asset: Omit<Asset, 'provider' | 'accountId'> & { accountId?: string }): Asset {
    const existing = this.graph.getAsset(String(asset.id));
    if (existing) {
      this.duplicates++;
      return existing;
    }
    return this.graph.addAsset({ provider: 'alibaba', accountId: this.accountId, ...asset } as Asset);
  }

  /** Runs tasks for many items at once; limits are enforced per call, so this only fans out. */
  static async each<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
    await Promise.all(items.map(fn));
  }
}

/** The answer if it has the shape of a success of this API; else a failed call (gap-bound). */
function checkAnswer<T>(spec: CallSpec, answer: T): T {
  const shape = spec.shape ?? responseShape(spec.product, spec.action);
  if (!shape) throw new UndeclaredShapeError(`${spec.product}:${spec.action} has no declared response shape (connectors/alibaba/response-shapes.ts)`);
  const mismatch = shapeMismatch(answer, shape);
  if (mismatch) {
    const status = (answer as { res?: { status?: unknown } } | null)?.res?.status;
    throw new InvalidResponseError(`${spec.action} did not answer as the API does: ${mismatch}`, typeof status === 'number' ? status : undefined);
  }
  return answer;
}

/** A call the connector makes without saying what its success looks like: a bug, never data. */
class UndeclaredShapeError extends Error {
  readonly code = 'UndeclaredResponseShape';
  override readonly name = 'UndeclaredShapeError';
}
