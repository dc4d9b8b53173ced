import type { Tag } from '../../engine/graph/asset.js';

/**
 * Normalization of what Alibaba APIs spell inconsistently (DESIGN "Asset"): checks compare typed
 * values, never `''`, `"Yes"`, `"on"` or `"20"`.
 */

/** `''`/undefined → null; other values unchanged. */
export function str(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (isBigNumber(value)) return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'on', 'enable', 'enabled', '1', 'active']);
const FALSE_WORDS = new Set(['false', 'no', 'off', 'disable', 'disabled', '0', 'inactive']);

/** Yes/No, on/off, Enable/Disable, true/false, 1/0 (any case) → boolean; anything else → null. */
export function bool(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/** Numeric strings and BigNumbers → number; `''`/non-numeric → null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (isBigNumber(value)) return Number(value.toString());
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** A JSON string (RAM PolicyDocument, ACK master_url) → parsed value; objects pass through; bad JSON → null. */
export function json(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

/**
 * Unwraps the XML-style list wrappers that survive in JSON (`Instances.Instance[]`) and the bare
 * arrays some APIs return; a single object becomes a one-element list.
 */
export function list<T = Record<string, unknown>>(value: unknown, inner?: string): T[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value as T[];
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const key = inner ?? Object.keys(obj)[0];
    if (key === undefined) return [];
    const items = obj[key];
    if (Array.isArray(items)) return items as T[];
    if (items === undefined || items === null) return [];
    return [items as T];
  }
  return [];
}

/** Accepts Alibaba's minute-precision (`2017-12-10T04:04Z`), seconds, epoch ms/seconds and `2021-07-07 14:08:09`. */
export function dateTime(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d{10,13}$/.test(value))) {
    const n = Number(value);
    const ms = n < 1e12 ? n * 1000 : n;
    return new Date(ms).toISOString().replace('.000Z', 'Z');
  }
  if (typeof value !== 'string') return null;
  const minute = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})Z$/.exec(value);
  if (minute) return `${minute[1]}:00Z`;
  // Leave well-formed ISO strings untouched (they may carry an offset such as +08:00).
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const spaced = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(value);
  if (spaced) return `${spaced[1]}T${spaced[2]}`;
  return value;
}

/** ECS-style `Tags.Tag[]{TagKey,TagValue}`, VPC `{Key,Value}`, CS `{key,value}` → Tag[]. */
export function tags(value: unknown): Tag[] {
  const items = list<Record<string, unknown>>(value);
  const out: Tag[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const key = str(item.TagKey ?? item.Key ?? item.key ?? item.tagKey);
    if (key === null) continue;
    out.push({ key, value: str(item.TagValue ?? item.Value ?? item.value ?? item.tagValue) });
  }
  return out;
}

interface BigNumberLike {
  isBigNumber?: boolean;
  _isBigNumber?: boolean;
  toString(): string;
}

/** json-bigint's BigNumber objects (bignumber.js) — recognised without importing the class. */
export function isBigNumber(value: unknown): value is BigNumberLike {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return v._isBigNumber === true || v.isBigNumber === true || (v.constructor?.name === 'BigNumber' && 'c' in v && 'e' in v);
}

/**
 * Deep copy of an API object for `raw`: BigNumbers become strings (so the graph is plain JSON and
 * snapshot-safe) and credential fields are dropped.
 */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (isBigNumber(value)) return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEYS.has(key.toLowerCase())) continue;
      out[key] = plain(inner);
    }
    return out;
  }
  return value;
}

const SECRET_KEYS = new Set(['accesskeysecret', 'securitytoken', 'ststoken', 'access_key_secret', 'sts_token']);
