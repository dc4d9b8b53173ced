/**
 * Where a scan's evaluation time goes, phase by phase, over the same graph and checks:
 * 1. sets — each check's root list alone: its resolver, i.e. the graph traversal, the compiled
 *    where-filter and the JSONata predicate, with no result objects. This is the engine computing
 *    what the plain loops compute (the violating sets);
 * 2. queries — the whole query (`executeQuery`): the sets plus the GraphQL result object of every
 *    violator (the fields the check selects);
 * 3. reasons — one reason per violator, over the query's items;
 * and, from a full run (`runChecks`) in the same round, the runner's own part: findings,
 * verdicts, asset references.
 * Root lists are shared within a phase run the way a scan shares them (checks that select the same
 * list the same way: 3.2 and 4.3).
 */
import { getArgumentValues, Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { runChecks, type AssaySchema, type AssetGraph, type CheckDefinition } from '../engine/index.js';
import { executeQuery } from '../engine/runner/execute-query.js';
import { reasonKey, renderReasons } from '../engine/runner/reason.js';
import { queryIdentity } from '../engine/runner/shared-queries.js';

export interface PhaseTimes {
  setsMs: number;
  queriesMs: number;
  reasonsMs: number;
  /** The whole run (`runChecks`) measured in the same round, for the runner's share. */
  fullMs: number;
}

export async function timePhases(checks: CheckDefinition[], assay: AssaySchema, graph: AssetGraph): Promise<PhaseTimes> {
  const queried = checks.filter((c) => c.document);
  let start = performance.now();
  await runChecks(checks, { assay, graph });
  const fullMs = performance.now() - start;
  const queryType = assay.schema.getQueryType()!;

  start = performance.now();
  const lists = new Map<string, unknown>();
  for (const check of queried) {
    for (const selection of check.operation!.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const field = queryType.getFields()[selection.name.value];
      if (!field?.resolve) continue;
      await field.resolve(undefined, getArgumentValues(field, selection), { graph, sharedLists: lists }, infoFor(selection, queryType, assay));
    }
  }
  const setsMs = performance.now() - start;

  // Each check's reasons right after its query, timed apart. As in a scan, a question asked twice
  // (3.2 and 4.3) is answered once and its reasons rendered once per reason text
  // (shared-queries.ts). Only one check's items are alive at a time, and the answers a later check
  // asks for again: at 1M, every check's items at once would fill the heap budget.
  const shared = new Map<string, unknown>();
  const answers = new Map<string, unknown[]>();
  const askedTwice = new Set<string>();
  const seen = new Set<string>();
  for (const check of queried) {
    const key = queryIdentity(check.document!)?.key;
    if (key !== undefined) (seen.has(key) ? askedTwice : seen).add(key);
  }
  const rendered = new Set<string>();
  let queriesMs = 0;
  let reasonsMs = 0;
  for (const check of queried) {
    const key = queryIdentity(check.document!)?.key;
    let items = key === undefined ? undefined : answers.get(key);
    if (!items) {
      start = performance.now();
      items = [];
      try {
        const data = await executeQuery(assay.schema, graph, check.document!, shared);
        const listed = data[check.violationsAlias ?? ''];
        if (Array.isArray(listed)) items = listed;
      } catch {
        // An erroring check costs its query only.
      }
      queriesMs += performance.now() - start;
      if (key !== undefined && askedTwice.has(key)) answers.set(key, items);
    }
    const reason = reasonKey(check.reason);
    if (!items.length || (key !== undefined && rendered.has(`${key}\0${reason}`))) continue;
    if (key !== undefined) rendered.add(`${key}\0${reason}`);
    start = performance.now();
    try {
      await renderReasons(check.reason, items);
    } catch {
      // As above.
    }
    reasonsMs += performance.now() - start;
  }
  return { setsMs, queriesMs, reasonsMs, fullMs };
}

/** What the engine's root resolvers read of `info`: the field node and the parent type. */
function infoFor(node: FieldNode, parentType: GraphQLResolveInfo['parentType'], assay: AssaySchema): GraphQLResolveInfo {
  return { fieldName: node.name.value, fieldNodes: [node], parentType, schema: assay.schema } as unknown as GraphQLResolveInfo;
}
