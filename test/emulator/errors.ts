import { randomUUID } from 'node:crypto';
import type { Obj } from './types.js';

/** An API error a handler or a check throws; the server renders it in the protocol's format. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Obj = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Published messages (reference §3.2) so clients see what Alibaba says. */
export const MESSAGES: Record<string, string> = {
  'InvalidAccessKeyId.NotFound': 'Specified access key is not found.',
  'InvalidAccessKeyId.Inactive': 'Specified access key is disabled.',
  SignatureDoesNotMatch: 'Specified signature is not matched with our calculation.',
  IncompleteSignature: 'The request signature does not conform to Alibaba Cloud standards.',
  SignatureNonceUsed: 'Specified signature nonce was used already.',
  'InvalidTimeStamp.Expired': 'Specified time stamp or date value is expired.',
  'InvalidTimeStamp.Format': 'Specified time stamp or date value is not well formatted.',
  'InvalidAction.NotFound': 'Specified api is not found, please check your url and method.',
  InvalidVersion: 'Specified parameter Version is not valid.',
  'Throttling.User': 'Request was denied due to user flow control.',
  'Rejected.Throttling': 'QPS Limit Exceeded',
  ServiceUnavailable: 'The request has failed due to a temporary failure of the server.',
  InternalError: 'The request processing has failed due to some unknown error, exception or failure.',
  'Forbidden.RAM': "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
  NoPermission: 'You are not authorized to do this action. You should be authorized by RAM.',
};

export const apiError = (status: number, code: string, message?: string, extra?: Obj): ApiError =>
  new ApiError(status, code, message ?? MESSAGES[code] ?? code, extra);

export const missing = (name: string): ApiError =>
  apiError(400, 'MissingParameter', `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);

export const requestId = (): string => randomUUID().toUpperCase();

/** RPC/ROA gateway error body (reference §3.1). */
export function popErrorBody(err: ApiError, rid: string, hostId: string, product: string): Obj {
  return {
    RequestId: rid,
    HostId: hostId,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=${encodeURIComponent(product)}&requestId=${rid}`,
    ...err.extra,
  };
}

const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** OSS `<Error>` body (reference §2.6). */
export function ossErrorBody(err: ApiError, rid: string, hostId: string): string {
  const ec = String(err.extra.EC ?? '0003-00000001');
  const rest = Object.entries(err.extra).filter(([k]) => k !== 'EC').map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(err.code)}</Code><Message>${xmlEscape(err.message)}</Message><RequestId>${rid}</RequestId><HostId>${xmlEscape(hostId)}</HostId>${rest}<EC>${ec}</EC><RecommendDoc>https://api.aliyun.com/troubleshoot?q=${ec}</RecommendDoc></Error>`;
}

export const HTML_502 = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n';
