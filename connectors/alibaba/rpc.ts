import type { CallResult, CallSpec, CollectContext } from './context.js';
import type { RpcProduct } from './endpoints.js';

export type RpcSpec = CallSpec & {
  product: RpcProduct;
  /**
   * False when the API has no RegionId parameter (or only a deprecated filter): the region still
   * picks the endpoint, but is not sent.
   */
  sendRegionId?: boolean;
};

/** Safety bound on pages per listing; a list that needs more is a gap, not a silent cut. */
const MAX_PAGES = 10_000;

/** One RPC call through the context; regional calls carry RegionId (pop-core never adds it). */
export function rpc<T = Record<string, unknown>>(ctx: CollectContext, spec: RpcSpec, params: Record<string, unknown> = {}): Promise<CallResult<T>> {
  const client = ctx.clients.rpcClient(spec.product, spec.region);
  const full = spec.region && spec.sendRegionId !== false ? { RegionId: spec.region, ...params } : params;
  // A fresh opts object per attempt: pop-core mutates it (adds its agent).
  return ctx.call(spec, (timeout) => client.request<T>(spec.action, full, { timeout }));
}

/** What one page holds: its items and the total the API reports (null when it reports none). */
export interface Page<T> {
  items: T[];
  total: number | null;
}

/**
 * Numbered or offset paging (PageNumber, CurrentPage, page_number; SLS's offset, which is the
 * items read so far): pages until the items reach the total
 * the API reports, or, when it reports none, until an empty page. A server may cap the page size
 * below what was asked (no model documents a maximum), so a short page never ends the list. A
 * list that ends before its total is a gap (`PagingIncomplete`) on the spec's types and fields.
 * Null when a page failed (the call recorded the gap) or the count did not add up.
 */
export async function numberedPages<P, T>(
  ctx: CollectContext,
  spec: CallSpec,
  fetchPage: (page: number, offset: number) => Promise<CallResult<P>>,
  read: (page: P) => Page<T>,
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await fetchPage(page, items.length);
    if (!res.ok) return { items, complete: false };
    const { items: batch, total } = read(res.value);
    items.push(...batch);
    if (total !== null && items.length >= total) return { items, complete: true };
    if (batch.length === 0) {
      if (total === null) return { items, complete: true };
      incomplete(ctx, spec, `${spec.action} reported ${total} items but its pages ended after ${items.length}.`);
      return { items, complete: false };
    }
  }
  incomplete(ctx, spec, `${spec.action} still had items after ${MAX_PAGES} pages.`);
  return { items, complete: false };
}

function incomplete(ctx: CollectContext, spec: CallSpec, message: string): void {
  ctx.addGap(spec, { kind: 'other', code: 'PagingIncomplete', message });
}

/** PageNumber/PageSize paging (VPC, KMS, RDS): until the total, see `numberedPages`. */
export async function rpcPages<P extends Record<string, unknown>>(
  ctx: CollectContext,
  spec: RpcSpec,
  params: Record<string, unknown>,
  pageSize: number,
  itemsOf: (page: P) => unknown[],
  totalOf: (page: P) => number | null,
): Promise<{ items: unknown[]; complete: boolean }> {
  return numberedPages<P, unknown>(
    ctx,
    spec,
    (page) => rpc<P>(ctx, spec, { ...params, PageNumber: page, PageSize: pageSize }),
    (p) => ({ items: itemsOf(p), total: totalOf(p) }),
  );
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
  for (let i = 0; i < MAX_PAGES; i++) {
    const res = await rpc<P>(ctx, spec, { ...params, MaxResults: maxResults, ...(token ? { NextToken: token } : {}) });
    if (!res.ok) return { items, complete: false };
    items.push(...itemsOf(res.value));
    const next = res.value.NextToken;
    if (typeof next !== 'string' || next === '') return { items, complete: true };
    // A token that does not move would loop forever: the rest of the list is unknown.
    if (next === token) {
      incomplete(ctx, spec, `${spec.action} returned the same NextToken twice after ${items.length} items.`);
      return { items, complete: false };
    }
    token = next;
  }
  incomplete(ctx, spec, `${spec.action} still had a NextToken after ${MAX_PAGES} pages.`);
  return { items, complete: false };
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
  for (let i = 0; i < MAX_PAGES; i++) {
    const res = await rpc<P>(ctx, spec, { ...params, MaxItems: maxItems, ...(marker ? { Marker: marker } : {}) });
    if (!res.ok) return { items, complete: false };
    items.push(...itemsOf(res.value));
    const truncated = res.value.IsTruncated === true || res.value.IsTruncated === 'true';
    if (!truncated) return { items, complete: true };
    const next = res.value.Marker;
    // Truncated without a usable marker: the rest of the list cannot be asked for.
    if (typeof next !== 'string' || next === '' || next === marker) {
      incomplete(ctx, spec, `${spec.action} said IsTruncated but gave no new Marker after ${items.length} items.`);
      return { items, complete: false };
    }
    marker = next;
  }
  incomplete(ctx, spec, `${spec.action} was still truncated after ${MAX_PAGES} pages.`);
  return { items, complete: false };
}
