import { createHash, createHmac } from 'node:crypto';
import { percentEncode } from './percent.js';

type Headers = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? v.join(',') : v ?? '');

/** Query keys OSS V1 signs (sub-resources); paging params such as marker/max-keys are not signed. */
const SUB_RESOURCES = new Set([
  'acl', 'bucketInfo', 'policy', 'policyStatus', 'logging', 'encryption', 'lifecycle', 'versioning', 'versions', 'versionId',
  'location', 'stat', 'tagging', 'cors', 'referer', 'website', 'replication', 'publicAccessBlock', 'uploads', 'uploadId',
  'partNumber', 'security-token', 'worm', 'wormId', 'inventory', 'resourceGroup', 'accessMonitor', 'transferAcceleration',
  'continuationToken', 'restore', 'qos', 'requestPayment', 'objectMeta', 'symlink', 'delete', 'append', 'position',
]);

/** OSS V1 StringToSign as ali-oss builds it: the date slot holds x-oss-date when present. */
export function ossV1StringToSign(method: string, resource: string, query: [string, string][], headers: Headers): string {
  const oss = Object.keys(headers)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${one(headers[k]).trim()}`);
  const sub = query.filter(([k]) => SUB_RESOURCES.has(k) || k.startsWith('response-')).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonical = sub.length ? `${resource}?${sub.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&')}` : resource;
  const date = one(headers['x-oss-date']) || one(headers.date);
  return [method.toUpperCase(), one(headers['content-md5']), one(headers['content-type']), date, ...oss, canonical].join('\n');
}

export const ossV1Signature = (secret: string, stringToSign: string): string =>
  createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');

export interface OssV4Auth {
  accessKeyId: string;
  date: string;
  region: string;
  product: string;
  additionalHeaders: string[];
  signature: string;
}

export function parseOssV4(authorization: string): OssV4Auth | null {
  const m = /^OSS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aliyun_v4_request,(?:AdditionalHeaders=([^,]*),)?Signature=([0-9a-f]+)$/.exec(authorization.trim());
  if (!m) return null;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, product: m[4]!, additionalHeaders: m[5] ? m[5].split(';') : [], signature: m[6]! };
}

/** OSS V4 (OSS4-HMAC-SHA256) signature as ali-oss computes it with `authorizationV4: true`. */
export function ossV4Signature(secret: string, auth: OssV4Auth, method: string, resource: string, query: [string, string][], headers: Headers): string {
  const q = [...query]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([k, v]) => (v === '' ? percentEncode(k) : `${percentEncode(k)}=${percentEncode(v)}`))
    .join('&');
  const names = new Set(auth.additionalHeaders);
  for (const k of Object.keys(headers)) if (k === 'content-type' || k === 'content-md5' || k.startsWith('x-oss-')) names.add(k);
  const canonicalHeaders = [...names].sort().map((k) => `${k}:${one(headers[k]).trim()}\n`).join('');
  const canonicalRequest = [
    method.toUpperCase(),
    percentEncode(resource).replace(/%2F/g, '/'),
    q,
    canonicalHeaders,
    auth.additionalHeaders.join(';'),
    one(headers['x-oss-content-sha256']) || 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const timestamp = one(headers['x-oss-date']);
  const scope = `${auth.date}/${auth.region}/${auth.product}/aliyun_v4_request`;
  const stringToSign = ['OSS4-HMAC-SHA256', timestamp, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key = createHmac('sha256', `aliyun_v4${secret}`).update(auth.date).digest();
  for (const part of [auth.region, auth.product, 'aliyun_v4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}
