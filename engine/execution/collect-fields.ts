import {
  isAbstractType,
  Kind,
  typeFromAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * The spec's CollectFields for one runtime object type: the fields of some selection sets,
 * fragments expanded (each at most once) where their type condition applies, grouped by response
 * key in first-seen order — the order of the result's keys. Undefined when a selection carries a
 * directive (@skip, @include, or a custom one): those are left to graphql's executor.
 */
export function collectFields(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): Map<string, FieldNode[]> | undefined {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode): boolean => {
    for (const selection of set.selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = fields.get(key);
        if (nodes) nodes.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && !conditionMatches(schema, selection.typeCondition, type)) continue;
        if (!walk(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        if (!fragment || !conditionMatches(schema, fragment.typeCondition, type)) continue;
        if (fragment.directives?.length) return false;
        if (!walk(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of selectionSets) if (!walk(set)) return undefined;
  return fields;
}

function conditionMatches(schema: GraphQLSchema, condition: NamedTypeNode, type: GraphQLObjectType): boolean {
  const conditional = typeFromAST(schema, condition);
  if (conditional === type) return true;
  return conditional !== undefined && isAbstractType(conditional) && schema.isSubType(conditional, type);
}
