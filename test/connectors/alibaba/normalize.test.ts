import { describe, expect, it } from 'vitest';
import BigNumber from 'bignumber.js';
import { bool, dateTime, json, list, num, plain, str, tags } from '../../../connectors/alibaba/normalize.js';
import { normalizeRule } from '../../../connectors/alibaba/collectors/ecs.js';
import { allowsFullAdmin } from '../../../connectors/alibaba/collectors/ram.js';

describe('normalize', () => {
  it('turns empty strings into null and keeps other strings', () => {
    expect(str('')).toBeNull();
    expect(str(undefined)).toBeNull();
    expect(str('x')).toBe('x');
    expect(str(new BigNumber('1234567890123456789'))).toBe('1234567890123456789');
  });

  it('reads the spellings of booleans Alibaba uses', () => {
    for (const t of ['Yes', 'on', 'Enable', 'Enabled', 'true', 'TRUE', '1', true]) expect(bool(t)).toBe(true);
    for (const f of ['No', 'off', 'Disable', 'Disabled', 'false', '0', false]) expect(bool(f)).toBe(false);
    expect(bool('maybe')).toBeNull();
    expect(bool('')).toBeNull();
  });

  it('parses numeric strings (VPC counters, Priority) and BigNumbers', () => {
    expect(num('20')).toBe(20);
    expect(num('')).toBeNull();
    expect(num('abc')).toBeNull();
    expect(num(new BigNumber('42'))).toBe(42);
  });

  it('parses JSON strings and leaves bad JSON as null', () => {
    expect(json('{"Version":"1"}')).toEqual({ Version: '1' });
    expect(json('{bad')).toBeNull();
    expect(json('')).toBeNull();
  });

  it('unwraps XML-style list wrappers and bare arrays', () => {
    expect(list({ Instance: [{ a: 1 }] })).toEqual([{ a: 1 }]);
    expect(list({ IpAddress: [] })).toEqual([]);
    expect(list([1, 2])).toEqual([1, 2]);
    expect(list(undefined)).toEqual([]);
    expect(list({ Key: { a: 1 } })).toEqual([{ a: 1 }]);
  });

  it('accepts minute-precision, epoch and spaced timestamps', () => {
    expect(dateTime('2017-12-10T04:04Z')).toBe('2017-12-10T04:04:00Z');
    expect(dateTime('2021-04-06T02:16:24Z')).toBe('2021-04-06T02:16:24Z');
    expect(dateTime('1619407012000')).toBe('2021-04-26T03:16:52Z');
    expect(dateTime('2021-07-07 14:08:09')).toBe('2021-07-07T14:08:09');
    expect(dateTime('')).toBeNull();
  });

  it('normalizes the three tag spellings', () => {
    expect(tags({ Tag: [{ TagKey: 'env', TagValue: '' }] })).toEqual([{ key: 'env', value: null }]);
    expect(tags({ Tag: [{ Key: 'a', Value: 'b' }] })).toEqual([{ key: 'a', value: 'b' }]);
    expect(tags([{ key: 'k', value: 'v' }])).toEqual([{ key: 'k', value: 'v' }]);
  });

  it('plain() stringifies BigNumbers and drops credential fields', () => {
    const out = plain({ OwnerId: new BigNumber('1234567890123456789'), Credentials: { AccessKeySecret: 's', SecurityToken: 't', AccessKeyId: 'id' } });
    expect(out).toEqual({ OwnerId: '1234567890123456789', Credentials: { AccessKeyId: 'id' } });
  });

  it('normalizes a security group rule', () => {
    const rule = normalizeRule({ Direction: 'ingress', IpProtocol: 'tcp', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Priority: '1', Policy: 'Accept', Ipv6SourceCidrIp: '' });
    expect(rule).toMatchObject({ ipProtocol: 'TCP', portFrom: 22, portTo: 22, priority: 1, ipv6SourceCidrIp: null, sourceCidrIp: '0.0.0.0/0' });
  });

  it('detects full-admin policies', () => {
    expect(allowsFullAdmin({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })).toBe(true);
    expect(allowsFullAdmin({ Statement: [{ Effect: 'Allow', Action: ['ecs:*'], Resource: '*' }] })).toBe(false);
    expect(allowsFullAdmin({ Statement: { Effect: 'Allow', Action: ['ecs:Describe*', '*:*'], Resource: ['*'] } })).toBe(true);
    expect(allowsFullAdmin({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] })).toBe(false);
    expect(allowsFullAdmin(null)).toBe(false); // the collector records null (unknown) when no document was read
    expect(allowsFullAdmin({ Statement: [{ Effect: 'Allow', Action: '*', Resource: 'acs:*:*:*:*' }] })).toBe(true);
  });
});
