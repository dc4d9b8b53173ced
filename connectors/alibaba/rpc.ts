import type { CallResult, CallSpec, CollectContext } from './context.js';
import type { RpcProduct } from './endpoints.js';

export type RpcSpec = CallSpec & { product: RpcProduct };

/** One RPC call through the context; regional calls carry RegionId (pop-core never adds it). */
export function rpc<T = Record<string, unknown>>(ctx: CollectContext, spec: RpcSpec, params: Record<string, unknown> = {}): Promise<CallResult<T>> {
  const client = ctx.clients.rpcClient(spec.product, spec.region);
  const full = spec.region ? { RegionId: spec.region, ...params } : params;
  // A fresh opts object per attempt: pop-core mutates it (adds its agent).
  return ctx.call(spec, (timeout) => client.request<T>(spec.action, full, { timeout }));
}

/** PageNumber/PageSize paging (ECS legacy, VPC, KMS, RDS); stops on a short page or the total. */
export async function rpcPages<P extends Record<string, unknown>>(
  ctx: CollectContext,
  spec: RpcSpec,
  params: Record<string, unknown>,
  pageSize: number,
  itemsOf: (page: P) => unknown[],
  totalOf: (page: P) => number | null,
): Promise<{ items: unknown[]; complete: boolean }> {
  const items: unknown[] = [];
  for (let page = 1; page <= 10_000; page++) {
    const res = await rpc<P>(ctx, spec, { ...params, PageNumber: page, PageSize: pageSize });
    if (!res.ok) return { items, complete: false };
    const batch = itemsOf(res.value);
    items.push(...batch);
    const total = totalOf(res.value);
    if (batch.length === 0 || batch.length < pageSize || (total !== null && items.length >= total)) break;
  }
  return { items, complete: true };
}

/** NextToken/MaxResults paging (ECS, RDS). */
export async function rpcTokenPages<P extends Record<string, unknown>>(
  ctx: CollectContext,
  spec: RpcSpec,
  params: Record<string, unknown>,
  maxResults: number,
  itemsOf: (page: P) => unknown[],
): Promise<{ items: unknown[]; complete: boolean }> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const res = await rpc<P>(ctx, spec, { ...params, MaxResults: maxResults, ...(token ? { NextToken: token } : {}) });
    if (!res.ok) return { items, complete: false };
    items.push(...itemsOf(res.value));
    const next = res.value.NextToken;
    if (typeof next !== 'string' || next === '' || next === token) break;
    token = next;
  }
  return { items, complete: true };
}

/** Marker/IsTruncated paging (RAM, IMS). */
export async function rpcMarkerPages<P extends Record<string, unknown>>(
  ctx: CollectContext,
  spec: RpcSpec,
  params: Record<string, unknown>,
  maxItems: number,
  itemsOf: (page: P) => unknown[],
): Promise<{ items: unknown[]; complete: boolean }> {
  const items: unknown[] = [];
  let marker: string | undefined;
  for (let i = 0; i < 10_000; i++) {
    const res = await rpc<P>(ctx, spec, { ...params, MaxItems: maxItems, ...(marker ? { Marker: marker } : {}) });
    if (!res.ok) return { items, complete: false };
    items.push(...itemsOf(res.value));
    const truncated = res.value.IsTruncated === true || res.value.IsTruncated === 'true';
    const next = res.value.Marker;
    if (!truncated || typeof next !== 'string' || next === '' || next === marker) break;
    marker = next;
  }
  return { items, complete: true };
}
