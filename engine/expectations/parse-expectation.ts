import { AssayError } from '../errors/assay-error.js';
import { suggest } from '../errors/suggest.js';
import { EXPECTATION_OPERATORS, type CompareOperator, type Expectation } from './expectation.js';

const COMPARE = new Set<CompareOperator>(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']);

/**
 * Parses the simple expectation form. Errors carry the column (1-based) inside `text`;
 * the loader adds the file position of the `expect:` value.
 */
export function parseExpectation(text: string, aliases: readonly string[]): Expectation {
  const match = /^(\s*)([A-Za-z_][A-Za-z0-9_]*)(\s*)(.*)$/s.exec(text);
  if (!match) throw fail('An expectation starts with a query alias, e.g. "AlibabaLogging1 eq []".', 1);
  const [, lead, alias, gap, rest] = match;
  if (!aliases.includes(alias)) {
    throw fail(
      `Unknown alias "${alias}": the query's root fields are ${aliases.map((a) => `"${a}"`).join(', ') || 'none'}.`,
      lead.length + 1,
      suggest(alias, aliases),
    );
  }
  const opColumn = lead.length + alias.length + gap.length + 1;
  const opMatch = /^([A-Za-z]+)(\s*)(.*)$/s.exec(rest);
  if (!opMatch) throw fail(`Expected an operator after "${alias}" (${EXPECTATION_OPERATORS.join(', ')}).`, opColumn);
  const [, operator, opGap, operandText] = opMatch;
  const operandColumn = opColumn + operator.length + opGap.length;
  const trimmed = operandText.trim();

  if (operator === 'empty' || operator === 'notEmpty') {
    if (trimmed) throw fail(`"${operator}" takes no operand.`, operandColumn);
    return { kind: 'empty', alias, negated: operator === 'notEmpty', text };
  }
  if (operator === 'length') {
    const lengthMatch = /^(?:(eq|ne|lt|lte|gt|gte)\s+)?(\S+)$/.exec(trimmed);
    const n = lengthMatch ? Number(lengthMatch[2]) : NaN;
    if (!lengthMatch || !Number.isInteger(n) || n < 0) {
      throw fail('"length" takes an optional comparison and a whole number, e.g. "length 0" or "length lte 3".', operandColumn);
    }
    return { kind: 'length', alias, operator: (lengthMatch[1] as CompareOperator) ?? 'eq', operand: n, text };
  }
  if (!COMPARE.has(operator as CompareOperator)) {
    throw fail(`Unknown operator "${operator}".`, opColumn, suggest(operator, EXPECTATION_OPERATORS));
  }
  if (!trimmed) throw fail(`"${operator}" needs an operand, e.g. "${alias} ${operator} ${operator === 'eq' || operator === 'ne' ? '[]' : '0'}".`, operandColumn);
  let operand: unknown;
  try {
    operand = JSON.parse(trimmed);
  } catch {
    throw fail(`The operand "${trimmed}" is not a JSON value (use [], a number, "text", true, false or null).`, operandColumn);
  }
  if (operator !== 'eq' && operator !== 'ne' && typeof operand !== 'number') {
    throw fail(`"${operator}" compares numbers; "${trimmed}" is not a number.`, operandColumn);
  }
  return { kind: 'compare', alias, operator: operator as CompareOperator, operand, text };
}

function fail(message: string, column: number, suggestions: string[] = []): AssayError {
  return new AssayError('CHECK_EXPECTATION', message, { column, suggestions });
}
