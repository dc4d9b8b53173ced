import { cleanErrorMessage } from './redact.js';

/**
 * What a failed call means for the collector. Classification reads the provider code
 * (pop-core: err.code / err.data.Code; ROA: err.code or err.result.code; ali-oss: err.code + err.status;
 * @alicloud/log: err.code) and transport signals (err.name, Node's err.code).
 */
export type ErrorKind = 'throttled' | 'transient' | 'timeout' | 'denied' | 'credentials' | 'notFound' | 'other';

export interface ClassifiedError {
  kind: ErrorKind;
  /** Provider or transport code, e.g. `Throttling.User`, `ECONNRESET`, `RequestTimeoutError`. */
  code: string;
  /** Secret-free message (no signed URL, no tokens). */
  message: string;
  status?: number;
  /** Server hint (x-acs-retry-after, read as milliseconds) for throttling replies. */
  retryAfterMs?: number;
  /** From AccessDeniedDetail.AuthAction on denials: the exact RAM action that was refused. */
  authAction?: string;
}

const CREDENTIAL_CODES = new Set([
  'InvalidAccessKeyId.NotFound',
  'InvalidAccessKeyId.Inactive',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  // OSS and SLS spellings.
  'SignatureNotMatch',
  'SecurityTokenExpired',
  'InvalidSecurityToken',
]);

const DENIED_CODES = /^(Forbidden(\..*)?|NoPermission(\..*)?|AccessDenied(\..*)?|Unauthorized|UnauthorizedOperation|ErrorCheckAcl|NotAuthorized)$/i;
const THROTTLE_CODES = /^(Throttling(\..*)?|ThrottlingUser|Rejected\.Throttling|RequestLimitExceeded|QpsLimitExceeded|TooManyRequests|ServerBusy|WriteQuotaExceed|ReadQuotaExceed)$/i;
const TRANSIENT_CODES = /^(ServiceUnavailable(\..*)?|InternalError|InternalServerError|ServerError|UnknownError|RequestTimeout|Gateway(Timeout)?|BadGateway|SystemBusy|ServiceBusy)$/i;
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET']);
/** urllib's names for a request that got no HTTP answer (ali-oss copies the name into `code`). */
const URLLIB_TRANSPORT_NAMES = new Set(['ResponseError', 'RequestError', 'ConnectionResetError', 'SocketAssignTimeoutError', 'RemoteSocketClosedError']);
const NOT_FOUND_CODES = /^(EntityNotExist(\..*)?|NoSuch.*|.*NotFound(Exception)?|.*NotExist|Forbidden\.KeyNotFound|ErrorClusterNotFound)$/;

interface ErrLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  status?: unknown;
  statusCode?: unknown;
  data?: { Code?: unknown; Message?: unknown; HttpStatus?: unknown; AccessDeniedDetail?: { AuthAction?: unknown } } | null;
  result?: { code?: unknown; Code?: unknown; message?: unknown; Message?: unknown } | null;
  entry?: { response?: { statusCode?: unknown; headers?: Record<string, unknown> } } | null;
}

/** The provider error code of any client's error, or the transport code. */
export function errorCode(err: unknown): string {
  const e = (err ?? {}) as ErrLike;
  const candidates = [e.data?.Code, e.result?.Code, e.result?.code, e.code];
  for (const c of candidates) if (typeof c === 'string' && c !== '') return c;
  if (typeof e.name === 'string' && e.name !== 'Error' && e.name !== '') return e.name;
  return 'UnknownError';
}

function statusOf(err: ErrLike): number | undefined {
  const s = err.status ?? err.statusCode ?? err.entry?.response?.statusCode ?? err.data?.HttpStatus;
  const n = typeof s === 'string' ? Number(s) : s;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function classifyError(err: unknown): ClassifiedError {
  const e = (err ?? {}) as ErrLike;
  const code = errorCode(err);
  const status = statusOf(e);
  const rawMessage = typeof e.message === 'string' ? e.message : String(err);
  const message = cleanErrorMessage(rawMessage) || code;
  const name = typeof e.name === 'string' ? e.name : '';
  const base = { code, message, ...(status !== undefined ? { status } : {}) };

  // An answer without the shape of a success (HTML gateway page, empty body, wrong envelope):
  // whatever its status says, retry it like a 5xx and never read it as data or as "none".
  if (code === 'InvalidResponse') return { kind: 'transient', ...base };
  if (CREDENTIAL_CODES.has(code)) return { kind: 'credentials', ...base };
  if (THROTTLE_CODES.test(code) || status === 429) {
    const hint = Number(e.entry?.response?.headers?.['x-acs-retry-after']);
    return { kind: 'throttled', ...base, ...(Number.isFinite(hint) && hint > 0 ? { retryAfterMs: hint } : {}) };
  }
  if (name === 'RequestTimeoutError' || code === 'RequestTimeoutError' || code === 'ResponseTimeoutError' || code === 'ConnectionTimeoutError' || /timeout/i.test(code) && !TRANSIENT_CODES.test(code)) {
    return { kind: 'timeout', ...base, code: code === 'UnknownError' ? 'RequestTimeoutError' : code };
  }
  if (DENIED_CODES.test(code) || (status === 403 && !NOT_FOUND_CODES.test(code))) {
    const authAction = e.data?.AccessDeniedDetail?.AuthAction;
    return { kind: 'denied', ...base, ...(typeof authAction === 'string' && authAction ? { authAction } : {}) };
  }
  if (NETWORK_CODES.has(code) || /socket hang up/i.test(rawMessage)) return { kind: 'transient', ...base };
  // ali-oss (urllib) with no HTTP answer: status -1 and name ResponseError (the socket was reset or
  // closed after connecting) or RequestError (before); Node's errno is only in the message.
  if (status === -1 || (status === undefined && URLLIB_TRANSPORT_NAMES.has(code))) {
    return { kind: 'transient', ...base, code: networkErrno(rawMessage) ?? code };
  }
  // pop-core parses the body with JSON.parse and throws a bare SyntaxError on an HTML 502 page.
  if (name === 'SyntaxError' || err instanceof SyntaxError) return { kind: 'transient', ...base, code: 'InvalidResponse' };
  if (TRANSIENT_CODES.test(code) || (status !== undefined && status >= 500)) return { kind: 'transient', ...base };
  if (NOT_FOUND_CODES.test(code) || status === 404) return { kind: 'notFound', ...base };
  return { kind: 'other', ...base };
}

export function isRetryable(kind: ErrorKind): boolean {
  return kind === 'throttled' || kind === 'transient' || kind === 'timeout';
}

/** The Node errno a transport message names (`read ECONNRESET, GET ...`), if one of the known network codes. */
function networkErrno(message: string): string | undefined {
  const found = /\b(E[A-Z_]{3,})\b/.exec(message)?.[1];
  return found && NETWORK_CODES.has(found) ? found : undefined;
}
