/**
 * The compiled JSONata fast path must give exactly what the jsonata interpreter gives. Each case
 * runs both and compares; the bundled checks' own expressions run over every asset of the demo
 * account and of every fixture case.
 */
import { describe, expect, it } from 'vitest';
import jsonata from 'jsonata';
import { Kind, visit } from 'graphql';
import { join } from 'node:path';
import { compileToJs, Runtime } from '../../engine/jsonata/jsonata-to-js.js';
import { NotCompiled } from '../../engine/jsonata/jsonata-semantics.js';
import { compileJsonata } from '../../engine/jsonata/guarded-jsonata.js';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { fixturePathFor, readFixtureFile } from '../../engine/testing/run-fixtures.js';
import { fixtureGraph } from '../../engine/testing/fixture-graph.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { executeQuery } from '../../engine/runner/execute-query.js';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import { bundledSchema } from '../helpers/engine.js';

const LIMITS = { deadline: Number.POSITIVE_INFINITY, maxDepth: 500, now: Date.UTC(2026, 10, 25) };

/** The interpreter's answer, or its error code. */
async function interpreted(source: string, input: unknown): Promise<{ value?: unknown; error?: string }> {
  try {
    const expression = jsonata(source);
    return { value: normalize(await expression.evaluate(input, { millis: () => LIMITS.now } as never)) };
  } catch (error) {
    return { error: String((error as { code?: string }).code ?? error) };
  }
}

/** The compiled answer; undefined when the fast path hands over to the interpreter. */
function compiled(source: string, input: unknown): { value?: unknown; error?: string } | undefined {
  const fn = compileToJs(jsonata(source).ast());
  if (!fn) throw new Error(`did not compile: ${source}`);
  try {
    return { value: normalize(fn(input, new Runtime(LIMITS))) };
  } catch (error) {
    if (error instanceof NotCompiled) return undefined;
    return { error: String(error) };
  }
}

/** Sequences and plain arrays compare as arrays (the flag is not part of the value). */
const normalize = (value: unknown): unknown => (value === undefined ? '(undefined)' : JSON.parse(JSON.stringify(value) ?? 'null'));

async function same(source: string, input: unknown): Promise<void> {
  const fast = compiled(source, input);
  const slow = await interpreted(source, input);
  if (fast === undefined) {
    expect(slow.error, `${source}: the fast path handed over, so the interpreter should fail`).toBeDefined();
    return;
  }
  expect(fast, source).toEqual(slow);
}

const doc = {
  name: 'sg-1',
  n: 3,
  empty: [],
  rules: [
    { id: 'a', port: 22, policy: 'Accept', cidr: '0.0.0.0/0', tags: ['x', 'y'] },
    { id: 'b', port: 3389, policy: 'Drop', cidr: '10.0.0.0/8', tags: [] },
    { id: 'c', port: null, policy: 'Accept', cidr: '::/0', tags: ['z'] },
  ],
  one: [{ v: 1 }],
  nested: { deep: { list: [1, 2, 3] } },
  date: '2026-01-01T00:00:00Z',
  nul: null,
};

describe('the compiled subset agrees with the interpreter', () => {
  const cases = [
    'name', 'missing', 'nul', 'n + 1', 'n * 2 - 1', 'n / 2', 'n % 2', '-n', 'rules.id', 'rules[0].id', 'rules[-1].id',
    'rules[policy = "Accept"].id', 'rules[port > 100].id', 'rules[port = 22 or cidr = "::/0"].id', 'one', 'one.v',
    'empty', 'rules.tags', 'rules[tags = "z"].id', 'nested.deep.list', 'nested.deep.list[1]', 'rules[$count(tags) > 0].id',
    '$count(rules)', '$count(missing)', '$count(name)', '$join(rules.id, ", ")', '$join(rules.port, ",")',
    '$distinct(rules.policy)', '$type(nul)', '$type(rules)', '$type(n)', '$type(missing)', '$not(nul)', '$not(missing)',
    '$string(n)', '$string(-0)', '$string(1e21)', '$string(0.1 + 0.2)', '$string(123456789012345678)', '$string([123456789012345678, 0.1 + 0.2])', '$string(true)', '$string(null)', '$string(1.5e-7)', '$string(rules[0])', '$string(1/3)', '$lowercase(name)', '$substring(name, 1, 2)', '$substring(name, -2)',
    '$contains(name, "g-")', '$toMillis(date)', '$toMillis(name)', '$millis() - $toMillis(date)', 'name & "/" & n & nul & missing',
    'n = 3', 'n != 3', 'missing = nul', 'missing != 1', 'rules = rules', 'n < 4', 'name < "t"', 'name < 4', 'nul < 4',
    'missing < 4', '"Accept" in rules.policy', 'name in ["sg-1", "sg-2"]', 'rules.id in "a"', 'n > 2 ? "big" : "small"',
    'missing ? 1 : 2', 'n > 5 ? 1', '"a" & (n > 5 ? "b")', '"a" & (missing ? "b") & "c"', '"a" & (n > 1 ? "b")', '($a := 1; $b := $a + n; $b * 2)', '($f := function($x) { $x * 2 }; $f(n))',
    '($f := function($x) { $x > 0 ? $x + $f($x - 1) : 0 }; $f(10))', '$count(rules[$not(policy = "Drop")])',
    '($p := 22; rules[port = $p].id)', '($r := rules; $count($r[cidr = "0.0.0.0/0"]))', 'rules.(id & ":" & port)',
    '$.name', '$$.n', '[1, 2, [3, 4], rules.id]', '[]', 'rules[[0, 2]].id', 'rules[true].id', 'rules["x"].id',
    '(rules)[1].id', 'empty[0]', 'n and name', 'empty or nul', '$boolean(rules)', '$exists(missing)', '$uppercase(name)',
    '$length(name)', 'rules.port + 1', '$join(name)', '$join(missing, ",")', 'rules[$.port = 22]', '{"a": 1}',
    '$sum(rules.port)', 'name ~> $uppercase()', '/sg/i', '$string()', 'true and $not(false)', 'one[v = 1]',
    '$contains(name, /SG-\d/i)', '$contains(missing, /x/)',
    // Frames: blocks and lambda calls scope their binds; a name bound to undefined hides the outer one.
    '($x := 1; ($x := 2; $x) + $x)', '($x := 1; $f := function() { $x }; $x := 5; $f())',
    '($f := function($n) { $g($n) }; $g := function($m) { $m * 3 }; $f(2))', '($x := 1; ($x := missing; $x))',
    '($x := 1; $f := function($x) { $x }; $f(missing))', '($x := 1; ($y := $x; $x := 2; $y))',
    '($x := 1; (n > 5 ? 0 : ($x := 5); $x))', '($x := 1; (n < 5 ? 0 : ($x := 5); $x))', '$x := 3',
    '($add := function($a) { function($b) { $a + $b } }; $plus2 := $add(2); $plus2(3))',
    'rules[($t := port; $t > 100)].id', '($a := 1; $b := ($a := 10; $a); $a + $b)', '($f := function($x) { $x := $x + 1 }; $f(1))',
    '$$.rules[0].id', '($n := n; rules[port > $n].($n & id))',
    // Paths: steps with several results, nothing midway, a lone array at the end, a variable start.
    'rules.tags[0]', 'rules.missing.x', 'one.v.w', 'rules[0].tags', '($d := nested.deep; $d.list)', '($r := rules; $r.tags)',
    'rules.(tags)', 'nested.deep.list.($ * 2)', '($f := function($x) { $x > 0 ? $f($x - 1) : $$.name }; $f(3))',
    // Equality with a scalar literal as ===, and $type(x) = "name" as the test itself.
    'name = "sg-1"', '"sg-1" = name', 'missing = "x"', 'nul = null', 'missing = null', 'rules.port = 22', 'one = 1', 'n = 3.0', 'n = true',
    'name != "sg-1"', 'name != "x"', 'missing != "x"', 'nul != null', 'n != null', 'rules.port != 22', 'rules[port != 22].id',
    '$type(n) = "number"', '$type(name) = "number"', '$type(name) = "string"', '$type(rules) = "array"', '$type(one) = "array"',
    '$type(missing) = "number"', '$type(nul) = "null"', '$type(n > 1) = "boolean"', '$type(rules[0]) = "object"', '$type(n) = "constructor"',
    '"number" = $type(n)', '$type(n) != "number"', '$type(missing) != "number"', '$type(1/0) = "number"', '1/0', 'n % 0', '1e308 * 10', '-1e308 - 1e308', '($type := function($x) { "number" }; $type(name) = "number")',
    // `&`: string operands as they are, anything else as $string gives it (undefined: nothing).
    '"a" & 1.5e-7', '"x" & true', 'missing & missing', '"x" & rules[0]', '("a" & "b") & ("c" & n)', '(n > 1 ? "big" : "small") & "!"',
    '"" & $not(true)', 'nul & "x"', '"x" & rules.id', '"t" & (1/0)', 'n & n',
    // `in` a list of scalar literals as === against each.
    'name in ["x", "sg-1"]', 'name in ["x"]', 'name in []', 'missing in ["x", null]', 'nul in ["x", null]', 'n in [1, 2, 3]', 'n in ["3"]',
    'rules.policy in ["Drop"]', 'rules[policy in ["Drop", "Reject"]].id', 'true in [true]', 'one in [1]', '($x := 1; $x in [1, 2])',
    // Property names: identifiers are printed into the code, anything else is a constant.
    '`x"]; throw new Error("injected"); ["`', '`a.b`', '`$x`.y', '`\u2028`', 'constructor', '__proto__', 'rules.toString', '$exists(valueOf)', 'nested.hasOwnProperty', '`n`', 'rules.`id`', '$.`x y`',
    // Known lists (a root block's list of literals, bound to a name bound nowhere else): `in` tests each item.
    '($l := ["sg-1", "x"]; name in $l)', '($l := ["x"]; name in $l)', '($l := []; name in $l)', '($l := [22, 80]; rules[port in $l].id)',
    '($r := name in $l; $l := ["sg-1"]; $r)', '($l := ["sg-1"]; $f := function($l) { name in $l }; $f(["y"]))',
    '($l := ["sg-1"]; $f := function($x) { $x in $l }; rules[$f(id)].id & $f(name))', '($l := ["sg-1"]; ($l := ["z"]; name in $l))',
    '($l := ["a", "sg-1"]; name in $l[1])', '($l := [null, "sg-1"]; missing in $l)', '($l := ["sg-1"]; $l := ["q"]; name in $l)',
    // Known lambdas (a root block's, bound to a name bound nowhere else): called directly.
    '($f := function($x) { $x > 1 }; rules[$f(port)].id)', '($g := function($r) { $r.id }; $h := function($r) { $g($r) & "!" }; rules.$h($))',
    '($r := $f(2); $f := function($x) { $x * 2 }; $r)', '($f := function($x) { $x }; $f := function($x) { $x + 1 }; $f(1))',
    '($f := function() { 1 }; n > 0 ? $f := function() { 2 } : 0; $f())', '($f := function() { 1 }; $a := $f(); $f := function() { 2 }; $a + $f())',
    '($g := function() { $f(2) }; $r := $g(); $f := function($x) { $x * 2 }; $r)',
    '($f := function($x) { $x }; $g := function($f) { $f(3) }; $g(function($y) { $y * 10 }))', '($f := function($x) { rules[port = $x] }; $f(22).id)',
    '($f := function($x) { $x.tags }; $count($f(rules)))', '($f := function() { missing }; $f() = undefined)', '($f := function($a, $b) { $a & $b }; $f("x"))',
    // Kinds: truth tests and collapses left out where the value is a boolean, or never a sequence, already.
    '$not(missing = 1)', '$not(n < missing)', '$not(nul)', '$not(n > 2 and name)', '(n = 3) ? "y" : "n"', '((n = 3)) and (name)',
    '(n > 5 ? true) = true', '$not(n > 5 ? true)', '(n > 2 ? true : false) and 1', 'rules[(port > 100)].id', 'rules[port > missing].id',
    'rules[$not(port = 22) and policy = "Accept"].id', 'rules[$contains(cidr, "/0")].id', 'one.v = 1', 'nested.deep.list = [1, 2, 3]',
    '($l := nested.deep.list; $l = [1, 2, 3])', '($s := rules.id; $s = "a")', 'rules.port[0]', '$count(rules[$boolean(tags)])',
  ];
  it.each(cases)('%s', async (source) => {
    const fn = compileToJs(jsonata(source).ast());
    if (!fn) {
      // Outside the subset: left to the interpreter, which is fine; it must not be a common form.
      expect(['{"a": 1}', '$sum(rules.port)', 'name ~> $uppercase()', '/sg/i']).toContain(source);
      return;
    }
    await same(source, doc);
  });
});

it('a root block\'s lambdas, made once, see each evaluation\'s own input and bindings', () => {
  // Lambdas of a root block are created with the compiled function and reused: nothing may
  // leak from one evaluation into the next, including a throw halfway through.
  const fn = compileToJs(jsonata('($n := n; $f := function($k) { $k > 0 ? $f($k - 1) & $n : name }; $g := function() { $x }; $x := n * 10; [$f(2), $g()])').ast())!;
  expect(fn).toBeDefined();
  const rt = () => new Runtime(LIMITS);
  expect(fn({ n: 1, name: 'a' }, rt())).toEqual(['a11', 10]);
  expect(fn({ n: 2, name: 'b' }, rt())).toEqual(['b22', 20]);
  expect(() => fn({ n: 'x', name: 'c' }, rt())).toThrow(NotCompiled);
  expect(fn({ n: 3, name: 'd' }, rt())).toEqual(['d33', 30]);
  const unbound = compileToJs(jsonata('($f := function() { $late }; $r := $f(); $late := n; $r)').ast())!;
  expect(unbound({ n: 1 }, rt())).toBeUndefined();
  expect(unbound({ n: 2 }, rt())).toBeUndefined();
});

it('expressions of one shape run one instance, each with its own constants, in any order', () => {
  // 3.2 and 4.4 differ only in a port: one program, one set of closures, two sets of constants.
  const shape = (port: number, label: string) =>
    compileToJs(jsonata(`($p := ${port}; $open := function($r) { $r.port = $p }; $count(rules[$open($)]) > 0 ? "${label}" : "closed")`).ast())!;
  const ssh = shape(22, 'ssh');
  const rdp = shape(3389, 'rdp');
  const rt = () => new Runtime(LIMITS);
  const open22 = { rules: [{ port: 22 }] };
  const open3389 = { rules: [{ port: 3389 }] };
  for (let round = 0; round < 3; round++) {
    expect(ssh(open22, rt())).toBe('ssh');
    expect(rdp(open22, rt())).toBe('closed');
    expect(rdp(open3389, rt())).toBe('rdp');
    expect(ssh(open3389, rt())).toBe('closed');
  }
});

it('a runaway lambda stops at the time limit with the interpreter\'s error', async () => {
  const expression = compileJsonata('($f := function($n) { $n > 0 ? $f($n - 1) + $f($n - 1) : 0 }; $f(60))', { timeoutMs: 100, maxDepth: 500, maxSequence: 1000 });
  expect(expression.fast).toBeDefined();
  await expect(expression.evaluate({})).rejects.toMatchObject({ code: 'JSONATA_LIMIT' });
});

describe('every JSONata expression of the bundled CIS checks', () => {
  const assay = bundledSchema();
  const checks = loadPackChecks(findPack(findPacks([bundledChecksDir()]), 'cis-alibaba-v2.0.0'), assay, packageRoot()).checks;
  const expressions: Array<[string, string, CheckDefinition]> = [];
  for (const check of checks) {
    if (check.reason?.kind === 'jsonata') expressions.push([`${check.metadata.id} reason`, check.reason.source, check]);
    if (check.document) {
      visit(check.document, {
        ObjectField(node) {
          if (node.name.value === 'jsonata' && node.value.kind === Kind.STRING) expressions.push([`${check.metadata.id} where`, node.value.value, check]);
        },
      });
    }
  }
  // Inputs: every asset of the demo account and of every fixture case of every check; and, for a
  // reason, the items its own query lists in the demo account and its fixture cases (relations
  // resolved, as a reason sees them: the alert checks' trails, projects, alerts and queries).
  const demo = loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json'));
  const inputs: unknown[] = [...demo.assets()];
  const graphsOf = new Map<CheckDefinition, AssetGraph[]>();
  for (const check of checks) {
    const graphs = [demo];
    graphsOf.set(check, graphs);
    try {
      const fixtures = readFixtureFile(fixturePathFor(check.file, packageRoot()));
      for (const c of [...(fixtures.valid ?? []), ...(fixtures.invalid ?? []), ...(fixtures.cases ?? [])]) {
        const graph = fixtureGraph(assay.model, c.assets ?? [], c.gaps, fixtures.defaults);
        inputs.push(...graph.assets());
        graphs.push(graph);
      }
    } catch {
      // manual checks have fixtures with no assets
    }
  }
  // The same asset recurs across fixture cases (YAML anchors): compare each distinct one once.
  const distinctInputs = [...new Map(inputs.map((input) => [JSON.stringify(input), input])).values()];

  async function listedItems(check: CheckDefinition): Promise<unknown[]> {
    const items: unknown[] = [];
    for (const graph of graphsOf.get(check) ?? []) {
      try {
        const listed = (await executeQuery(assay.schema, graph, check.document!))[check.violationsAlias ?? ''];
        if (Array.isArray(listed)) items.push(...(listed as unknown[]));
      } catch {
        // a case whose query fails (a gap it reports) lists nothing
      }
    }
    return items;
  }

  /**
   * Expressions the fast path refuses run on the interpreter (the reference), which is correct
   * but several times slower: none of the bundled ones may. (The alert checks' term tables and
   * Security Center's per-site lists are written in the compiled subset: array constructors and
   * predicates, not object constructors, `$filter` or `$sort`.)
   */
  const INTERPRETED: string[] = [];

  it('all compile to the fast path', () => {
    expect(expressions.length).toBeGreaterThan(80);
    // Every demo and fixture asset, each distinct one once (451 when this was written).
    expect(distinctInputs.length).toBeGreaterThan(400);
    expect(expressions.filter(([, source]) => !compileToJs(jsonata(source).ast())).map(([name]) => name)).toEqual(INTERPRETED);
  });

  it.each(expressions.filter(([name]) => !INTERPRETED.includes(name)))('%s agrees with the interpreter on every demo and fixture asset', async (name, source, check) => {
    const listed = name.endsWith(' reason') && check.document ? await listedItems(check) : [];
    if (name.endsWith(' reason') && check.document) expect(listed.length, 'items the query lists in the fixtures').toBeGreaterThan(0);
    let compared = 0;
    for (const input of [...distinctInputs, ...listed]) {
      await same(source, input);
      compared++;
    }
    expect(compared).toBe(distinctInputs.length + listed.length);
  });
});
