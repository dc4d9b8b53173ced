import { createHmac } from 'node:crypto';

/**
 * ROA signature as pop-core's ROAClient builds it (reference §1.5): verb, accept, content-md5,
 * content-type, date, sorted x-acs-* headers, then the path with the raw (decoded) sorted query.
 * Key is the bare secret (no `&`).
 */
export function roaStringToSign(method: string, path: string, query: [string, string][], headers: Record<string, string | string[] | undefined>): string {
  const h = (name: string): string => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(',') : v ?? '';
  };
  const acs = Object.keys(headers)
    .filter((k) => k.startsWith('x-acs-'))
    .sort()
    .map((k) => `${k}:${h(k).replace(/[\t\n\r\f]/g, ' ').trim()}\n`)
    .join('');
  const sorted = [...query].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const resource = sorted.length ? `${path}?${sorted.map(([k, v]) => `${k}=${v}`).join('&')}` : path;
  return `${method}\n${h('accept')}\n${h('content-md5')}\n${h('content-type')}\n${h('date')}\n${acs}${resource}`;
}

export function roaSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
