import { describe, expect, it } from 'vitest';
import { LinearRegExp } from '../../engine/jsonata/linear-regex.js';

/** Patterns and inputs where RE2's own meaning differs from JavaScript's, or the form is special. */
const SAME_AS_JAVASCRIPT: Array<[string, string, string[]]> = [
  ['a.b', '', ['a\rb', 'axb', 'a\u2028b', 'a\nb']],
  ['a.b', 's', ['a\nb']],
  ['a\\sb', '', ['a\u00a0b', 'a\vb', 'a b', 'a\ufeffb', 'axb']],
  ['a\\Sb', '', ['a\u00a0b', 'axb']],
  ['[\\s\\S]x', '', ['\u00a0x', 'yx', 'x']],
  ['[^\\s]x', '', ['\u00a0x', 'yx']],
  ['a[]b', '', ['ab']],
  ['a[^]b', '', ['a\nb']],
  ['^postgre(s|sql)$', 'i', ['PostgreSQL', 'postgres', 'mysql']],
  ['(?<n>x)(y)?', 'g', ['axbx']],
  ['\\bconsolesignin\\b', 'i', ['event.ConsoleSignin: 1', 'consolesigning']],
  // The CIS pack's keyword conjunctions: a boolean formula of searches (lookaround RE2 lacks).
  ['^(?:(?![\\s\\S]*\\bservicename\\b)|(?=[\\s\\S]*\\becs\\b)(?=[\\s\\S]*\\bvpc\\b))', 'i', ['foo', 'servicename ecs vpc', 'servicename ecs', 'x ECS VPC']],
  [
    '^(?=[\\s\\S]*(?:\\bputbucketacl\\b|\\bputbucket\\b[\\s\\S]*\\bacl\\b|\\bacl\\b[\\s\\S]*\\bputbucket\\b))(?=[\\s\\S]*\\bputobjectacl\\b)',
    'i',
    ['PutBucket x acl PutObjectAcl', 'putbucketacl', 'acl and putbucket, putobjectacl', ''],
  ],
];

describe('LinearRegExp', () => {
  it.each(SAME_AS_JAVASCRIPT)('/%s/%s tests and execs as JavaScript does', (pattern, flags, inputs) => {
    for (const input of inputs) {
      const linear = new LinearRegExp(pattern, flags);
      expect(linear.test(input), input).toBe(new RegExp(pattern, flags).test(input));
      const expected = new RegExp(pattern, flags).exec(input);
      const got = new LinearRegExp(pattern, flags).exec(input);
      expect(got ? [...got] : null, input).toEqual(expected ? [...expected] : null);
      expect(got?.index, input).toBe(expected?.index);
    }
  });

  it('walks matches with lastIndex under g, as JSONata does for $match', () => {
    const linear = new LinearRegExp('b(c)', 'g');
    const found: number[] = [];
    for (let m = linear.exec('abcabc'); m; m = linear.exec('abcabc')) found.push(m.index, linear.lastIndex);
    expect(found).toEqual([1, 3, 4, 6]);
    expect(linear.lastIndex).toBe(0);
  });

  it('runs a catastrophic pattern in linear time', () => {
    const start = performance.now();
    expect(new LinearRegExp('(a+)+$').test(`${'a'.repeat(200_000)}!`)).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
  });

  it.each([
    ['(?=x)(a+)+$', ''],
    ['(a)\\1', ''],
    ['x(?<=a)', ''],
    ['^(?=[\\s\\S]*a)b', 'm'],
  ])('refuses /%s/%s, which needs backtracking', (pattern, flags) => {
    expect(() => new LinearRegExp(pattern, flags)).toThrow(/cannot be used.*no lookaround or backreferences/);
  });

  it('refuses a flag other than g, i, m, s, u', () => {
    expect(() => new LinearRegExp('x', 'y')).toThrow(/has a flag other than g, i, m, s, u/);
  });
});
