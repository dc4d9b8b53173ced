import { describe, expect, it } from 'vitest';
import { rpcSignature, rpcStringToSign } from './signing/rpc-v1.js';
import { percentEncode } from './signing/percent.js';

// Reference §1.4: Alibaba's ECS signature document example, recomputed with pop-core's steps.
const VECTOR = {
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  Format: 'XML',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  SignatureVersion: '1.0',
  Timestamp: '2016-02-23T12:46:24Z',
  Version: '2014-05-26',
};

describe('RPC V1 verifier', () => {
  it('reproduces the published GET signature', () => {
    expect(rpcSignature('testsecret', rpcStringToSign('GET', VECTOR))).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
  it('reproduces the POST signature', () => {
    expect(rpcSignature('testsecret', rpcStringToSign('POST', VECTOR))).toBe('MxbnVAM4w6sft9xjVpe/GCKueuk=');
  });
  it('ignores a Signature param and double-encodes the timestamp colon', () => {
    const sts = rpcStringToSign('GET', { ...VECTOR, Signature: 'x' });
    expect(sts).toContain('Timestamp%3D2016-02-23T12%253A46%253A24Z');
    expect(sts).not.toContain('Signature%3Dx');
  });
  it('percent-encodes like kitx (RFC 3986)', () => {
    expect(percentEncode("a b!'()*~")).toBe('a%20b%21%27%28%29%2A~');
  });
});
