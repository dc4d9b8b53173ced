import type { Gap } from '../../engine/graph/gap.js';
import type { AlibabaCredentialOptions } from './credentials/options.js';

/** One progress event; the CLI renders these (bar or plain lines). */
export type CollectProgress =
  /** `tasks`: how many product-start/product-end pairs follow (global products once, regional ones per region). */
  | { kind: 'start'; accountId: string; regions: string[]; products: string[]; tasks: number }
  | { kind: 'product-start'; product: string; region: string | null }
  | { kind: 'product-end'; product: string; region: string | null; durationMs: number }
  | { kind: 'call'; product: string; action: string; region: string | null; calls: number }
  | { kind: 'retry'; product: string; action: string; region: string | null; attempt: number; code: string; delayMs: number; retries: number }
  | { kind: 'gap'; gap: Gap }
  | { kind: 'end'; stats: CollectionStats };

export interface ActionStats {
  calls: number;
  retries: number;
  throttled: number;
  failures: number;
}

export interface CollectionStats {
  accountId: string;
  regions: string[];
  products: string[];
  calls: number;
  retries: number;
  throttled: number;
  gaps: number;
  /** Resources listed more than once (kept once). */
  duplicates: number;
  assets: number;
  edges: number;
  durationMs: number;
  /** Keyed `product:Action`. */
  actions: Record<string, ActionStats>;
}

export interface AlibabaCollectOptions {
  credentials?: AlibabaCredentialOptions;
  /** Only these regions (default: every region DescribeRegions returns). */
  regions?: string[];
  /** Base URL for every product (the emulator); also env ASSAY_ALIBABA_ENDPOINT. */
  endpoint?: string;
  /**
   * Allow `endpoint` to be plain HTTP to a host that is not loopback (default: env
   * ASSAY_ALLOW_INSECURE_ENDPOINT=1, else false: such an endpoint is an ENDPOINT_INSECURE error).
   */
  allowInsecureEndpoint?: boolean;
  /** Only these products (default: all); see ALIBABA_PRODUCT_TYPES / productsForTypes. */
  products?: string[];
  /** Global bound on in-flight requests (default 256). */
  concurrency?: number;
  /** Bound on in-flight requests per product (default 64). */
  productConcurrency?: number;
  /** Per-request timeout (default 10 s; pop-core's own default is 3 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /**
   * Backoff base / cap, and the total time after which no retry starts (defaults 200 ms / 5 s /
   * the larger of 20 s and the time every retry of a call that always times out needs to start:
   * 56.5 s with the 10 s timeout).
   */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  retryMaxTotalMs?: number;
  /** Client-side QPS overrides keyed `product` or `product:Action` (0 disables a limiter). */
  rateLimits?: Record<string, number>;
  onProgress?: (event: CollectProgress) => void;
  /** Environment to read (tests); default process.env. */
  env?: NodeJS.ProcessEnv;
}
