import { BREAK, Kind, visit, type ASTNode } from 'graphql';

/** True when a GraphQL AST (a document, a field's arguments, a value) uses a `$variable`. */
export function containsVariable(node: ASTNode): boolean {
  let found = false;
  visit(node, {
    [Kind.VARIABLE]() {
      found = true;
      return BREAK;
    },
  });
  return found;
}
