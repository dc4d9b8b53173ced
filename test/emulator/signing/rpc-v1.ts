import { createHmac } from 'node:crypto';
import { percentEncode } from './percent.js';

/**
 * RPC signature V1 (reference §1.4): sorted, RFC 3986-encoded params; StringToSign =
 * METHOD&%2F&enc(query); HMAC-SHA1 with key `secret&`. Params exclude `Signature`.
 */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k] ?? '')}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(secret: string, stringToSign: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}
