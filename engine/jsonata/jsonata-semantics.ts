/**
 * JSONata's value semantics, for the compiled fast path (jsonata-to-js.ts): sequences and their
 * flattening, truthiness, string conversion, deep equality and the built-in functions checks use.
 * Each follows the behaviour of the jsonata package for well-typed input; on input the real
 * implementation would reject, these throw NotCompiled so the caller re-runs the expression in
 * the interpreter, which raises JSONata's own error.
 */
import { LinearRegExp } from './linear-regex.js';

/** Thrown when the fast path meets something it does not mirror exactly: re-run in the interpreter. */
export class NotCompiled extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotCompiled';
  }
}

/**
 * Longest string the fast path builds or reads by code point: past it the interpreter, whose
 * string budget (string-budget.ts) decides, runs instead.
 */
export const FAST_STRING_LIMIT = 1_000_000;

/** `value` when within FAST_STRING_LIMIT, else NotCompiled. */
function capped<T extends string | undefined>(value: T): T {
  if (value !== undefined && value.length > FAST_STRING_LIMIT) throw new NotCompiled('string limit');
  return value;
}

/** A JSONata sequence: an array built by path evaluation (flattened, collapsed when it has one item). */
export type Sequence = unknown[] & { sequence: true; keepSingleton?: boolean };

export function sequence(...items: unknown[]): Sequence {
  const out = items as Sequence;
  out.sequence = true;
  return out;
}

export function isSequence(value: unknown): value is Sequence {
  return Array.isArray(value) && (value as Sequence).sequence === true;
}

/** What `evaluate` does with a result: an empty sequence is nothing, a one-item sequence its item. */
export function collapse(value: unknown): unknown {
  if (!isSequence(value)) return value;
  if (value.length === 0) return undefined;
  return value.length === 1 ? value[0] : value;
}

/** Most arguments a compiled lambda or built-in call takes (positional: no array per call). */
export const MAX_ARGS = 3;

/**
 * A user function defined with `function($a) { ... }`, compiled to a JavaScript function (data
 * never holds functions, so any function value is one); missing arguments are undefined.
 */
export type Lambda = (a: unknown, b: unknown, c: unknown) => unknown;

export function isLambda(value: unknown): value is Lambda {
  return typeof value === 'function';
}

export function isNumeric(value: unknown): value is number {
  return typeof value === 'number' && !Number.isNaN(value) && Number.isFinite(value);
}

/** `$type(value) = "number"`; jsonata stops with D1001 on an infinite number (1/0): the interpreter reports it. */
export function isNumber(value: unknown): value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) return false;
  if (!Number.isFinite(value)) throw new NotCompiled('D1001');
  return true;
}

/** `$boolean`: JSONata truthiness (arrays by their items, objects by having keys). */
export function toBoolean(value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 1) return toBoolean(value[0]);
    for (const item of value) if (toBoolean(item)) return true;
    return false;
  }
  if (typeof value === 'string') return value.length > 0;
  if (typeof value === 'number') return isNumeric(value) && value !== 0;
  if (typeof value === 'boolean') return value;
  if (isLambda(value)) return false;
  if (value !== null && typeof value === 'object') return Object.keys(value).length > 0;
  return false;
}

/** Truthiness where undefined counts as false (conditions, and/or). */
export function truthy(value: unknown): boolean {
  return toBoolean(value) === true;
}

/** `$string` without prettify: numbers to 15 significant digits, objects as JSON. */
export function toJsonataString(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isLambda(value)) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new NotCompiled('D3001: non-finite number');
    // What JSON.stringify with the replacer below gives for a lone number, without the call.
    return String(stringNumber(value));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== undefined && v !== null && isNumeric(v) ? stringNumber(v) : isLambda(v) ? '' : v,
  );
}

/** As jsonata's $string: integers as they are, other numbers to 15 significant digits. */
function stringNumber(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toPrecision(15));
}

/** JSONata's isDeepEqual: unlike filters/deep-equal.ts, null and a missing value differ here. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], other[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) if (!deepEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  return true;
}

/**
 * Names an object has without having them: JSONata reads own properties only, so `constructor`
 * or `toString` of an asset is nothing, not Object.prototype's function.
 */
export const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A field read over a value or (flattened) over every item of an array, as JSONata's `lookup`. */
export function lookup(input: unknown, key: string): unknown {
  if (Array.isArray(input)) {
    const out = sequence();
    for (const item of input) {
      const value = lookup(item, key);
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) out.push(v);
      else out.push(value);
    }
    return out;
  }
  if (input === null || typeof input !== 'object' || isLambda(input)) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return value === undefined || !INHERITED_NAMES.has(key) || Object.hasOwn(input, key) ? value : undefined;
}

const ISO_8601 = /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

/** A list argument as JSONata's signature coercion gives it (`<a>`: a lone value is a one-item array). */
function asList(value: unknown): unknown[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

function stringArg(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new NotCompiled(`${name}: not a string`);
  return value;
}

/**
 * A built-in function of the fast path: `argc` arguments given positionally (a, b, c), `context`
 * the input `$` at the call — what JSONata uses when an argument is left out (`-` in its
 * signatures) — and the evaluation's fixed clock.
 */
export type Builtin = (argc: number, a: unknown, b: unknown, c: unknown, context: unknown, evaluation: { readonly now: number }) => unknown;

/** The built-in functions the fast path knows. */
export const BUILTINS: Record<string, Builtin> = {
  count: (_n, value) => (value === undefined ? 0 : Array.isArray(value) ? value.length : 1),
  exists: (_n, value) => value !== undefined,
  boolean: (_n, value) => toBoolean(value),
  not: (n, a, _b, _c, context) => {
    const value = n ? a : context;
    return value === undefined ? undefined : !toBoolean(value);
  },
  string: (n, a, _b, _c, context) => {
    if (n > 1) throw new NotCompiled('$string with prettify');
    return capped(toJsonataString(n ? a : context));
  },
  join: (_n, value, separator) => {
    const list = asList(value);
    if (list === undefined) return undefined;
    for (const item of list) if (typeof item !== 'string') throw new NotCompiled('$join: not a string');
    if (separator !== undefined && typeof separator !== 'string') throw new NotCompiled('$join: separator');
    return capped(list.join(separator ?? ''));
  },
  distinct: (_n, value) => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length <= 1) return value;
    const out: unknown[] = isSequence(value) ? sequence() : [];
    for (const item of value) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
    return out;
  },
  type: (_n, value) => {
    if (value === undefined) return undefined;
    if (value === null) return 'null';
    if (isNumber(value)) return 'number';
    if (typeof value === 'string') return 'string';
    if (typeof value === 'boolean') return 'boolean';
    if (Array.isArray(value)) return 'array';
    if (isLambda(value)) return 'function';
    return 'object';
  },
  lowercase: (n, a, _b, _c, context) => stringArg(n ? a : context, '$lowercase')?.toLowerCase(),
  uppercase: (n, a, _b, _c, context) => stringArg(n ? a : context, '$uppercase')?.toUpperCase(),
  length: (n, a, _b, _c, context) => {
    const s = capped(stringArg(n ? a : context, '$length'));
    return s === undefined ? undefined : Array.from(s).length;
  },
  substring: (_n, value, start, length) => {
    const s = capped(stringArg(value, '$substring'));
    if (s === undefined) return undefined;
    if (!isNumeric(start) || (length !== undefined && !isNumeric(length))) throw new NotCompiled('$substring: bad bounds');
    // As jsonata's substring: code points, a negative start counts from the end.
    const chars = Array.from(s);
    const from = chars.length + start < 0 ? 0 : start;
    if (length === undefined) return chars.slice(from).join('');
    if (length <= 0) return '';
    const end = from >= 0 ? from + length : chars.length + from + length;
    return chars.slice(from, end).join('');
  },
  contains: (_n, value, token) => {
    const s = stringArg(value, '$contains');
    if (s === undefined) return undefined;
    if (token instanceof LinearRegExp) return token.test(s);
    if (typeof token !== 'string') throw new NotCompiled('$contains: pattern');
    return s.includes(token);
  },
  toMillis: (_n, value, picture) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || picture !== undefined || !ISO_8601.test(value)) throw new NotCompiled('$toMillis');
    return Date.parse(value);
  },
  millis: (_n, _a, _b, _c, _context, evaluation) => evaluation.now,
};
