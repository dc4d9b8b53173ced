import { AssayError } from '../errors/assay-error.js';
import { deepEqual } from '../filters/deep-equal.js';
import type { CompareOperator, Expectation } from './expectation.js';

/** Evaluates an expectation over a query result; true means the check passes. */
export async function evaluateExpectation(expectation: Expectation, data: Record<string, unknown>): Promise<boolean> {
  switch (expectation.kind) {
    case 'compare': {
      const value = data[expectation.alias];
      if (expectation.operator === 'eq') return deepEqual(value, expectation.operand);
      if (expectation.operator === 'ne') return !deepEqual(value, expectation.operand);
      return compare(numeric(value, expectation), expectation.operator, expectation.operand as number);
    }
    case 'empty': {
      const empty = isEmpty(data[expectation.alias]);
      return expectation.negated ? !empty : empty;
    }
    case 'length': {
      const value = data[expectation.alias];
      const length = Array.isArray(value) ? value.length : value == null ? 0 : NaN;
      if (Number.isNaN(length)) {
        throw new AssayError('CHECK_EXPECTATION', `"${expectation.alias}" is not a list, so it has no length.`);
      }
      return compare(length, expectation.operator, expectation.operand);
    }
    case 'jsonata': {
      const result = await expectation.expression.evaluate(data);
      if (typeof result !== 'boolean') {
        throw new AssayError(
          'CHECK_EXPECTATION',
          `The JSONata expectation must return true or false; it returned ${result === undefined ? 'nothing' : JSON.stringify(result)?.slice(0, 80)}.`,
        );
      }
      return result;
    }
  }
}

/**
 * The expectation as a test of one list's length, when that is all it reads of `alias` and it
 * reads nothing else (`X eq []`, `X ne []`, `X empty`, `X notEmpty`, a length or number comparison): true
 * for a length exactly when evaluateExpectation passes over a list of that length. Undefined
 * when the items matter (a JSONata expectation, an `eq` against a non-empty list) or the
 * expectation reads another alias.
 */
export function lengthTest(expectation: Expectation, alias: string): ((length: number) => boolean) | undefined {
  if (expectation.kind === 'jsonata' || expectation.alias !== alias) return undefined;
  switch (expectation.kind) {
    case 'empty':
      return (length) => (length === 0) !== expectation.negated;
    case 'length':
      return (length) => compare(length, expectation.operator, expectation.operand);
    case 'compare': {
      const { operator, operand } = expectation;
      if (operator === 'eq' || operator === 'ne') {
        if (!Array.isArray(operand) || operand.length !== 0) return undefined;
        return (length) => (length === 0) === (operator === 'eq');
      }
      return (length) => compare(length, operator, operand as number);
    }
  }
}

export function compare(value: number, operator: CompareOperator, operand: number): boolean {
  switch (operator) {
    case 'eq': return value === operand;
    case 'ne': return value !== operand;
    case 'lt': return value < operand;
    case 'lte': return value <= operand;
    case 'gt': return value > operand;
    case 'gte': return value >= operand;
  }
}

function numeric(value: unknown, expectation: { alias: string }): number {
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.length;
  throw new AssayError('CHECK_EXPECTATION', `"${expectation.alias}" is neither a number nor a list, so it cannot be compared.`);
}

function isEmpty(value: unknown): boolean {
  if (value == null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return value === '';
}
