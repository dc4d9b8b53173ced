import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckSource } from '../../engine/checks/load-check.js';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { bundledSchema } from '../helpers/engine.js';

const GOOD = `# id: test-good
# title: Trails record all events
# severity: medium
# scope: alibabaActionTrails
# expect: Bad eq []
query Good {
  Bad: alibabaActionTrails(where: { eventRW: { ne: "All" } }) { ...AssetFragment }
}
`;

const load = (source: string, file = 'checks/x.graphql') => loadCheckSource(file, source, bundledSchema());
const onlyError = (source: string) => {
  const { check, errors } = load(source);
  expect(check).toBeUndefined();
  expect(errors.length).toBeGreaterThan(0);
  return errors[0];
};

describe('loading a check file', () => {
  it('loads a good file with its metadata, scope, expectation and reads', () => {
    const { check, errors } = load(GOOD);
    expect(errors).toEqual([]);
    expect(check!.metadata.id).toBe('test-good');
    expect(check!.expectation).toMatchObject({ kind: 'compare', alias: 'Bad', operator: 'eq', operand: [] });
    expect(check!.scopeAlias).toBe('scope');
    expect(check!.reads.types.has('AlibabaActionTrail')).toBe(true);
    expect(check!.reads.fields.has('AlibabaActionTrail.eventRW')).toBe(true);
  });

  it('bad YAML names the header line', () => {
    const error = onlyError(GOOD.replace('# severity: medium', '# severity: [medium'));
    expect(error.code).toBe('CHECK_METADATA');
    expect(error.message).toMatch(/Invalid YAML/);
    expect(error.file).toBe('checks/x.graphql');
    expect(error.line).toBeGreaterThanOrEqual(3);
  });

  it('aliases that expand too far are a header error, not a crash of the load', () => {
    const bomb = ['# a: &a [x, x, x, x, x, x, x, x, x, x]', '# b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', '# c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]'].join('\n');
    const error = onlyError(GOOD.replace('# expect: Bad eq []', `# expect: Bad eq []\n${bomb}`));
    expect(error.code).toBe('CHECK_METADATA');
    expect(error.message).toMatch(/Invalid YAML in the header: .*alias/i);
    expect([error.file, error.line]).toEqual(['checks/x.graphql', 1]);
  });

  it('an unknown header key is an error with a suggestion at its line:col', () => {
    const error = onlyError(GOOD.replace('# severity: medium', '# severty: medium'));
    expect(error.format()).toContain('checks/x.graphql:3:3');
    expect(error.message).toMatch(/Unknown header key "severty"/);
    expect(error.suggestions).toContain('severity');
  });

  it('a bad severity names the allowed values at the value', () => {
    const error = onlyError(GOOD.replace('# severity: medium', '# severity: urgent'));
    expect(error.message).toMatch(/must be one of critical, high, medium, low, info/);
    expect([error.line, error.column]).toEqual([3, 13]);
  });

  it('a missing required key is named', () => {
    expect(onlyError(GOOD.replace('# title: Trails record all events\n', '')).message).toMatch(/Missing required header key "title"/);
  });

  it('an unknown field in the query points at file:line:col with a suggestion', () => {
    const error = onlyError(GOOD.replace('{ eventRW: { ne: "All" } }', '{ eventRw: { ne: "All" } }'));
    expect(error.code).toBe('CHECK_QUERY_INVALID');
    expect(error.line).toBe(7);
    expect(error.column).toBe(37);
    expect(error.message).toMatch(/eventRw.*Did you mean "eventRW"/);
    expect(error.excerpt).toContain('^');
  });

  it('an unknown selected field is located too', () => {
    const error = onlyError(GOOD.replace('{ ...AssetFragment }', '{ nmae }'));
    expect(error.message).toMatch(/Cannot query field "nmae".*Did you mean "name"/);
    expect(error.line).toBe(7);
  });

  it('a query syntax error is located', () => {
    const error = onlyError(GOOD.replace('query Good {', 'query Good {{'));
    expect(error.code).toBe('CHECK_QUERY_SYNTAX');
    expect(error.line).toBe(6);
  });

  it('a bad expectation points inside the expect: value', () => {
    const error = onlyError(GOOD.replace('# expect: Bad eq []', '# expect: Bda eq []'));
    expect(error.code).toBe('CHECK_EXPECTATION');
    expect([error.line, error.column]).toEqual([5, 11]);
    expect(error.suggestions).toEqual(['Bad']);
    const op = onlyError(GOOD.replace('# expect: Bad eq []', '# expect: Bad eqq []'));
    expect([op.line, op.column]).toEqual([5, 15]);
  });

  it('a quoted expectation is located inside the quotes', () => {
    const error = onlyError(GOOD.replace('# expect: Bad eq []', '# expect: "Bad eq [x"'));
    expect([error.line, error.column]).toEqual([5, 19]);
  });

  it('a missing expectation is an error', () => {
    expect(onlyError(GOOD.replace('# expect: Bad eq []\n', '')).message).toMatch(/Missing "expect:"/);
  });

  it('a bad scope suggests root fields', () => {
    const error = onlyError(GOOD.replace('# scope: alibabaActionTrails', '# scope: alibabaActionTrail'));
    expect(error.code).toBe('CHECK_SCOPE');
    expect(error.suggestions).toContain('alibabaActionTrails');
    expect(error.line).toBe(4);
  });

  it('a bad regex and a misplaced jsonata are load errors at the where argument', () => {
    const regex = onlyError(GOOD.replace('{ eventRW: { ne: "All" } }', '{ name: { matches: "([" } }'));
    expect(regex.message).toMatch(/Invalid regular expression/);
    expect(regex.line).toBe(7);
    const nested = onlyError(GOOD.replace('alibabaActionTrails(where: { eventRW: { ne: "All" } })', 'alibabaAccounts(where: { trails: { some: { jsonata: "true" } } })'));
    expect(nested.message).toMatch(/only allowed at the top level/);
  });

  it('two operations, or an anonymous one, are rejected', () => {
    expect(onlyError(GOOD + '\nquery Other { alibabaAccounts { id } }\n').message).toMatch(/exactly one named query/);
    expect(onlyError(GOOD.replace('query Good {', '{')).message).toMatch(/exactly one named query/);
  });

  it('a file without header says what to write', () => {
    expect(onlyError('query X { alibabaAccounts { id } }').message).toMatch(/no metadata header/);
  });

  it('manual checks load without a query', () => {
    const { check, errors } = load('# id: m-1\n# title: Manual one\n# severity: low\n# manual: true\n# audit: Look at the console.\n');
    expect(errors).toEqual([]);
    expect(check!.document).toBeUndefined();
  });
});

describe('loading a folder', () => {
  it('one bad file does not stop the others; a duplicate id names both files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-checks-'));
    writeFileSync(join(dir, 'a.graphql'), GOOD);
    writeFileSync(join(dir, 'b.graphql'), GOOD.replace('eventRW: { ne', 'eventRx: { ne'));
    writeFileSync(join(dir, 'c.graphql'), GOOD.replace('test-good', 'test-other'));
    writeFileSync(join(dir, 'd.graphql'), GOOD);
    const { checks, errors } = loadChecks([dir], bundledSchema(), dir);
    expect(checks.map((c) => c.metadata.id)).toEqual(['test-good', 'test-other']);
    expect(errors.map((e) => [e.code, e.file, e.line])).toEqual([
      ['CHECK_QUERY_INVALID', 'b.graphql', 7],
      ['DUPLICATE_CHECK_ID', 'd.graphql', 1],
    ]);
    expect(errors[1].message).toMatch(/first defined in a.graphql/);
    expect(errors[1].column).toBe(7);
  });
});
