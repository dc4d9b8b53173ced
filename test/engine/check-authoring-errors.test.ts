import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCheckSource } from '../../engine/checks/load-check.js';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { MAX_QUERY_NESTING } from '../../engine/checks/query-nesting.js';
import { bundledSchema } from '../helpers/engine.js';

const HEADER = '# id: t-x\n# title: X\n# severity: low\n# expect: B eq []\n';

function load(query: string, file = 't.graphql') {
  return loadCheckSource(file, `${HEADER}${query}\n`, bundledSchema());
}

describe('deep nesting in a query is a load error at its position', () => {
  it('5,000 nested not: { } in a where-filter', () => {
    const where = `${'{ not: '.repeat(5000)}{ name: { eq: "x" } }${' }'.repeat(5000)}`;
    const { check, errors } = load(`query T { B: alibabaOssBuckets(where: ${where}) { id } }`);
    expect(check).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('CHECK_QUERY_INVALID');
    expect(errors[0].message).toMatch(/nests deeper than 100 levels/);
    // The bracket that opens level 101: `{ B:` is 1, `(` 2, then one `{` per `{ not: ` (7 characters).
    const column = 'query T { B: alibabaOssBuckets(where: '.length + 1 + 7 * (MAX_QUERY_NESTING - 2);
    expect(errors[0].location).toBe(`t.graphql:5:${column}`);
  });

  it('5,000 nested selections', () => {
    const query = `query T { B: alibabaOssBuckets ${'{ tags '.repeat(5000)}{ key }${' }'.repeat(5000)} }`;
    const { errors } = load(query);
    expect(errors.map((e) => e.code)).toEqual(['CHECK_QUERY_INVALID']);
    expect(errors[0].location).toMatch(/^t\.graphql:5:\d+$/);
  });

  it('nesting within the limit still loads (brackets in strings and comments do not count)', () => {
    const where = `${'{ not: '.repeat(40)}{ name: { eq: "${'{'.repeat(200)}" } }${' }'.repeat(40)}`;
    const { check, errors } = load(`query T {\n  # ${'('.repeat(300)}\n  B: alibabaOssBuckets(where: ${where}) { id }\n}`);
    expect(errors).toEqual([]);
    expect(check).toBeDefined();
  });

  describe('among other checks', () => {
    let dir: string | undefined;
    afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('the other checks still load', () => {
      dir = mkdtempSync(join(tmpdir(), 'assay-deep-'));
      const deep = `${'{ not: '.repeat(5000)}{ name: { eq: "x" } }${' }'.repeat(5000)}`;
      writeFileSync(join(dir, 'deep.graphql'), `${HEADER.replace('t-x', 't-deep')}query T { B: alibabaOssBuckets(where: ${deep}) { id } }\n`);
      writeFileSync(join(dir, 'good.graphql'), `${HEADER.replace('t-x', 't-good')}query T { B: alibabaOssBuckets { id } }\n`);
      const loaded = loadChecks([dir], bundledSchema(), dir);
      expect(loaded.checks.map((c) => c.metadata.id)).toEqual(['t-good']);
      expect(loaded.errors.map((e) => [e.code, e.location?.replace(/:\d+$/, '')])).toEqual([['CHECK_QUERY_INVALID', join(dir, 'deep.graphql').replace(`${dir}/`, '') + ':5']].map(([c, l]) => [c, expect.stringContaining(String(l))]));
    });
  });
});

describe('silent authoring mistakes are load errors', () => {
  it('matches: "/x/gi" (a flag matches does not support)', () => {
    const { check, errors } = load('query T { B: alibabaOssBuckets(where: { name: { matches: "/x/gi" } }) { id } }');
    expect(check).toBeUndefined();
    expect(errors[0].code).toBe('FILTER_INVALID');
    expect(errors[0].message).toMatch(/matches: "\/x\/gi" has flag "g" that matches does not support/);
    expect(errors[0].location).toBe('t.graphql:5:32');
  });

  it('a malformed regex literal in matches', () => {
    const { errors } = load('query T { B: alibabaOssBuckets(where: { name: { matches: "/(x/i" } }) { id } }');
    expect(errors.map((e) => e.code)).toEqual(['FILTER_INVALID']);
    expect(errors[0].message).toMatch(/Invalid regular expression in matches/);
  });

  it('/x/i and /x/ still work', () => {
    expect(load('query T { B: alibabaOssBuckets(where: { name: { matches: "/x/i" } }) { id } }').errors).toEqual([]);
    expect(load('query T { B: alibabaOssBuckets(where: { name: { matches: "/var/log/" } }) { id } }').errors).toEqual([]);
  });

  it('a query variable with no value', () => {
    const { check, errors } = load('query T($n: String) { B: alibabaOssBuckets(where: { name: { eq: $n } }) { id } }');
    expect(check).toBeUndefined();
    expect(errors.map((e) => [e.code, e.location])).toEqual([['CHECK_QUERY_INVALID', 't.graphql:5:9']]);
    expect(errors[0].message).toMatch(/Query variable \$n has no value: checks run with no variables\. Give it a default \(\$n: String = \.\.\.\)/);
  });

  it('a query variable used but not declared', () => {
    const { errors } = load('query T { B: alibabaOssBuckets(where: { name: { eq: $n } }) { id } }');
    expect(errors.map((e) => [e.code, e.location])).toEqual([['CHECK_QUERY_INVALID', 't.graphql:5:53']]);
    expect(errors[0].message).toMatch(/\$n/);
  });

  it('a variable with a default value loads', () => {
    expect(load('query T($n: String = "x") { B: alibabaOssBuckets(where: { name: { eq: $n } }) { id } }').errors).toEqual([]);
  });
});
