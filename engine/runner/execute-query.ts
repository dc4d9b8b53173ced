import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import type { AssetGraph } from '../graph/asset-graph.js';
import type { QueryContext } from '../schema/resolvers.js';
import { AssayError } from '../errors/assay-error.js';
import { FALL_BACK, planQuery, type QueryPlan, type RootList } from '../execution/query-plan.js';

/**
 * How a check query runs, fastest first:
 * 1. a direct plan (`execution/query-plan.ts`): the query's fields resolved once into shared
 *    closures; covers check queries (one operation, literal arguments, no directives) on the
 *    happy path and hands anything else back;
 * 2. graphql-jit: the document compiled once per schema into a JavaScript function, following
 *    the GraphQL spec's execution semantics (errors included); imported on first need (~120 ms
 *    of a scan's start-up otherwise, and the bundled checks never need it on their happy path);
 * 3. graphql-js, for a document graphql-jit cannot compile.
 */
interface Executors {
  plan: QueryPlan | undefined;
  /** Compiled on first need; null when graphql-jit cannot compile the document. */
  jit?: CompiledQuery | null;
}

const executors = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Executors>>();

function executorsFor(schema: GraphQLSchema, document: DocumentNode): Executors {
  let bySchema = executors.get(schema);
  if (!bySchema) executors.set(schema, (bySchema = new WeakMap()));
  let found = bySchema.get(document);
  if (!found) bySchema.set(document, (found = { plan: planQuery(schema, document) }));
  return found;
}

async function jitFor(schema: GraphQLSchema, document: DocumentNode, found: Executors): Promise<CompiledQuery | null> {
  if (found.jit === undefined) {
    const { compileQuery, isCompiledQuery } = await import('graphql-jit');
    const result = compileQuery(schema, document, undefined, { disablingCapturingStackErrors: true });
    found.jit = isCompiledQuery(result) ? result : null;
  }
  return found.jit;
}

/**
 * The document's only root field, when it is a list the direct plan covers, to be resolved and
 * completed apart (`QueryPlan.rootList`); undefined otherwise.
 */
export function rootListOf(schema: GraphQLSchema, document: DocumentNode, key: string): RootList | undefined {
  return executorsFor(schema, document).plan?.rootList(key);
}

/** Executes a check query over a graph; a GraphQL error becomes an AssayError. */
export async function executeQuery(
  schema: GraphQLSchema,
  graph: AssetGraph,
  document: DocumentNode,
  sharedLists?: Map<string, unknown>,
): Promise<Record<string, unknown>> {
  const found = executorsFor(schema, document);
  const context: QueryContext = { graph, sharedLists };
  if (found.plan) {
    const data = await found.plan.run(context);
    if (data !== FALL_BACK) return data;
  }
  const jit = await jitFor(schema, document, found);
  const result = (await (jit ? jit.query(undefined, context, {}) : execute({ schema, document, contextValue: context }))) as ExecutionResult;
  if (result.errors?.length) {
    const first = result.errors[0];
    const original = first.originalError;
    if (original instanceof AssayError) throw original;
    throw new AssayError('QUERY_FAILED', `Query failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return (result.data ?? {}) as Record<string, unknown>;
}
