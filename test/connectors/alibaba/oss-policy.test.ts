import { describe, expect, it } from 'vitest';
import { analyzeBucketPolicy } from '../../../connectors/alibaba/collectors/oss-policy.js';

const BUCKET = ['acs:oss:*:1234567890123456:logs', 'acs:oss:*:1234567890123456:logs/*'];
type Statement = Record<string, unknown>;
const policy = (...Statement: Statement[]) => ({ Version: '1', Statement });
const allowAll = (extra: Statement = {}): Statement => ({ Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: BUCKET, ...extra });

describe('analyzeBucketPolicy: public by policy (CIS 5.1 / 2.2)', () => {
  it.each([
    ['Principal ["*"]', allowAll()],
    ['Principal "*"', allowAll({ Principal: '*' })],
    ['Principal { RAM: ["*"] }', allowAll({ Principal: { RAM: ['*'] } })],
    ['a single Statement object', allowAll()],
    ['NotPrincipal (everyone but one user)', { ...allowAll(), Principal: undefined, NotPrincipal: ['20214760404935'] }],
    ['acs:SecureTransport alone', allowAll({ Condition: { Bool: { 'acs:SecureTransport': ['true'] } } })],
    ['acs:SourceIp 0.0.0.0/0', allowAll({ Condition: { IpAddress: { 'acs:SourceIp': ['0.0.0.0/0'] } } })],
    ['acs:SourceIp with ::/0 among private ranges', allowAll({ Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '::/0'] } } })],
    ['NotIpAddress (everywhere but one range)', allowAll({ Condition: { NotIpAddress: { 'acs:SourceIp': ['192.0.2.0/24'] } } })],
    ['acs:Referer (the caller sends it)', allowAll({ Condition: { StringLike: { 'acs:Referer': ['https://example.com/*'] } } })],
    ['acs:SourceVpc ...IfExists (internet callers have no VPC)', allowAll({ Condition: { StringEqualsIfExists: { 'acs:SourceVpc': ['vpc-123'] } } })],
    ['acs:SourceVpc like "*"', allowAll({ Condition: { StringLike: { 'acs:SourceVpc': ['*'] } } })],
  ])('%s is public', (_name, statement) => {
    const facts = analyzeBucketPolicy(_name === 'a single Statement object' ? { Version: '1', Statement: statement } : policy(statement));
    expect(facts.publicByPolicy).toBe(true);
    expect(facts.publicGrants).toEqual([`Allow oss:GetObject to * on ${BUCKET.join(', ')}`]);
  });

  it.each([
    ['acs:SourceIp private range', allowAll({ Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } } })],
    ['acs:SourceIp, case-insensitive key and operator', allowAll({ Condition: { ipaddress: { 'acs:sourceip': '192.0.2.10' } } })],
    ['acs:SourceVpc', allowAll({ Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-123'] } } })],
    ['acs:AccessId', allowAll({ Condition: { StringEquals: { 'acs:AccessId': ['LTAI5tExample'] } } })],
    ['SecureTransport AND a private SourceIp', allowAll({ Condition: { Bool: { 'acs:SecureTransport': 'true' }, IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } })],
    ['a named principal', allowAll({ Principal: ['20214760404935'] })],
    ['{ RAM: [a named account] }', allowAll({ Principal: { RAM: ['acs:ram::1234567890123456:root'] } })],
    ['a Deny, not an Allow', { ...allowAll(), Effect: 'Deny' }],
  ])('%s is not public', (_name, statement) => {
    expect(analyzeBucketPolicy(policy(statement)).publicByPolicy).toBe(false);
  });

  it('an unconditioned Deny to everyone on every action takes a public Allow back', () => {
    expect(analyzeBucketPolicy(policy(allowAll(), { Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: ['acs:oss:*:*:logs*'] })).publicByPolicy).toBe(false);
  });

  it('a Deny unless from a VPC or a private range takes a public Allow back', () => {
    const unlessVpc = { Effect: 'Deny', Principal: ['*'], Action: ['*'], Resource: ['*'], Condition: { StringNotEquals: { 'acs:SourceVpc': ['vpc-123'] } } };
    const unlessIp = { ...unlessVpc, Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } };
    expect(analyzeBucketPolicy(policy(allowAll(), unlessVpc)).publicByPolicy).toBe(false);
    expect(analyzeBucketPolicy(policy(allowAll(), unlessIp)).publicByPolicy).toBe(false);
  });

  it('a Deny that misses some of the granted actions, only denies HTTP, or names one user does not', () => {
    const deny = { Effect: 'Deny', Principal: ['*'], Action: ['oss:PutObject'], Resource: ['*'] };
    expect(analyzeBucketPolicy(policy(allowAll(), deny)).publicByPolicy).toBe(true);
    expect(analyzeBucketPolicy(policy(allowAll(), { ...deny, Action: ['oss:*'], Condition: { Bool: { 'acs:SecureTransport': ['false'] } } })).publicByPolicy).toBe(true);
    expect(analyzeBucketPolicy(policy(allowAll(), { ...deny, Action: ['oss:*'], Principal: ['20214760404935'] })).publicByPolicy).toBe(true);
  });

  it('no policy, no statements, or a malformed document grants nothing', () => {
    for (const doc of [null, undefined, {}, { Statement: [] }, { Statement: 'x' }, { Statement: [null, 7] }]) {
      expect(analyzeBucketPolicy(doc)).toEqual({ secureTransportRequired: false, publicByPolicy: false, networkRestricted: false, publicGrants: [] });
    }
  });
});

describe('analyzeBucketPolicy: secure transfer required (CIS 5.4)', () => {
  const denyHttp = (extra: Statement = {}): Statement => ({ Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: BUCKET, Condition: { Bool: { 'acs:SecureTransport': ['false'] } }, ...extra });

  it.each([
    ['["false"]', denyHttp()],
    ['"false"', denyHttp({ Condition: { Bool: { 'acs:SecureTransport': 'false' } } })],
    ['false (a JSON boolean)', denyHttp({ Condition: { Bool: { 'acs:SecureTransport': false } } })],
    ['Principal "*"', denyHttp({ Principal: '*' })],
    ['Principal { RAM: ["*"] }', denyHttp({ Principal: { RAM: ['*'] } })],
  ])('a Deny to everyone when plain HTTP is used requires HTTPS (%s)', (_name, statement) => {
    expect(analyzeBucketPolicy(policy(statement)).secureTransportRequired).toBe(true);
  });

  it.each([
    ['a Deny on "true" (blocks HTTPS, allows HTTP)', denyHttp({ Condition: { Bool: { 'acs:SecureTransport': ['true'] } } })],
    ['a Deny to one RAM user', denyHttp({ Principal: ['20214760404935'] })],
    ['an Allow on "true" (does not deny HTTP to anyone)', { ...denyHttp({ Condition: { Bool: { 'acs:SecureTransport': ['true'] } } }), Effect: 'Allow' }],
    ['a Deny for HTTP only from outside a range', denyHttp({ Condition: { Bool: { 'acs:SecureTransport': ['false'] }, NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } })],
    ['a Deny without a condition on transport', denyHttp({ Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } })],
  ])('%s does not', (_name, statement) => {
    expect(analyzeBucketPolicy(policy(statement)).secureTransportRequired).toBe(false);
  });
});

describe('analyzeBucketPolicy: network access restricted (CIS 5.7)', () => {
  const fromVpc = { Effect: 'Allow', Principal: ['20214760404935'], Action: ['oss:*'], Resource: BUCKET, Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-123'] } } };

  it.each([
    ['an Allow from a VPC', [fromVpc]],
    ['an Allow from private ranges', [{ ...fromVpc, Condition: { IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } }]],
    ['a Deny to everyone unless from a range', [{ Effect: 'Deny', Principal: ['*'], Action: ['oss:*'], Resource: BUCKET, Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } }]],
  ])('%s restricts network access', (_name, statements) => {
    expect(analyzeBucketPolicy(policy(...statements)).networkRestricted).toBe(true);
  });

  it.each([
    ['an Allow from 0.0.0.0/0', [{ ...fromVpc, Condition: { IpAddress: { 'acs:SourceIp': ['0.0.0.0/0'] } } }]],
    ['an Allow from ::/0', [{ ...fromVpc, Condition: { IpAddress: { 'acs:SourceIp': ['::/0'] } } }]],
    ['only a SecureTransport condition', [{ ...fromVpc, Condition: { Bool: { 'acs:SecureTransport': ['true'] } } }]],
    ['a VPC rule beside an unconditioned Allow to everyone', [fromVpc, allowAll()]],
    ['a Deny to one user unless from a range', [{ Effect: 'Deny', Principal: ['20214760404935'], Action: ['oss:*'], Resource: BUCKET, Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } }]],
    ['no policy', []],
  ])('%s does not', (_name, statements) => {
    expect(analyzeBucketPolicy(policy(...statements)).networkRestricted).toBe(false);
  });
});

describe('hostile policies', () => {
  it('a Deny with many wildcards is matched in linear time (a RegExp per star backtracked exponentially)', () => {
    const stars = `acs:oss:*:*:${'*a'.repeat(40)}b`;
    const started = performance.now();
    const facts = analyzeBucketPolicy({
      Statement: [
        { Effect: 'Allow', Principal: ['*'], Action: ['oss:GetObject'], Resource: [`acs:oss:*:*:bucket/${'a'.repeat(60)}`] },
        { Effect: 'Deny', Principal: ['*'], Action: ['oss:GetObject'], Resource: [stars] },
      ],
    });
    expect(facts.publicByPolicy).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
