import { execute, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { AssetGraph } from '../graph/asset-graph.js';
import type { QueryContext } from '../schema/resolvers.js';
import { AssayError } from '../errors/assay-error.js';

/**
 * Check queries run through graphql-jit: each document is compiled once per schema into a
 * JavaScript function (field reads inlined, selection sets unrolled) and reused for every scan,
 * instead of graphql-js walking the AST per object. graphql-jit follows the GraphQL spec's
 * execution semantics; a document it cannot compile falls back to graphql-js.
 */
const compiled = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, CompiledQuery | null>>();

function compiledFor(schema: GraphQLSchema, document: DocumentNode): CompiledQuery | null {
  let bySchema = compiled.get(schema);
  if (!bySchema) compiled.set(schema, (bySchema = new WeakMap()));
  let query = bySchema.get(document);
  if (query === undefined) {
    const result = compileQuery(schema, document, undefined, { disablingCapturingStackErrors: true });
    query = isCompiledQuery(result) ? result : null;
    bySchema.set(document, query);
  }
  return query;
}

/** Executes a check query over a graph; a GraphQL error becomes an AssayError. */
export async function executeQuery(
  schema: GraphQLSchema,
  graph: AssetGraph,
  document: DocumentNode,
  sharedLists?: Map<string, unknown>,
): Promise<Record<string, unknown>> {
  const query = compiledFor(schema, document);
  const context: QueryContext = { graph, sharedLists };
  const result = (await (query ? query.query(undefined, context, {}) : execute({ schema, document, contextValue: context }))) as ExecutionResult;
  if (result.errors?.length) {
    const first = result.errors[0];
    const original = first.originalError;
    if (original instanceof AssayError) throw original;
    throw new AssayError('QUERY_FAILED', `Query failed: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return (result.data ?? {}) as Record<string, unknown>;
}
