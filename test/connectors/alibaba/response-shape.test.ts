import { describe, expect, it } from 'vitest';
import { shapeMismatch } from '../../../connectors/alibaba/response-shape.js';
import { RESPONSE_SHAPES } from '../../../connectors/alibaba/response-shapes.js';

describe('shapeMismatch', () => {
  it.each([
    [{ TrailList: [] }, ['TrailList[]'], null],
    [{ TrailList: [{ Name: 'a' }] }, ['TrailList[]'], null],
    [{ Users: { User: [] } }, ['Users.User[]'], null],
    [{ PasswordPolicy: {} }, ['PasswordPolicy{}'], null],
    [{ IsLogging: false }, ['IsLogging'], null],
    [{ res: { status: 200 }, acl: 'private' }, ['res.status=200', 'acl'], null],
    [{ owner: {}, buckets: null, res: { status: 200 } }, ['res.status=200', 'owner{}', '?buckets[]'], null],
    [{}, ['?buckets[]'], null],
    [{}, [], null],
    [{ res: { data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<BucketLoggingStatus></BucketLoggingStatus>') } }, ['<BucketLoggingStatus>'], null],
  ])('accepts %j as %j', (value, shape, expected) => {
    expect(shapeMismatch(value, shape)).toBe(expected);
  });

  it.each([
    ['<html>502</html>', [], 'expected a JSON object, got a 16-character text body (HTML/XML)'],
    ['', [], 'expected a JSON object, got an empty body'],
    [null, [], 'expected a JSON object, got null'],
    [undefined, [], 'expected a JSON object, got no value'],
    [[], [], 'expected a JSON object, got an array'],
    [{}, ['TrailList[]'], 'TrailList is missing'],
    [{ TrailList: null }, ['TrailList[]'], 'TrailList is missing'],
    [{ TrailList: {} }, ['TrailList[]'], 'TrailList is an object, not an array'],
    [{ Users: { User: { UserName: 'a' } } }, ['Users.User[]'], 'Users.User is an object, not an array'],
    [{ PasswordPolicy: [] }, ['PasswordPolicy{}'], 'PasswordPolicy is an array, not an object'],
    [{ IsLogging: null }, ['IsLogging'], 'IsLogging is missing'],
    [{ res: { status: 403 } }, ['res.status=200'], 'res.status is 403, not 200'],
    [{ buckets: 'x', owner: {}, res: { status: 200 } }, ['res.status=200', 'owner{}', '?buckets[]'], 'buckets is a 1-character text body, not an array'],
    [{ res: { data: Buffer.from('<?xml version="1.0"?><Result></Result>') } }, ['<BucketLoggingStatus>'], 'the body is a <Result> document, not <BucketLoggingStatus>'],
    [{ res: { data: Buffer.from('') } }, ['<BucketLoggingStatus>'], 'the body is not an XML document, not <BucketLoggingStatus>'],
    [{ res: {} }, ['<BucketLoggingStatus>'], 'res.data is missing'],
  ])('rejects %j as %j: %s', (value, shape, expected) => {
    expect(shapeMismatch(value, shape)).toBe(expected);
  });

  it('never echoes the body it rejects (cloud text is untrusted)', () => {
    expect(shapeMismatch('<html><script>alert(1)</script>SECRET</html>', ['x'])).not.toMatch(/script|SECRET/);
  });

  it('every declared shape parses and names paths', () => {
    for (const [key, shape] of Object.entries(RESPONSE_SHAPES)) {
      expect(key).toMatch(/^[a-z0-9]+:[A-Z][A-Za-z0-9]+$/);
      for (const spec of shape) expect(spec, key).toMatch(/^\??[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(\[\]|\{\}|=[^=]+)?$|^<[A-Za-z]+>$/);
    }
  });
});
