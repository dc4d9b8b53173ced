import { describe, expect, it } from 'vitest';
import { compileJsonata } from '../../engine/jsonata/guarded-jsonata.js';
import { graphql } from 'graphql';
import { AlibabaGraphBuilder, COMPLIANT } from '../helpers/alibaba-graph.js';
import { bundledSchema, names, query } from '../helpers/engine.js';
import { compileWhere } from '../../engine/filters/compile-where.js';

function world() {
  const b = new AlibabaGraphBuilder();
  const logs = b.bucket('audit-logs', { acl: 'private', storageClass: 'Standard' });
  const site = b.bucket('public-site', { acl: 'public-read', storageClass: 'IA', policy: { Statement: [{ Principal: ['*'] }] } });
  b.bucket('open', { acl: 'public-read-write', storageClass: null });
  const good = b.trail({ name: 'good', ...COMPLIANT });
  const writeOnly = b.trail({ name: 'write-only', ...COMPLIANT, eventRW: 'Write', ossBucketName: 'public-site' });
  b.trail({ name: 'regional', ...COMPLIANT, trailRegion: 'cn-hangzhou', ossBucketName: null, slsProjectArn: 'acs:log:cn-hangzhou:1:project/p' });
  b.link(good, 'ossBucket', logs).link(writeOnly, 'ossBucket', site);
  b.graph.assetsOfType('AlibabaOssBucket')[0].tags.push({ key: 'env', value: 'prod' });
  return b;
}

const trails = async (where: string) => names((await query(world().graph, `{ t: alibabaActionTrails(where: ${where}) { name } }`)).t);
const buckets = async (where: string) => names((await query(world().graph, `{ b: alibabaOssBuckets(where: ${where}) { name } }`)).b);

describe('scalar operators', () => {
  it('eq / ne', async () => {
    expect(await trails('{ eventRW: { eq: "Write" } }')).toEqual(['write-only']);
    expect(await trails('{ eventRW: { ne: "Write" } }')).toEqual(['good', 'regional']);
  });
  it('eq null and ne null mean isNull', async () => {
    expect(await trails('{ ossBucketName: { eq: null } }')).toEqual(['regional']);
    expect(await trails('{ ossBucketName: { ne: null } }')).toEqual(['good', 'write-only']);
  });
  it('in / nin', async () => {
    expect(await buckets('{ acl: { in: ["public-read", "public-read-write"] } }')).toEqual(['public-site', 'open']);
    expect(await buckets('{ acl: { nin: ["public-read", "public-read-write"] } }')).toEqual(['audit-logs']);
  });
  it('lt / lte / gt / gte compare ordered values; null never matches', async () => {
    expect(await buckets('{ storageClass: { lt: "Standard" } }')).toEqual(['public-site']);
    expect(await buckets('{ storageClass: { lte: "Standard" } }')).toEqual(['audit-logs', 'public-site']);
    expect(await buckets('{ storageClass: { gt: "IA" } }')).toEqual(['audit-logs']);
    expect(await buckets('{ storageClass: { gte: "IA" } }')).toEqual(['audit-logs', 'public-site']);
  });
  it('contains / startsWith / matches', async () => {
    expect(await buckets('{ name: { contains: "sit" } }')).toEqual(['public-site']);
    expect(await buckets('{ name: { startsWith: "public" } }')).toEqual(['public-site']);
    expect(await buckets('{ name: { matches: "^(open|audit-.*)$" } }')).toEqual(['audit-logs', 'open']);
    // /pattern/flags form: case-insensitive; repeated evaluation is not stateful.
    expect(await buckets('{ name: { matches: "/^OPEN$/i" } }')).toEqual(['open']);
    expect(await buckets('{ name: { matches: "^OPEN$" } }')).toEqual([]);
  });
  it('isNull true / false', async () => {
    expect(await buckets('{ storageClass: { isNull: true } }')).toEqual(['open']);
    expect(await buckets('{ storageClass: { isNull: false } }')).toEqual(['audit-logs', 'public-site']);
  });
  it('several operators on one field all hold', async () => {
    expect(await buckets('{ name: { startsWith: "p", contains: "x" } }')).toEqual([]);
    expect(await buckets('{ name: { startsWith: "p", contains: "site" } }')).toEqual(['public-site']);
  });
  it('JSON eq is structural', async () => {
    expect(await buckets('{ policy: { eq: { Statement: [{ Principal: ["*"] }] } } }')).toEqual(['public-site']);
  });
  it('an empty where keeps everything', async () => {
    expect(await trails('{}')).toEqual(['good', 'write-only', 'regional']);
  });
});

describe('boolean combinators', () => {
  it('and / or / not', async () => {
    expect(await trails('{ and: [{ trailRegion: { eq: "All" } }, { eventRW: { eq: "All" } }] }')).toEqual(['good']);
    expect(await trails('{ or: [{ eventRW: { eq: "Write" } }, { trailRegion: { ne: "All" } }] }')).toEqual(['write-only', 'regional']);
    expect(await trails('{ not: { eventRW: { eq: "All" } } }')).toEqual(['write-only']);
  });
  it('sibling keys are a conjunction', async () => {
    expect(await trails('{ trailRegion: { eq: "All" }, ossBucketName: { eq: "public-site" } }')).toEqual(['write-only']);
  });
});

describe('quantifiers over edges and lists', () => {
  const accounts = async (where: string) =>
    (await query(world().graph, `{ a: alibabaAccounts(where: ${where}) { id } }`)).a as unknown[];

  it('some / none / every over an edge list', async () => {
    expect(await accounts('{ trails: { some: { eventRW: { eq: "Write" } } } }')).toHaveLength(1);
    expect(await accounts('{ trails: { none: { eventRW: { eq: "Write" } } } }')).toHaveLength(0);
    expect(await accounts('{ trails: { every: { status: { eq: "Enable" } } } }')).toHaveLength(1);
    expect(await accounts('{ trails: { every: { trailRegion: { eq: "All" } } } }')).toHaveLength(0);
  });
  it('none and every hold on an empty list, some does not', async () => {
    const b = new AlibabaGraphBuilder();
    const run = async (w: string) => ((await query(b.graph, `{ a: alibabaAccounts(where: ${w}) { id } }`)).a as unknown[]).length;
    expect(await run('{ trails: { none: { eventRW: { eq: "All" } } } }')).toBe(1);
    expect(await run('{ trails: { every: { eventRW: { eq: "All" } } } }')).toBe(1);
    expect(await run('{ trails: { some: { eventRW: { eq: "All" } } } }')).toBe(0);
    expect(await run('{ trails: { isEmpty: true } }')).toBe(1);
  });
  it('isEmpty and length', async () => {
    expect(await accounts('{ trails: { isEmpty: false } }')).toHaveLength(1);
    expect(await accounts('{ trails: { length: { eq: 3 } } }')).toHaveLength(1);
    expect(await accounts('{ trails: { length: { gt: 3 } } }')).toHaveLength(0);
  });
  it('a single edge is filtered with the target type\'s where, and isNull', async () => {
    expect(await trails('{ ossBucket: { acl: { eq: "public-read" } } }')).toEqual(['write-only']);
    expect(await trails('{ ossBucket: { isNull: true } }')).toEqual(['regional']);
    expect(await trails('{ ossBucket: { isNull: false } }')).toEqual(['good', 'write-only']);
  });
  it('quantifiers nest through edges (account -> trails -> bucket)', async () => {
    expect(await accounts('{ trails: { some: { ossBucket: { acl: { eq: "public-read" } } } } }')).toHaveLength(1);
    expect(await accounts('{ trails: { some: { ossBucket: { acl: { eq: "public-read-write" } } } } }')).toHaveLength(0);
  });
  it('lists of plain objects (tags) take quantifiers too', async () => {
    expect(await buckets('{ tags: { some: { key: { eq: "env" }, value: { eq: "prod" } } } }')).toEqual(['audit-logs']);
    expect(await buckets('{ tags: { isEmpty: true } }')).toEqual(['public-site', 'open']);
  });
  it('nested list fields take where too', async () => {
    const data = await query(world().graph, '{ alibabaAccounts { trails(where: { eventRW: { eq: "All" } }) { name } } }');
    expect(names((data.alibabaAccounts as Array<{ trails: unknown }>)[0].trails)).toEqual(['good', 'regional']);
  });
});

describe('compiled filters (generated code)', () => {
  const model = () => bundledSchema().model;
  const keep = (where: Record<string, unknown>, values: unknown[]) => {
    const { predicate } = compileWhere(model(), 'AlibabaOssBucket', where);
    return values.filter((v) => predicate(v, world().graph));
  };

  it('values are data, never code: quotes, backticks and template syntax match literally', () => {
    const hostile = ['x"); throw new Error("injected"); ("', "'; process.exit(1); '", '`${process.exit(1)}`', '\\u2028\u2028'];
    for (const name of hostile) {
      expect(keep({ name: { eq: name } }, [{ name }, { name: 'other' }])).toEqual([{ name }]);
      expect(keep({ name: { in: [name] } }, [{ name }, { name: 'other' }])).toEqual([{ name }]);
      expect(keep({ name: { contains: name.slice(1) } }, [{ name }, { name: 'other' }])).toEqual([{ name }]);
    }
  });
  it('the same shape with other values gives other results (one program, its own values)', () => {
    const items = [{ name: 'a' }, { name: 'b' }];
    expect(keep({ name: { eq: 'a' } }, items)).toEqual([{ name: 'a' }]);
    expect(keep({ name: { eq: 'b' } }, items)).toEqual([{ name: 'b' }]);
    // Compiled once each, used in turn: each predicate keeps its own values.
    const a = compileWhere(model(), 'AlibabaOssBucket', { name: { eq: 'a' } }).predicate;
    const b = compileWhere(model(), 'AlibabaOssBucket', { name: { eq: 'b' } }).predicate;
    const graph = world().graph;
    expect(items.map((item) => [a(item, graph), b(item, graph), a(item, graph)])).toEqual([
      [true, false, true],
      [false, true, false],
    ]);
  });
  it('in / nin with object values compare them structurally', () => {
    const items = [{ policy: { a: [1] } }, { policy: { a: [2] } }, { policy: 'a' }];
    expect(keep({ policy: { in: [{ a: [1] }, 'a'] } }, items)).toEqual([items[0], items[2]]);
    expect(keep({ policy: { nin: [{ a: [1] }] } }, items)).toEqual([items[1], items[2]]);
  });
  it('empty and / or, and a null item', () => {
    expect(keep({ and: [] }, [{ name: 'a' }, null])).toEqual([{ name: 'a' }]);
    expect(keep({ or: [] }, [{ name: 'a' }])).toEqual([]);
    expect(keep({ isNull: true }, [{ name: 'a' }, null])).toEqual([null]);
  });
  it('a bad regular expression or a misplaced jsonata is a typed error', () => {
    expect(() => compileWhere(model(), 'AlibabaOssBucket', { name: { matches: '(' } })).toThrow(/Invalid regular expression/);
    expect(() => compileWhere(model(), 'AlibabaOssBucket', { not: { jsonata: 'x' } })).toThrow(/only allowed at the top level/);
  });
});

describe('JSONata escape hatch', () => {
  it('filters with a predicate over each item, keeping order', async () => {
    expect(await buckets('{ jsonata: "\\"*\\" in policy.Statement.Principal" }')).toEqual(['public-site']);
    expect(await trails('{ jsonata: "eventRW = \'All\'", trailRegion: { eq: "All" } }')).toEqual(['good']);
  });
  it('a runaway expression is stopped by the guardrails and reported', async () => {
    const result = await graphql({
      schema: bundledSchema().schema,
      source: '{ alibabaOssBuckets(where: { jsonata: "($f := function($x) { $f($x + 1) }; $f(0))" }) { name } }',
      contextValue: { graph: world().graph },
    });
    expect(result.errors?.[0].message).toMatch(/depth limit|ran longer|stack/);
  });
  it('long lists are evaluated in chunks and keep every match in order', async () => {
    const b = new AlibabaGraphBuilder();
    for (let i = 0; i < 4500; i++) b.bucket(`b${i}`, { acl: i % 3 === 0 ? 'public-read' : 'private' });
    const data = await query(b.graph, '{ x: alibabaOssBuckets(where: { jsonata: "acl = \'public-read\'" }) { name } }');
    const expected = Array.from({ length: 4500 }, (_, i) => i).filter((i) => i % 3 === 0).map((i) => `b${i}`);
    expect(names(data.x)).toEqual(expected);
  });
  it('a predicate with no generated form runs in the interpreter over the list, in chunks, in order', async () => {
    const b = new AlibabaGraphBuilder();
    for (let i = 0; i < 2500; i++) b.bucket(`b${i}`, { acl: i % 4 === 0 ? 'public-read' : 'private' });
    // `acl[]` (keep the array) is left to the interpreter by jsonata-to-js.
    expect(compileJsonata("'public-read' in acl[]").fast).toBeUndefined();
    const data = await query(b.graph, '{ x: alibabaOssBuckets(where: { jsonata: "\'public-read\' in acl[]" }) { name } }');
    expect(names(data.x)).toEqual(Array.from({ length: 2500 }, (_, i) => i).filter((i) => i % 4 === 0).map((i) => `b${i}`));
  });
  it('variables work in where arguments', async () => {
    const result = await graphql({
      schema: bundledSchema().schema,
      source: 'query($w: AlibabaOssBucketWhere) { alibabaOssBuckets(where: $w) { name } }',
      variableValues: { w: { acl: { eq: 'public-read-write' } } },
      contextValue: { graph: world().graph },
    });
    expect(names(result.data!.alibabaOssBuckets)).toEqual(['open']);
  });
});

describe('schema generation', () => {
  it('every list field has a where argument and every type a Where input', () => {
    const { schema } = bundledSchema();
    const account = schema.getType('AlibabaAccount') as import('graphql').GraphQLObjectType;
    expect(account.getFields().trails.args.map((a) => a.name)).toContain('where');
    expect(schema.getQueryType()!.getFields().alibabaOssBuckets.args[0].type.toString()).toBe('AlibabaOssBucketWhere');
    expect(schema.getType('TagListFilter')).toBeDefined();
    expect(schema.getType('BooleanFilter')).toBeDefined();
  });
  it('an unknown operator is a validation error naming the valid ones', async () => {
    const result = await graphql({
      schema: bundledSchema().schema,
      source: '{ alibabaOssBuckets(where: { acl: { equals: "x" } }) { name } }',
      contextValue: { graph: world().graph },
    });
    expect(result.errors?.[0].message).toMatch(/"equals" is not defined by type "StringFilter"/);
  });
});
