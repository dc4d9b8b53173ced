import jsonata from 'jsonata';
import { AssayError } from '../errors/assay-error.js';

/**
 * Memory bounds for the strings a JSONata evaluation builds. jsonata's guardrails count steps and
 * sequence items, not bytes: `$pad("", 4e8)` is one step that allocates 2.2 GB and ends node.
 * So every built-in string function runs through a guard that refuses a string argument or result
 * longer than `maxLength`, refuses `$pad`/`$join` calls whose result would be (before building
 * it), and counts what the evaluation has built against `maxTotal` (else many strings just under
 * the limit add up within the time limit).
 */
export class StringBudget {
  private spent = 0;
  constructor(
    readonly maxLength: number,
    readonly maxTotal: number,
  ) {}

  /** Throws when `length` more characters from `$name` go over a limit. */
  spend(name: string, length: number): void {
    if (length > this.maxLength) throw tooLong(`$${name} would build a string of ${length} characters`, this.maxLength);
    this.spent += length;
    if (this.spent > this.maxTotal) {
      throw new AssayError(
        'JSONATA_LIMIT',
        `JSONata expression built more than ${this.maxTotal} characters of strings in one evaluation (limit maxStringTotal).`,
      );
    }
  }

  /** Throws when a string of `length` characters from `$name` would be over the limit (counts nothing). */
  fits(name: string, length: number): void {
    if (length > this.maxLength) throw tooLong(`$${name} would build a string of ${length} characters`, this.maxLength);
  }

  /** Throws when a string argument of `$name` is longer than a string may be. */
  admit(name: string, value: unknown): void {
    if (typeof value === 'string' && value.length > this.maxLength) throw tooLong(`$${name} was given a string of ${value.length} characters`, this.maxLength);
  }
}

function tooLong(what: string, limit: number): AssayError {
  return new AssayError('JSONATA_LIMIT', `JSONata expression: ${what}, over the limit of ${limit} (limit maxStringLength).`);
}

/** The binding an evaluation's budget travels in: a name JSONata syntax cannot spell (it has a space). */
export const BUDGET_BINDING = 'assay string budget';

/** The built-ins that take or build strings (the others cannot make one long). */
const STRING_FUNCTIONS = [
  'string', 'substring', 'substringBefore', 'substringAfter', 'lowercase', 'uppercase', 'length', 'trim', 'pad',
  'contains', 'split', 'join', 'match', 'replace', 'base64encode', 'base64decode', 'encodeUrlComponent', 'encodeUrl',
  'decodeUrlComponent', 'decodeUrl', 'formatNumber', 'formatBase', 'formatInteger', 'eval', 'number', 'toMillis',
] as const;

interface JsonataFunction {
  _jsonata_function: true;
  implementation: (this: { environment: { lookup(name: string): unknown } }, ...args: unknown[]) => unknown;
  signature: unknown;
}

/** jsonata keeps its built-ins private; a bare `$name` evaluates to the function object. */
const builtins = new Map<string, JsonataFunction>(
  await Promise.all(STRING_FUNCTIONS.map(async (name) => [name, (await jsonata(`$${name}`).evaluate({})) as JsonataFunction] as const)),
);

/** The guarded built-ins, to bind in each expression (they shadow jsonata's own). */
export const GUARDED_FUNCTIONS: ReadonlyMap<string, JsonataFunction> = new Map(
  [...builtins].map(([name, builtin]) => [name, { ...builtin, implementation: guard(name, builtin.implementation) }]),
);

function guard(name: string, implementation: JsonataFunction['implementation']): JsonataFunction['implementation'] {
  return function guarded(this: { environment: { lookup(name: string): unknown } }, ...args: unknown[]): unknown {
    const budget = this.environment.lookup(BUDGET_BINDING);
    // Fail closed: every evaluation binds one (guarded-jsonata.ts), and JSONata cannot rebind it.
    if (!(budget instanceof StringBudget)) throw new AssayError('JSONATA_LIMIT', `$${name} ran without a string budget.`);
    for (const arg of args) budget.admit(name, arg);
    if (name === 'pad' && typeof args[1] === 'number') budget.fits(name, Math.abs(Math.trunc(args[1])));
    if (name === 'join' && Array.isArray(args[0])) {
      const separator = typeof args[1] === 'string' ? args[1].length : 0;
      let total = 0;
      for (const item of args[0]) total += (typeof item === 'string' ? item.length : 0) + separator;
      budget.fits(name, total);
    }
    const result = implementation.apply(this, args);
    const account = (value: unknown): unknown => {
      if (typeof value === 'string') budget.spend(name, value.length);
      return value;
    };
    return result instanceof Promise ? result.then(account) : account(result);
  };
}

/** Throws when a result holds a string over the limit (one built with `&`, which no guard sees). */
export function checkResultStrings(value: unknown, maxLength: number): void {
  const pending: unknown[] = [value];
  const seen = new Set<object>();
  while (pending.length) {
    const item = pending.pop();
    if (item !== null && typeof item === 'object') {
      // Functions in a result carry their environment: not data, not walked.
      if (seen.has(item) || '_jsonata_lambda' in item || '_jsonata_function' in item) continue;
      seen.add(item);
    }
    if (typeof item === 'string') {
      if (item.length > maxLength) throw tooLong(`the result holds a string of ${item.length} characters`, maxLength);
    } else if (Array.isArray(item)) {
      for (const v of item) pending.push(v);
    } else if (item !== null && typeof item === 'object') {
      for (const v of Object.values(item)) pending.push(v);
    }
  }
}
