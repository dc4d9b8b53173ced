import type { AssetGraph } from '../graph/asset-graph.js';
import type { SchemaModel, FieldModel } from '../schema/type-model.js';
import { AssayError } from '../errors/assay-error.js';
import { deepEqual } from './deep-equal.js';
import { ownInstance } from '../codegen/program-cache.js';
import { LinearRegExp } from '../jsonata/linear-regex.js';

/** A compiled filter: called once per candidate value, with the graph for edge lookups. */
export type Predicate = (value: unknown, graph: AssetGraph) => boolean;

export interface CompiledWhere {
  predicate: Predicate;
  /** A JSONata predicate to run once over the list that `predicate` kept. */
  jsonata?: string;
}

type Input = Record<string, unknown>;

const ALWAYS: Predicate = () => true;

/**
 * Compiles a coerced `where:` argument for a list of `typeName` values into a predicate, once per
 * query (the resolver caches it per field node). Unknown keys cannot reach here: GraphQL
 * validation rejects them against the generated input types.
 *
 * The predicate is generated JavaScript: one function per object, field, list quantifier and
 * scalar filter of this where, calling each other by name. Closures composed per operator were
 * shared by every check's filter, so V8 saw one call site for all of them and inlined none (4-8×
 * slower than a hand-written test per asset). Only names go into the code; every value of the
 * where argument (strings, numbers, regexes, sets) is passed in as data, never printed into it.
 */
export function compileWhere(model: SchemaModel, typeName: string, where: Input | null | undefined): CompiledWhere {
  if (!where) return { predicate: ALWAYS };
  const { jsonata, ...rest } = where;
  if (jsonata !== undefined && jsonata !== null && typeof jsonata !== 'string') {
    throw new AssayError('FILTER_INVALID', 'where.jsonata must be a string.');
  }
  const code = new PredicateCode();
  const root = model.has(typeName) ? objectFilter(code, model, typeName, rest) : scalarFilter(code, rest);
  return { predicate: code.link(root), jsonata: jsonata ?? undefined };
}

/** The functions of one where argument, and the values they read. */
class PredicateCode {
  private readonly functions: string[] = [];
  private readonly values: unknown[] = [];

  /** A value the code reads (`k3`): data, never text of the program. */
  value(value: unknown): string {
    this.values.push(value);
    return `k${this.values.length - 1}`;
  }

  /** Declares a function and returns its name. */
  function(params: string, body: string): string {
    const name = `f${this.functions.length}`;
    this.functions.push(`function ${name}(${params}) { ${body} }`);
    return name;
  }

  /** The predicate: the program (compiled once per shape) bound to this where's values. */
  link(root: string): Predicate {
    const source = [
      '"use strict";',
      // The values as constants of this where's own instance: V8 folds them into the tests.
      this.values.length ? `const ${this.values.map((_, i) => `k${i} = k[${i}]`).join(', ')};` : '',
      ...this.functions,
      `return function where(v, g) { return ${root}(v, g); };`,
    ].join('\n');
    // One program per shape (a where with variables compiles per call, packs repeat shapes).
    return ownInstance<Predicate>(['k', 'h'], source, [this.values, HELPERS]);
  }
}

const NO_ITEMS: unknown[] = [];

const HELPERS = {
  deepEqual,
  /** A list field's value as a list: anything else has no items. */
  items: (value: unknown): unknown[] => (Array.isArray(value) ? value : NO_ITEMS),
  /** `in` for the values of the list that are objects (compared structurally). */
  deepMember: (value: unknown, objects: unknown[]): boolean => objects.some((o) => deepEqual(value, o)),
};

/** A property read; schema field names are GraphQL names, so always JavaScript identifiers. */
function property(object: string, name: string): string {
  return /^[_A-Za-z][_0-9A-Za-z]*$/.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

function objectFilter(code: PredicateCode, model: SchemaModel, typeName: string, where: Input): string {
  const type = model.get(typeName);
  if (!type) throw new AssayError('FILTER_INVALID', `No type "${typeName}" to filter.`);
  const parts: string[] = [];
  let isNull: boolean | undefined;

  for (const [key, arg] of Object.entries(where)) {
    if (arg === undefined) continue;
    switch (key) {
      case 'and': {
        const each = (arg as Input[]).map((w) => `${objectFilter(code, model, typeName, w)}(v, g)`);
        parts.push(each.length ? `(${each.join(' && ')})` : 'true');
        break;
      }
      case 'or': {
        const each = (arg as Input[]).map((w) => `${objectFilter(code, model, typeName, w)}(v, g)`);
        parts.push(each.length ? `(${each.join(' || ')})` : 'false');
        break;
      }
      case 'not':
        parts.push(`!${objectFilter(code, model, typeName, arg as Input)}(v, g)`);
        break;
      case 'isNull':
        isNull = arg as boolean | null ?? undefined;
        break;
      case 'jsonata':
        throw new AssayError(
          'FILTER_INVALID',
          `jsonata is only allowed at the top level of a where argument (it runs once over the whole list), not inside ${typeName}.`,
        );
      default: {
        const field = type.fields.get(key);
        if (!field) throw new AssayError('FILTER_INVALID', `${typeName} has no field "${key}".`);
        parts.push(`${fieldFilter(code, model, field, arg as Input)}(v, g)`);
      }
    }
  }

  if (isNull) return code.function('v, g', 'return v == null;');
  return code.function('v, g', `return v != null && ${parts.length ? parts.join(' && ') : 'true'};`);
}

function fieldFilter(code: PredicateCode, model: SchemaModel, field: FieldModel, filter: Input | null): string {
  const label = () => code.value(field.name);
  const read =
    field.kind === 'edge'
      ? `g.${field.list ? 'targets' : 'target'}(v.id, ${label()})`
      : property('v', field.name);

  if (filter === null) return code.function('v, g', `return ${read} == null;`);
  const item = (f: Input) => (field.kind === 'scalar' ? scalarFilter(code, f) : objectFilter(code, model, field.typeName, f));
  if (field.list) return code.function('v, g', `return ${listFilter(code, filter, item)}(h.items(${read}), g);`);
  return code.function('v, g', `return ${item(filter)}(${read}, g);`);
}

/** `some` / `none` / `every` / `isEmpty` / `length` over a list. */
function listFilter(code: PredicateCode, filter: Input, item: (f: Input) => string): string {
  const loop = (p: string, found: boolean) =>
    code.function('list, g', `for (let i = 0; i < list.length; i++) if (${found ? '' : '!'}${p}(list[i], g)) return ${found}; return ${!found};`);
  const parts: string[] = [];
  for (const [key, arg] of Object.entries(filter)) {
    if (arg === undefined || arg === null) continue;
    switch (key) {
      case 'some':
        parts.push(`${loop(item(arg as Input), true)}(list, g)`);
        break;
      case 'none':
        parts.push(`!${loop(item(arg as Input), true)}(list, g)`);
        break;
      case 'every':
        parts.push(`${loop(item(arg as Input), false)}(list, g)`);
        break;
      case 'isEmpty':
        parts.push(`(list.length === 0) === ${code.value(arg)}`);
        break;
      case 'length':
        parts.push(`${scalarFilter(code, arg as Input)}(list.length, g)`);
        break;
      default:
        throw new AssayError('FILTER_INVALID', `Unknown list quantifier "${key}".`);
    }
  }
  return code.function('list, g', `return ${parts.length ? parts.join(' && ') : 'true'};`);
}

/** Scalar operators. Every given operator must hold; comparisons with null are false. */
function scalarFilter(code: PredicateCode, filter: Input): string {
  const parts: string[] = [];
  for (const [op, arg] of Object.entries(filter)) {
    if (arg === undefined) continue;
    switch (op) {
      case 'eq':
      case 'ne': {
        const ne = op === 'ne';
        if (arg === null) parts.push(ne ? 'v != null' : 'v == null');
        else if (isPrimitive(arg)) parts.push(`v ${ne ? '!==' : '==='} ${code.value(arg)}`);
        else parts.push(`${ne ? '!' : ''}h.deepEqual(v, ${code.value(arg)})`);
        break;
      }
      case 'in':
      case 'nin': {
        const values = (arg as unknown[] | null) ?? [];
        const objects = values.filter((x) => !isPrimitive(x));
        const set = code.value(new Set(values.filter(isPrimitive)));
        const member = objects.length ? `(${set}.has(v) || h.deepMember(v, ${code.value(objects)}))` : `${set}.has(v)`;
        parts.push(op === 'in' ? member : `!${member}`);
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const sign = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
        // Ordered comparison of values of the same type only (typeof names are fixed words).
        parts.push(`(v != null && typeof v === ${JSON.stringify(typeof arg)} && v ${sign} ${code.value(arg)})`);
        break;
      }
      case 'contains':
        parts.push(`(typeof v === 'string' && v.includes(${code.value(String(arg))}))`);
        break;
      case 'startsWith':
        parts.push(`(typeof v === 'string' && v.startsWith(${code.value(String(arg))}))`);
        break;
      case 'matches':
        parts.push(`(typeof v === 'string' && ${code.value(compileRegex(String(arg)))}.test(v))`);
        break;
      case 'isNull':
        if (arg === null) break;
        parts.push(arg ? 'v == null' : 'v != null');
        break;
      default:
        throw new AssayError('FILTER_INVALID', `Unknown operator "${op}".`);
    }
  }
  return code.function('v, g', `return ${parts.length ? parts.join(' && ') : 'true'};`);
}

/**
 * `matches` takes a pattern, or `/pattern/flags` for flags such as `i` (case-insensitive). Text
 * in the literal form with other flags (`/x/gi`) is an authoring mistake, not a pattern with
 * slashes: a load error. Patterns run in linear time (linear-regex.ts): the values are cloud data.
 */
function compileRegex(pattern: string): LinearRegExp {
  const literal = /^\/([\s\S]+)\/([A-Za-z]*)$/.exec(pattern);
  if (literal && !/^[imsu]*$/.test(literal[2])) {
    const unsupported = [...new Set(literal[2].replace(/[imsu]/g, ''))].join('');
    throw new AssayError(
      'FILTER_INVALID',
      `matches: "${pattern}" has flag${unsupported.length > 1 ? 's' : ''} "${unsupported}" that matches does not support (it tests each value once): use i, m, s or u.`,
    );
  }
  try {
    return literal ? new LinearRegExp(literal[1], literal[2]) : new LinearRegExp(pattern);
  } catch (error) {
    throw new AssayError('FILTER_INVALID', `Invalid regular expression in matches: ${(error as Error).message}`);
  }
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}
