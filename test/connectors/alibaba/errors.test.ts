import { describe, expect, it } from 'vitest';
import { classifyError, isRetryable } from '../../../connectors/alibaba/errors.js';
import { backoffDelay, DEFAULT_RETRY } from '../../../connectors/alibaba/retry.js';
import { redact, cleanErrorMessage, registerSecret } from '../../../connectors/alibaba/redact.js';

function popError(code: string, status = 400): Error {
  const err = new Error(`Denied, URL: https://ecs.aliyuncs.com/?AccessKeyId=LTAIabc&Signature=abc%3D&SecurityToken=tok123&Action=X`) as Error & Record<string, unknown>;
  err.name = `${code}Error`;
  err.code = code;
  err.data = { Code: code, Message: 'Denied' };
  err.entry = { response: { statusCode: status } };
  return err;
}

describe('error classification', () => {
  it('classifies throttling codes as retryable', () => {
    for (const code of ['Throttling', 'Throttling.User', 'Throttling.Api', 'Rejected.Throttling', 'ThrottlingUser']) {
      const c = classifyError(popError(code));
      expect(c.kind, code).toBe('throttled');
      expect(isRetryable(c.kind)).toBe(true);
    }
  });

  it('classifies 5xx, network, non-JSON bodies and timeouts as retryable', () => {
    expect(classifyError(popError('ServiceUnavailable', 503)).kind).toBe('transient');
    expect(classifyError(popError('InternalError', 500)).kind).toBe('transient');
    expect(classifyError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).kind).toBe('transient');
    expect(classifyError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind).toBe('transient');
    expect(classifyError(new Error('socket hang up')).kind).toBe('transient');
    expect(classifyError(new SyntaxError('Unexpected token < in JSON')).kind).toBe('transient');
    const timeout = Object.assign(new Error('ReadTimeout(3000). GET https://x/?Signature=abc'), { name: 'RequestTimeoutError' });
    expect(classifyError(timeout)).toMatchObject({ kind: 'timeout', code: 'RequestTimeoutError' });
    expect(classifyError(timeout).message).not.toContain('Signature=abc');
  });

  it('classifies denials, credentials and not-found', () => {
    expect(classifyError(popError('Forbidden.RAM', 403)).kind).toBe('denied');
    expect(classifyError(popError('NoPermission', 403)).kind).toBe('denied');
    expect(classifyError(Object.assign(new Error('AccessDenied'), { code: 'AccessDenied', status: 403 })).kind).toBe('denied');
    expect(classifyError(popError('InvalidAccessKeyId.NotFound', 404)).kind).toBe('credentials');
    expect(classifyError(popError('SignatureDoesNotMatch')).kind).toBe('credentials');
    expect(classifyError(popError('EntityNotExist.User.LoginProfile', 404)).kind).toBe('notFound');
    expect(isRetryable('denied')).toBe(false);
  });

  it('reads ROA lower-case error bodies', () => {
    const err = Object.assign(new Error('code: 404, cluster not found'), { name: 'Error', code: '', statusCode: 404, result: { code: 'ErrorClusterNotFound' } });
    expect(classifyError(err)).toMatchObject({ kind: 'notFound', code: 'ErrorClusterNotFound' });
  });

  it('removes the signed URL and secrets from messages', () => {
    const c = classifyError(popError('Forbidden.RAM', 403));
    expect(c.message).toBe('Denied');
    expect(c.message).not.toMatch(/Signature|tok123|LTAIabc/);
  });
});

describe('redaction', () => {
  it('redacts signature and token query parameters and JSON fields', () => {
    const text = 'GET /?Signature=xyz&SecurityToken=abc&Action=A {"AccessKeySecret":"s3cr3t","securityToken":"tok"}';
    const out = redact(text);
    expect(out).not.toMatch(/xyz|abc&|s3cr3t|"tok"/);
    expect(out).toContain('Action=A');
  });

  it('redacts registered secret values anywhere', () => {
    registerSecret('very-secret-value-123');
    expect(redact('oops very-secret-value-123 leaked')).toBe('oops *** leaked');
    expect(cleanErrorMessage('bad, URL: http://h/?a=b')).toBe('bad');
  });
});

describe('backoff', () => {
  it('uses full jitter under an exponential, capped ceiling', () => {
    expect(backoffDelay(0, DEFAULT_RETRY, () => 0.999)).toBeLessThan(DEFAULT_RETRY.baseDelayMs);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.999)).toBeLessThan(DEFAULT_RETRY.baseDelayMs * 8);
    expect(backoffDelay(30, DEFAULT_RETRY, () => 0.999)).toBeLessThanOrEqual(DEFAULT_RETRY.maxDelayMs);
    expect(backoffDelay(5, DEFAULT_RETRY, () => 0)).toBe(0);
  });
});

describe('SignatureDoesNotMatch echoes', () => {
  it('drops the server string-to-sign and encoded tokens', () => {
    registerSecret('tok+en/with=chars');
    const msg = 'Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3DLTAI%26SecurityToken%3Dtok%252Ben%252Fwith%253Dchars, URL: http://h/?Signature=x';
    const out = cleanErrorMessage(msg);
    expect(out).toBe('Specified signature is not matched with our calculation.');
    expect(redact('x tok%2Ben%2Fwith%3Dchars y')).toBe('x *** y');
  });
});
