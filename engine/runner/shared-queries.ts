import { Kind, print, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * Checks that ask the same question share one execution within a scan: 3.2 and 4.3 of the CIS
 * Alibaba benchmark are one query, and a scan of two packs (v1.0.0 and v2.0.0) runs every query
 * twice otherwise. Two documents ask the same question when they print the same with the
 * operation name dropped and the root fields aliased by position; the result is then the same,
 * and each check reads it under its own aliases.
 */
export interface QueryIdentity {
  key: string;
  /** The document's root response keys, in order: position i of one is position i of the other. */
  aliases: string[];
}

const identities = new WeakMap<DocumentNode, QueryIdentity | null>();

/**
 * The identity of a document, or undefined when positions would not line up: a root fragment
 * spread, a directive, or two root fields with one response key (graphql merges those).
 */
export function queryIdentity(document: DocumentNode): QueryIdentity | undefined {
  let identity = identities.get(document);
  if (identity === undefined) identities.set(document, (identity = identify(document)));
  return identity ?? undefined;
}

function identify(document: DocumentNode): QueryIdentity | null {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return null;
  const aliases: string[] = [];
  for (const selection of operations[0].selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.directives?.length) return null;
    aliases.push(selection.alias?.value ?? selection.name.value);
  }
  if (new Set(aliases).size !== aliases.length) return null;
  const positional = visit(document, {
    OperationDefinition(node) {
      return {
        ...node,
        name: undefined,
        selectionSet: {
          ...node.selectionSet,
          selections: node.selectionSet.selections.map((s, i) => ({ ...s, alias: { kind: Kind.NAME, value: `r${i}` } })),
        },
      };
    },
  });
  return { key: print(positional), aliases };
}

/** One execution's data, re-keyed for another check's aliases (same positions, same values). */
export function underAliases(data: Record<string, unknown>, from: QueryIdentity, to: QueryIdentity): Record<string, unknown> {
  if (from.aliases.every((alias, i) => alias === to.aliases[i])) return data;
  const view: Record<string, unknown> = {};
  to.aliases.forEach((alias, i) => {
    view[alias] = data[from.aliases[i]];
  });
  return view;
}
