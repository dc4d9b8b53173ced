import { apiError } from './errors.js';
import type { World } from './types.js';

/** Paging helpers, one per style the real APIs use (reference §2 conventions). */

/**
 * Page caps per `product:Action`: the most items one page returns, whatever PageSize asks. Real
 * servers may cap below the asked size (no model documents a maximum), so a client that stops on
 * a short page loses the rest; tests set a cap to show it. Set per world (`capPages`), read by
 * the handlers through `pageMax`.
 */
const capsByWorld = new WeakMap<World, Record<string, number>>();

export function capPages(world: World, caps: Record<string, number>): void {
  capsByWorld.set(world, { ...(capsByWorld.get(world) ?? {}), ...caps });
}

/** The page size limit for an action: its documented maximum, lowered by a cap set for this world. */
export function pageMax(world: World, key: string, documentedMax: number): number {
  const cap = capsByWorld.get(world)?.[key];
  return cap !== undefined && cap > 0 ? Math.min(documentedMax, cap) : documentedMax;
}

const int = (v: string | undefined, fallback: number): number => {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n)) throw apiError(400, 'InvalidParameter', `The specified parameter value "${v}" is not valid.`);
  return n;
};

/** PageNumber/PageSize: out-of-range sizes are clamped to [1, max] (documented in the README). */
export function byPage<T>(items: T[], pageNumber: string | undefined, pageSize: string | undefined, def: number, max: number) {
  const size = Math.min(max, Math.max(1, int(pageSize, def)));
  const page = Math.max(1, int(pageNumber, 1));
  return { items: items.slice((page - 1) * size, page * size), PageNumber: page, PageSize: size, TotalCount: items.length };
}

/** Opaque tokens that carry an offset; a token from another list still decodes, as with real opaque tokens. */
export const encodeToken = (offset: number): string => Buffer.from(`emu:${offset}`).toString('hex');
export function decodeToken(token: string | undefined, code = 'InvalidNextToken'): number {
  if (!token) return 0;
  const text = Buffer.from(token, 'hex').toString();
  const m = /^emu:(\d+)$/.exec(text);
  if (!m) throw apiError(400, code, `The specified token "${token}" is not valid.`);
  return Number(m[1]);
}

/** NextToken/MaxResults: values below min are raised to min (ECS: <10 → 10). */
export function byToken<T>(items: T[], token: string | undefined, maxResults: string | undefined, def: number, min: number, max: number) {
  const size = Math.min(max, Math.max(min, int(maxResults, def)));
  const offset = decodeToken(token);
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? encodeToken(offset + size) : '';
  return { items: page, NextToken: next, MaxResults: size };
}

/** RAM Marker/MaxItems/IsTruncated. */
export function byMarker<T>(items: T[], marker: string | undefined, maxItems: string | undefined, def = 100, max = 1000) {
  const size = Math.min(max, Math.max(1, int(maxItems, def)));
  const offset = decodeToken(marker, 'InvalidParameter.Marker');
  const page = items.slice(offset, offset + size);
  const truncated = offset + size < items.length;
  return { items: page, IsTruncated: truncated, ...(truncated ? { Marker: encodeToken(offset + size) } : {}) };
}

/** SLS offset/size. */
export function byOffset<T>(items: T[], offset: string | undefined, size: string | undefined, def: number, max: number) {
  const n = Math.min(max, Math.max(1, int(size, def)));
  const o = Math.max(0, int(offset, 0));
  const page = items.slice(o, o + n);
  return { items: page, count: page.length, total: items.length };
}
