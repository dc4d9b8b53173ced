import { RPC_PRODUCTS, REST_PRODUCTS } from './products/index.js';

/** Known products for the optional `/<product>/<region>` endpoint prefix (plus `rpc`). */
const PREFIXES = new Set(['rpc', ...RPC_PRODUCTS.map((p) => p.name), ...REST_PRODUCTS]);
const REGION = /^[a-z]{2,}-[a-z0-9-]+$/;

export interface Prefix {
  /** Raw path after the prefix (what clients signed), always starting with `/`. */
  path: string;
  region?: string;
  product?: string;
}

/** Strips an optional `/<product>/<region|global>` prefix that a path-routed endpoint adds. */
export function stripPrefix(rawPath: string): Prefix {
  const m = /^\/([a-z]+)\/([a-z0-9-]+)(\/.*)?$/.exec(rawPath);
  if (m && PREFIXES.has(m[1]!) && (m[2] === 'global' || REGION.test(m[2]!))) {
    return { path: m[3] || '/', product: m[1], ...(m[2] !== 'global' ? { region: m[2] } : {}) };
  }
  return { path: rawPath || '/' };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isLocal = (h: string): boolean => IPV4.test(h) || h === 'localhost' || h === '[::1]' || h === '::1';

export function hostname(hostHeader: string | undefined): string {
  const h = (hostHeader ?? '').toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

/** `<bucket>.oss-<region>.aliyuncs.com` (ali-oss with an IP endpoint) or `<bucket>.localhost`. */
export function ossHost(host: string): { bucket?: string; region?: string } {
  const m = /^(?:(.+)\.)?oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(host);
  if (m) return { ...(m[1] && m[1] !== 'undefined' ? { bucket: m[1] } : {}), region: m[2]! };
  const local = /^(.+)\.(localhost|\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (local) return { bucket: local[1]! };
  return {};
}

/** `<project>.<region>.log.aliyuncs.com`, or `<project>.<local endpoint host>`. */
export function slsHost(host: string): { project?: string; region?: string } {
  const m = /^(?:(.+)\.)?([a-z]{2,}-[a-z0-9-]+?)(?:-intranet)?\.log\.aliyuncs\.com$/.exec(host);
  if (m) return { ...(m[1] ? { project: m[1] } : {}), region: m[2]! };
  if (isLocal(host)) return {};
  const local = /^(.+?)\.(localhost|\d{1,3}(?:\.\d{1,3}){3})$/.exec(host);
  if (local) return { project: local[1]! };
  return {};
}
