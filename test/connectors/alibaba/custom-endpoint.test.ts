import { describe, expect, it } from 'vitest';
import { checkCustomEndpoint, describeEndpoint, endpointOverride } from '../../../connectors/alibaba/endpoints.js';
import { isLoopbackHost } from '../../../connectors/alibaba/loopback-host.js';
import { AssayError } from '../../../engine/errors/assay-error.js';

const code = (fn: () => void): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as AssayError).code;
  }
};

describe('checkCustomEndpoint', () => {
  it('plain HTTP only to loopback: localhost, 127.0.0.0/8 (however spelled), ::1', () => {
    for (const url of ['http://127.0.0.1:8080', 'http://localhost', 'http://127.9.8.7', 'http://127.1', 'http://0x7f.1', 'http://[::1]:9', 'http://[::ffff:127.0.0.1]/', 'http://127.0.0.1/{product}/{region}']) {
      expect(code(() => checkCustomEndpoint(url, false)), url).toBeUndefined();
    }
    for (const url of ['http://10.0.0.1', 'http://gateway.example.com', 'http://localhost.evil.com', 'http://127.0.0.1.nip.io', 'http://[::2]', 'http://{product}.local', 'http://0.0.0.0']) {
      expect(code(() => checkCustomEndpoint(url, false)), url).toBe('ENDPOINT_INSECURE');
      expect(code(() => checkCustomEndpoint(url, true)), url).toBeUndefined();
    }
  });

  it('https anywhere; other schemes and non-URLs never', () => {
    expect(code(() => checkCustomEndpoint('https://{product}.{region}.gw.example.com', false))).toBeUndefined();
    expect(code(() => checkCustomEndpoint('ftp://127.0.0.1', true))).toBe('ENDPOINT_INVALID');
    expect(code(() => checkCustomEndpoint('127.0.0.1:8080', true))).toBe('ENDPOINT_INVALID');
  });

  it('the env override is checked too, and ASSAY_ALLOW_INSECURE_ENDPOINT=1 allows it', () => {
    expect(code(() => endpointOverride(undefined, { ASSAY_ALIBABA_ENDPOINT: 'http://10.1.2.3/' }))).toBe('ENDPOINT_INSECURE');
    expect(endpointOverride(undefined, { ASSAY_ALIBABA_ENDPOINT: 'http://10.1.2.3/', ASSAY_ALLOW_INSECURE_ENDPOINT: '1' })).toBe('http://10.1.2.3');
  });

  it('reports show the endpoint without user, password or query', () => {
    expect(describeEndpoint('https://user:pw@gw.example.com/{product}/{region}?token=x')).toBe('https://gw.example.com/{product}/{region}');
  });

  it('loopback hosts', () => {
    expect(isLoopbackHost('LOCALHOST')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });
});
