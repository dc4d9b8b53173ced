import type { CredentialStore, Identity } from './auth.js';
import { apiError, missing } from './errors.js';
import type { Obj, World } from './types.js';

/** What a product handler sees for one authenticated call. */
export interface Call {
  world: World;
  region: string;
  /** RPC params, or the decoded query string for REST protocols. */
  params: Record<string, string>;
  identity: Identity;
  store: CredentialStore;
  now: () => number;
  /** REST only: path segments after routing (e.g. ['clusters', 'c-1', 'nodepools']). */
  segments: string[];
  bucket?: string;
  project?: string;
  /** Region named by the endpoint (path prefix or Host), when there is one. */
  endpointRegion?: string;
}

export interface Reply {
  status?: number;
  body: Obj | string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (call: Call) => Obj | Reply;

export interface RpcProduct {
  /** Lower-case product code used in stats, limits and faults (e.g. `ecs`). */
  name: string;
  /** Product name used in Recommend links (e.g. `Ecs`). */
  display: string;
  version: string;
  host(region: string): string;
  /** Code for `deny` faults: most products answer Forbidden.RAM, RAM/STS/Sas answer NoPermission. */
  denyCode?: string;
  /** RAM action prefix when it differs from `name` (e.g. `yundun-waf`), for denials' AuthAction. */
  ramCode?: string;
  actions: Record<string, Handler>;
}

export const isReply = (v: Obj | Reply): v is Reply => typeof v === 'object' && v !== null && 'body' in v && Object.keys(v).every((k) => ['status', 'body', 'contentType', 'headers'].includes(k));

export function required(call: Call, name: string): string {
  const v = call.params[name];
  if (v === undefined || v === '') throw missing(name);
  return v;
}

/** XML-style wrapper kept in JSON: `wrap('Instance', [...])` → `{ Instance: [...] }`. */
export const wrap = (item: string, list: unknown[]): Obj => ({ [item]: list });

/** Copy of an API object without the emulator's side-car keys. */
export function strip(obj: Obj, sideCars: string[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) if (!sideCars.includes(k)) out[k] = v;
  return out;
}

export const bool = (v: string | undefined): boolean => v === 'true' || v === 'True' || v === '1';

export function jsonList(call: Call, name: string): string[] | undefined {
  const v = call.params[name];
  if (v === undefined || v === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    if (Array.isArray(parsed)) return parsed.map(String);
  } catch {
    /* fall through */
  }
  throw apiError(400, `Invalid${name}.Malformed`, `The specified parameter "${name}" is not valid.`);
}

export const regional = <T>(map: Record<string, T> | undefined, region: string): T | undefined => map?.[region];
