import { describe, expect, it } from 'vitest';
import { loadCheckSource } from '../../engine/checks/load-check.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { compileJsonata, DEFAULT_JSONATA_LIMITS } from '../../engine/jsonata/guarded-jsonata.js';
import { AlibabaGraphBuilder } from '../helpers/alibaba-graph.js';
import { bundledSchema } from '../helpers/engine.js';
import { check } from '../helpers/checks.js';

/**
 * n a's and a mismatch: V8's backtracking tries ~2^n paths on `(a+)+$` (measured before this
 * change: 24 took 1.4-2 s through JSONata, 27 took 1.5 s in a where-filter); RE2 takes microseconds.
 */
const hostileName = (n: number): string => `${'a'.repeat(n)}!`;

const PUBLIC_BUCKETS = check(
  '# id: t-public\n# title: Buckets are private\n# severity: high\n# scope: alibabaOssBuckets\n# expect: Public eq []',
  'query T { Public: alibabaOssBuckets(where: { acl: { ne: "private" } }) { ...AssetFragment acl } }',
);

function graph(n = 24) {
  const b = new AlibabaGraphBuilder();
  b.bucket(hostileName(n), { acl: 'public-read' });
  return b.graph;
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

describe('check regexes run in linear time', () => {
  it('$match with a catastrophic pattern in expect (interpreter) returns at once', async () => {
    const evil = check(
      '# id: t-redos-expect\n# title: R\n# severity: low\n# expect: { jsonata: "$count(B[$match(name, /(a+)+$/)]) = 0" }',
      'query T { B: alibabaOssBuckets { id name } }',
    );
    const { value: scan, ms } = await timed(() => runChecks([evil, PUBLIC_BUCKETS], { assay: bundledSchema(), graph: graph() }));
    expect(scan.checks.map((c) => c.status)).toEqual(['pass', 'fail']);
    expect(ms).toBeLessThan(200);
  });

  it('$contains with a catastrophic pattern in a reason (compiled fast path) returns at once', async () => {
    const evil = check(
      '# id: t-redos-reason\n# title: R\n# severity: low\n# expect: B eq []\n# reason: { jsonata: "$contains(name, /(a+)+$/) ? \'matched\' : \'no match\'" }',
      'query T { B: alibabaOssBuckets { ...AssetFragment } }',
    );
    const { value: scan, ms } = await timed(() => runChecks([evil], { assay: bundledSchema(), graph: graph() }));
    expect(scan.checks[0].findings.map((f) => f.reason)).toEqual(['no match']);
    expect(ms).toBeLessThan(200);
  });

  it('a where-filter matches with a catastrophic pattern returns at once', async () => {
    const evil = check(
      '# id: t-redos-where\n# title: R\n# severity: low\n# expect: B eq []',
      'query T { B: alibabaOssBuckets(where: { name: { matches: "(a+)+$" } }) { ...AssetFragment } }',
    );
    const { value: scan, ms } = await timed(() => runChecks([evil], { assay: bundledSchema(), graph: graph(27) }));
    expect(scan.checks[0].status).toBe('pass');
    expect(ms).toBeLessThan(200);
  });

  it('a pattern that needs backtracking (lookaround, backreference) is a load error at its position', () => {
    const source =
      '# id: t-lookaround\n# title: R\n# severity: low\n# expect: { jsonata: "$count(B[$contains(name, /(?=a)(a+)+$/i)]) = 0" }\nquery T { B: alibabaOssBuckets { id name } }\n';
    const { check: loaded, errors } = loadCheckSource('evil.graphql', source, bundledSchema());
    expect(loaded).toBeUndefined();
    expect(errors[0].code).toBe('CHECK_EXPECTATION');
    expect(errors[0].message).toMatch(/\/\(\?=a\)\(a\+\)\+\$\/i cannot be used.*no lookaround or backreferences/);
    expect(errors[0].location).toBe(`evil.graphql:4:${source.split('\n')[3].indexOf('/(?=') + 1}`);
  });
});

describe('check strings are bounded in memory', () => {
  it('$pad past maxStringLength is that check\'s error, before the string is built; the others report', async () => {
    // 2e7 (over the default 1e7) shows it fast; the 4e8 took node to 2.2 GB and ended it.
    const evil = check(
      '# id: t-pad\n# title: P\n# severity: low\n# expect: { jsonata: "$length($pad(\'\', 2e7)) = 0" }',
      'query T { A: alibabaAccounts { id } }',
    );
    const { value: scan, ms } = await timed(() => runChecks([evil, PUBLIC_BUCKETS], { assay: bundledSchema(), graph: graph() }));
    expect(scan.checks.map((c) => c.status)).toEqual(['error', 'fail']);
    expect(scan.checks[0].message).toMatch(/\$pad would build a string of 20000000 characters, over the limit of 10000000 \(limit maxStringLength\)/);
    expect(ms).toBeLessThan(1000);
  });

  it('$pad("", 4e8) is refused at once (no 400 M allocation)', async () => {
    const { ms, value } = await timed(() => compileJsonata('$pad("", 4e8)').evaluate({}).catch((e: Error) => e));
    expect(value).toMatchObject({ code: 'JSONATA_LIMIT' });
    expect(ms).toBeLessThan(100);
  });

  it('many strings just under the limit add up to maxStringTotal', async () => {
    const limits = { ...DEFAULT_JSONATA_LIMITS, maxStringLength: 1000, maxStringTotal: 50_000 };
    const e = await compileJsonata('$map([1..100], function($i) { $pad("", 900) })', limits).evaluate({}).catch((x: Error) => x);
    expect(e).toMatchObject({ code: 'JSONATA_LIMIT' });
    expect((e as Error).message).toMatch(/more than 50000 characters of strings in one evaluation \(limit maxStringTotal\)/);
    // Under the total it runs as before.
    expect(await compileJsonata('$count($map([1..50], function($i) { $pad("", 900) }))', limits).evaluate({})).toBe(50);
  });

  it('a string grown by & doubling is refused, in the fast path and the interpreter alike', async () => {
    const limits = { ...DEFAULT_JSONATA_LIMITS, maxStringLength: 100_000 };
    const doubling = '($f := function($s, $n) { $n = 0 ? $s : $f($s & $s, $n - 1) }; $f("a", 21))';
    const compiled = compileJsonata(doubling, limits);
    expect(compiled.fast).toBeDefined();
    await expect(compiled.evaluate({})).rejects.toMatchObject({ code: 'JSONATA_LIMIT', message: /the result holds a string of 2097152 characters/ });
    // As a string argument of a built-in (the interpreter, with a binding so the fast path is not used).
    await expect(compileJsonata(`$length(${doubling})`, limits).evaluate({}, { unused: 1 })).rejects.toMatchObject({
      code: 'JSONATA_LIMIT',
      message: /\$length was given a string of 2097152 characters/,
    });
  });

  it('ordinary string work is untouched', async () => {
    expect(await compileJsonata('$join([$pad("ab", 5, "-"), $uppercase("x"), $replace("a.b", ".", "!")], "|")').evaluate({})).toBe('ab---|X|a!b');
  });
});
