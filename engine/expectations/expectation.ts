import type { CompiledJsonata } from '../jsonata/guarded-jsonata.js';

/** Comparison operators of the simple expectation form. */
export type CompareOperator = 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';

/**
 * A parsed expectation:
 * - `Alias eq []`, `Alias ne <json>`: structural (in)equality with a JSON literal;
 * - `Alias lt|lte|gt|gte N`: numeric comparison (a list compares by its length);
 * - `Alias empty`, `Alias notEmpty`;
 * - `Alias length N` / `Alias length lte N`: on the list's length;
 * - `{ jsonata: "..." }`: an expression over all aliases that returns a boolean.
 */
export type Expectation =
  | { kind: 'compare'; alias: string; operator: CompareOperator; operand: unknown; text: string }
  | { kind: 'empty'; alias: string; negated: boolean; text: string }
  | { kind: 'length'; alias: string; operator: CompareOperator; operand: number; text: string }
  | { kind: 'jsonata'; expression: CompiledJsonata; text: string };

export const EXPECTATION_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'empty', 'notEmpty', 'length'];
