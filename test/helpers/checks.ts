import { loadCheckSource } from '../../engine/checks/load-check.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import { bundledSchema } from './engine.js';

/** A check from its header comment lines and query, against the bundled schema; throws its load errors. */
export function check(header: string, query: string): CheckDefinition {
  const { check: loaded, errors } = loadCheckSource('t.graphql', `${header}\n${query}\n`, bundledSchema());
  if (!loaded) throw new Error(errors.map((e) => e.format()).join('\n'));
  return loaded;
}
