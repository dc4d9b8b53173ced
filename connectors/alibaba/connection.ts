import { endpointOverride, insecureEndpointAllowed } from './endpoints.js';
import { refuseNetworkDebug } from './quiet-client-logs.js';
import { retryPolicyFor, type RetryPolicy } from './retry.js';
import type { AlibabaCollectOptions } from './types.js';

/** How every call of one run reaches Alibaba: environment, endpoint override, timeout, retries. */
export interface ConnectionSettings {
  env: NodeJS.ProcessEnv;
  allowInsecureEndpoint: boolean;
  /** The endpoint override (the emulator), already checked: https, or plain HTTP to loopback unless allowed. */
  override: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
}

/**
 * The settings shared by a collection and an organization listing. Refuses a NODE_DEBUG that
 * would make Node log traffic, and an unsafe endpoint, before any credential is resolved:
 * AssumeRole would already send signed requests there.
 */
export function connectionSettings(options: AlibabaCollectOptions): ConnectionSettings {
  // Node read NODE_DEBUG from the real environment when it started, whatever options.env says.
  refuseNetworkDebug(process.env);
  const env = options.env ?? process.env;
  const allowInsecureEndpoint = options.allowInsecureEndpoint ?? insecureEndpointAllowed(env);
  const override = endpointOverride(options.endpoint, env, allowInsecureEndpoint);
  const timeoutMs = options.timeoutMs ?? 10_000;
  // The total budget grows with the per-call timeout, so every retry of a timing-out call fits.
  const retry = retryPolicyFor(timeoutMs, {
    maxRetries: options.maxRetries,
    baseDelayMs: options.retryBaseDelayMs,
    maxDelayMs: options.retryMaxDelayMs,
    maxTotalMs: options.retryMaxTotalMs,
  });
  return { env, allowInsecureEndpoint, override, timeoutMs, retry };
}
