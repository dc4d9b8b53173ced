/**
 * The direct query plan must return exactly what graphql's executor returns (keys in the same
 * order included), and hand the query back whenever it would not.
 */
import { describe, expect, it } from 'vitest';
import { execute, parse, type DocumentNode } from 'graphql';
import { join } from 'node:path';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { buildAssaySchema, type AssaySchema } from '../../engine/schema/build-schema.js';
import { FALL_BACK, planQuery } from '../../engine/execution/query-plan.js';
import { executeQuery } from '../../engine/runner/execute-query.js';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { fixtureGraph } from '../../engine/testing/fixture-graph.js';
import { fixturePathFor, readFixtureFile } from '../../engine/testing/run-fixtures.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { bundledSchema } from '../helpers/engine.js';

/** graphql-js, the reference executor: its data, or its errors' messages. */
async function reference(assay: AssaySchema, graph: AssetGraph, document: DocumentNode): Promise<{ data?: unknown; errors?: string[] }> {
  const result = await execute({ schema: assay.schema, document, contextValue: { graph } });
  return result.errors?.length ? { errors: result.errors.map((e) => e.message) } : { data: result.data };
}

async function planned(assay: AssaySchema, graph: AssetGraph, document: DocumentNode): Promise<unknown> {
  const plan = planQuery(assay.schema, document);
  if (!plan) throw new Error('no plan');
  return plan.run({ graph });
}

describe('bundled checks', () => {
  const assay = bundledSchema();
  const demo = loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json'));
  const checks = findPacks([bundledChecksDir()]).flatMap((pack) => loadPackChecks(pack, assay, packageRoot()).checks);
  const queried = checks.filter((c) => c.document);

  it('every check query is planned (none falls off the fast path)', () => {
    expect(queried.length).toBeGreaterThan(100);
    expect(queried.filter((c) => !planQuery(assay.schema, c.document!)).map((c) => c.file)).toEqual([]);
  });

  it.each(queried.map((c) => [`${c.pack?.name} ${c.metadata.id}`, c] as const))('%s: same result as graphql-js', async (_name, check) => {
    const fixtures = readFixtureFile(fixturePathFor(check.file, packageRoot()));
    const cases = [...(fixtures.valid ?? []), ...(fixtures.invalid ?? []), ...(fixtures.cases ?? [])];
    const graphs = [demo, ...cases.map((c) => fixtureGraph(assay.model, c.assets ?? [], c.gaps, fixtures.defaults))];
    for (const graph of graphs) {
      const want = await reference(assay, graph, check.document!);
      const got = await planned(assay, graph, check.document!);
      if (want.errors) expect(got).toBe(FALL_BACK);
      // JSON text: the same values and the same key order.
      else expect(JSON.stringify(got)).toBe(JSON.stringify(want.data));
    }
  });

  it.each(queried.map((c) => [`${c.pack?.name} ${c.metadata.id}`, c] as const))('%s: its root list completed two items at a time is the list graphql-js returns', async (_name, check) => {
    const list = planQuery(assay.schema, check.document!)!.rootList(check.violationsAlias!);
    expect(list).toBeDefined();
    const fixtures = readFixtureFile(fixturePathFor(check.file, packageRoot()));
    const cases = [...(fixtures.valid ?? []), ...(fixtures.invalid ?? []), ...(fixtures.cases ?? [])];
    for (const graph of [demo, ...cases.map((c) => fixtureGraph(assay.model, c.assets ?? [], c.gaps, fixtures.defaults))]) {
      const want = await reference(assay, graph, check.document!);
      const sources = await list!.sources({ graph });
      let got: unknown = sources;
      if (Array.isArray(sources)) {
        const items: unknown[] = [];
        for (let start = 0; start < sources.length && got !== FALL_BACK; start += 2) {
          const slice = list!.complete(sources, start, Math.min(start + 2, sources.length), { graph });
          if (slice === FALL_BACK) got = FALL_BACK;
          else items.push(...slice);
        }
        if (got !== FALL_BACK) got = items;
      }
      if (want.errors) expect(got).toBe(FALL_BACK);
      else expect(JSON.stringify({ [check.violationsAlias!]: got })).toBe(JSON.stringify(want.data));
    }
  });

  it('has no root list to stream for a query of two root fields', () => {
    const plan = planQuery(assay.schema, parse('{ a: alibabaOssBuckets { id } b: alibabaOssBuckets { name } }'))!;
    expect(plan.rootList('a')).toBeUndefined();
    expect(plan.rootList('b')).toBeUndefined();
  });
});

describe('edge cases of execution', () => {
  const assay = buildAssaySchema({
    sdl: [
      {
        name: 'plan.graphql',
        body: `
          interface Asset { id: ID! type: String! name: String }
          enum Tier { GOLD SILVER }
          type Spec { size: Int ratio: Float labels: [String!] }
          type Box implements Asset {
            id: ID! type: String! name: String
            count: Int
            owner: String!
            tier: Tier
            spec: Spec
            specs: [Spec!]
            parts: [Part!]!
            home: Part
          }
          type Part implements Asset { id: ID! type: String! name: String weight: Float }
          type Chain implements Asset { id: ID! type: String! name: String next: Chain }
          type Query { boxes: [Box!]! parts: [Part!]! assets: [Asset!]! chains: [Chain!]! }
        `,
      },
    ],
  });
  const box = (id: string, extra: Record<string, unknown> = {}) => ({ id, type: 'Box', name: `box ${id}`, owner: 'ops', ...extra });

  function graphOf(...assets: Array<Record<string, unknown> & { id: string; type: string }>): AssetGraph {
    const graph = new AssetGraph({});
    for (const asset of assets) graph.addAsset(asset as never);
    return graph;
  }

  async function same(graph: AssetGraph, source: string): Promise<unknown> {
    const document = parse(source);
    const want = await reference(assay, graph, document);
    expect(want.errors).toBeUndefined();
    const got = await planned(assay, graph, document);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want.data));
    return got;
  }

  async function fallsBack(graph: AssetGraph, source: string): Promise<string[]> {
    const document = parse(source);
    const want = await reference(assay, graph, document);
    expect(want.errors?.length).toBeGreaterThan(0);
    expect(await planned(assay, graph, document)).toBe(FALL_BACK);
    // The engine then runs graphql and reports its error.
    await expect(executeQuery(assay.schema, graph, document)).rejects.toMatchObject({ code: 'QUERY_FAILED' });
    return want.errors!;
  }

  it('aliases, merged fields, fragments, __typename and edges build the same objects', async () => {
    const graph = graphOf(
      box('b1', { count: 3, tier: 'GOLD', spec: { size: 2, ratio: 0.5, labels: ['x'] }, specs: [{ size: 1 }, { size: 4 }] }),
      box('b2'),
      { id: 'p1', type: 'Part', name: 'wheel', weight: 1.5 },
    );
    graph.addEdge('b1', 'parts', 'p1');
    graph.addEdge('b2', 'home', 'p1');
    const got = await same(
      graph,
      `query Q {
        __typename
        first: boxes(where: { count: { gt: 1 } }) { id ...F spec { size } spec { ratio labels } kind: __typename }
        all: boxes { name tier parts { id weight } home { name } specs(where: { size: { gt: 2 } }) { size } }
      }
      fragment F on Asset { name type }`,
    );
    expect(got).toMatchObject({ first: [{ id: 'b1', name: 'box b1', spec: { size: 2, ratio: 0.5, labels: ['x'] }, kind: 'Box' }] });
  });

  it('a nested selection of its parent\'s shape builds its own fields (one builder, mid-call)', async () => {
    // `{ a: next {...} b: next {...} }` prints one builder for both levels, whatever the inner
    // selections: the outer `b` must still build `{ type }` after the inner call built `{ name }`.
    const graph = graphOf({ id: 'c1', type: 'Chain', name: 'one' }, { id: 'c2', type: 'Chain', name: 'two' }, { id: 'c3', type: 'Chain', name: 'three' });
    graph.addEdge('c1', 'next', 'c2');
    graph.addEdge('c2', 'next', 'c3');
    const got = await same(graph, '{ chains(where: { id: { eq: "c1" } }) { a: next { a: next { id } b: next { name } } b: next { type } } }');
    expect(got).toEqual({ chains: [{ a: { a: { id: 'c3' }, b: { name: 'three' } }, b: { type: 'Chain' } }] });
  });

  it('an interface list resolves each item to its own type, with inline fragments', async () => {
    const graph = graphOf(box('b1', { count: 7 }), { id: 'p1', type: 'Part', name: 'wheel', weight: 2 });
    const got = await same(graph, '{ assets { __typename id ... on Box { count } ... on Part { weight } } }');
    expect(got).toEqual({ assets: [{ __typename: 'Box', id: 'b1', count: 7 }, { __typename: 'Part', id: 'p1', weight: 2 }] });
  });

  it('serializes leaves as graphql does (a number in a String field becomes text)', async () => {
    const graph = graphOf(box('b1', { name: 42, count: 2 }));
    expect(await same(graph, '{ boxes { name count } }')).toEqual({ boxes: [{ name: '42', count: 2 }] });
  });

  it('a JSONata where at the root is planned; below the root it is left to graphql', async () => {
    const graph = graphOf(box('b1', { specs: [{ size: 1 }, { size: 5 }] }));
    await same(graph, '{ boxes(where: { jsonata: "owner = \'ops\'" }) { id } }');
    const nested = parse('{ boxes { specs(where: { jsonata: "size > 2" }) { size } } }');
    expect(planQuery(assay.schema, nested)).toBeUndefined();
    expect(await executeQuery(assay.schema, graph, nested)).toEqual({ boxes: [{ specs: [{ size: 5 }] }] });
  });

  it('hands back a null in a non-null field', async () => {
    const errors = await fallsBack(graphOf(box('b1', { owner: null })), '{ boxes { id owner } }');
    expect(errors[0]).toMatch(/non-nullable field Box.owner/);
  });

  it('hands back a leaf that does not serialize (a fraction in an Int, an unknown enum value)', async () => {
    await fallsBack(graphOf(box('b1', { count: 1.5 })), '{ boxes { count } }');
    await fallsBack(graphOf(box('b1', { tier: 'BRONZE' })), '{ boxes { tier } }');
  });

  it('hands back a list field that holds no list', async () => {
    await fallsBack(graphOf(box('b1', { specs: 'none' })), '{ boxes { specs { size } } }');
  });

  it('hands back an object field that holds text, and the engine returns what graphql makes of it', async () => {
    const graph = graphOf(box('b1', { spec: 'none' }));
    const document = parse('{ boxes { spec { size } } }');
    expect(await planned(assay, graph, document)).toBe(FALL_BACK);
    const want = await reference(assay, graph, document);
    expect(want.data).toEqual({ boxes: [{ spec: { size: null } }] });
    expect(await executeQuery(assay.schema, graph, document)).toEqual(want.data);
  });

  it('plans no document with directives, variables, introspection or several operations', () => {
    for (const source of [
      '{ boxes { id @include(if: true) } }',
      'query Q($n: Int) { boxes(where: { count: { gt: $n } }) { id } }',
      '{ __schema { types { name } } }',
      'query A { boxes { id } } query B { parts { id } }',
    ]) {
      expect(planQuery(assay.schema, parse(source)), source).toBeUndefined();
    }
  });

  it('a document without a plan still runs, through graphql', async () => {
    const graph = graphOf(box('b1'), box('b2', { count: 9 }));
    expect(await executeQuery(assay.schema, graph, parse('{ boxes { id count @skip(if: true) name } }'))).toEqual({
      boxes: [
        { id: 'b1', name: 'box b1' },
        { id: 'b2', name: 'box b2' },
      ],
    });
  });
});
