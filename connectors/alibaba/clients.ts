// First: silences the clients' DEBUG / NODE_DEBUG loggers before any of them loads.
import './quiet-client-logs.js';
import RPCClient from '@alicloud/pop-core';
import { API_VERSIONS, endpointFor, type RpcProduct } from './endpoints.js';
import type { ResolvedCredentials } from './credentials/options.js';
import { InvalidResponseError, describeValue } from './response-shape.js';

/** pop-core ships no ROAClient typings (lib/rpc.d.ts only), so we declare what we use. */
export interface RoaClient {
  request<T = unknown>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    uriPattern: string,
    query?: Record<string, unknown>,
    body?: string,
    headers?: Record<string, string>,
    opts?: Record<string, unknown>,
  ): Promise<T>;
}

interface RoaClientConfig {
  endpoint: string;
  apiVersion: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

type RoaClientCtor = new (config: RoaClientConfig) => RoaClient;

const ROAClient = (RPCClient as unknown as { ROAClient: RoaClientCtor }).ROAClient;

export interface RpcClient {
  request<T = Record<string, unknown>>(action: string, params: Record<string, unknown>, opts?: Record<string, unknown>): Promise<T>;
}

/** pop-core's client built with `verbose`: each answer comes with its HTTP exchange. */
interface VerboseRpcClient {
  request<T>(action: string, params: Record<string, unknown>, opts?: Record<string, unknown>): Promise<[T, { response: { statusCode: number } }]>;
}

type RpcClientCtor = new (config: Record<string, unknown>, verbose?: boolean) => VerboseRpcClient;

/**
 * An RPC client whose successes are real ones. pop-core rejects only a body whose `Code` is not a
 * success code, so a 5xx or 403 whose JSON body carries no `Code` (a gateway's `{}`) resolves as if
 * it were data; every POP RPC answer also carries a `RequestId`. Anything else is an
 * InvalidResponseError (a gap, after retries).
 */
function checkedRpcClient(config: Record<string, unknown>): RpcClient {
  const client = new (RPCClient as unknown as RpcClientCtor)(config, true);
  return {
    async request<T>(action: string, params: Record<string, unknown>, opts?: Record<string, unknown>): Promise<T> {
      const [body, entry] = await client.request<T>(action, params, opts);
      const status = entry.response.statusCode;
      if (status < 200 || status > 299) throw new InvalidResponseError(`${action} answered HTTP ${status} with no error code`, status);
      const requestId = (body as { RequestId?: unknown } | null)?.RequestId;
      if (typeof requestId !== 'string' || requestId === '') throw new InvalidResponseError(`${action} answered ${describeValue(body)} without a RequestId`, status);
      return body;
    },
  };
}

/** One client per product/endpoint (pop-core keeps one keep-alive agent per client). */
export class ClientFactory {
  private readonly rpc = new Map<string, RpcClient>();
  private readonly roa = new Map<string, RoaClient>();

  constructor(
    private readonly credentials: ResolvedCredentials,
    private readonly override?: string,
  ) {}

  endpoint(product: string, region: string | null): string {
    return endpointFor(product, region, this.override);
  }

  rpcClient(product: RpcProduct, region: string | null): RpcClient {
    const endpoint = this.endpoint(product, region);
    const key = `${product}|${endpoint}`;
    let client = this.rpc.get(key);
    if (!client) {
      client = checkedRpcClient({
        endpoint,
        apiVersion: API_VERSIONS[product],
        accessKeyId: this.credentials.accessKeyId,
        accessKeySecret: this.credentials.accessKeySecret,
        ...(this.credentials.securityToken ? { securityToken: this.credentials.securityToken } : {}),
      });
      this.rpc.set(key, client);
    }
    return client;
  }

  roaClient(region: string): RoaClient {
    const endpoint = this.endpoint('cs', region);
    let client = this.roa.get(endpoint);
    if (!client) {
      client = new ROAClient({
        endpoint,
        apiVersion: API_VERSIONS.cs,
        accessKeyId: this.credentials.accessKeyId,
        accessKeySecret: this.credentials.accessKeySecret,
        ...(this.credentials.securityToken ? { securityToken: this.credentials.securityToken } : {}),
      });
      this.roa.set(endpoint, client);
    }
    return client;
  }
}

/** A bare RPC client for credential bootstrap calls (STS) before a factory exists. */
export function stsClient(credentials: ResolvedCredentials, endpoint: string): RpcClient {
  return new RPCClient({
    endpoint,
    apiVersion: API_VERSIONS.sts,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
    ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
  }) as unknown as RpcClient;
}
