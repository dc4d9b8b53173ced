import { graphql } from 'graphql';
import { loadSchemaFromDirs } from '../../engine/bundled.js';
import type { AssaySchema } from '../../engine/schema/build-schema.js';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';

let bundled: AssaySchema | undefined;

/** The bundled schema, built once per test file. */
export function bundledSchema(): AssaySchema {
  return (bundled ??= loadSchemaFromDirs());
}

/** Runs a query and fails loudly on GraphQL errors. */
export async function query(graph: AssetGraph, source: string, schema = bundledSchema()): Promise<Record<string, unknown>> {
  const result = await graphql({ schema: schema.schema, source, contextValue: { graph } });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.data as Record<string, unknown>;
}

/** Names of the items of a list result. */
export function names(value: unknown): string[] {
  return (value as Array<{ name: string }>).map((v) => v.name);
}
