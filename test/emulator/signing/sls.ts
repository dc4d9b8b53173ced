import { createHmac } from 'node:crypto';

type Headers = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(',') : v ?? '');

/**
 * SLS V1 (`LOG <ak>:<sig>`) as @alicloud/log signs: verb, content-md5, content-type, date,
 * sorted x-log-/x-acs- headers, then path + `?` + sorted raw `k=v` pairs (sorted as whole strings).
 */
export function slsStringToSign(method: string, path: string, query: [string, string][], headers: Headers): string {
  const canon = Object.keys(headers)
    .filter((k) => k.startsWith('x-log-') || k.startsWith('x-acs-'))
    .sort()
    .map((k) => `${k}:${one(headers[k]).trim()}\n`)
    .join('');
  const pairs = query.map(([k, v]) => `${k}=${v}`).sort();
  const resource = pairs.length ? `${path}?${pairs.join('&')}` : path;
  return `${method}\n${one(headers['content-md5'])}\n${one(headers['content-type'])}\n${one(headers.date)}\n${canon}${resource}`;
}

export function slsSignature(secret: string, stringToSign: string, method: string): string {
  const algo = method.toLowerCase() === 'hmac-sha256' ? 'sha256' : 'sha1';
  return createHmac(algo, secret).update(stringToSign, 'utf8').digest('base64');
}
