import type { AssetGraph } from '../graph/asset-graph.js';
import type { SchemaModel, FieldModel } from '../schema/type-model.js';
import { AssayError } from '../errors/assay-error.js';
import { deepEqual } from './deep-equal.js';

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
 */
export function compileWhere(model: SchemaModel, typeName: string, where: Input | null | undefined): CompiledWhere {
  if (!where) return { predicate: ALWAYS };
  const { jsonata, ...rest } = where;
  if (jsonata !== undefined && jsonata !== null && typeof jsonata !== 'string') {
    throw new AssayError('FILTER_INVALID', 'where.jsonata must be a string.');
  }
  const predicate = model.has(typeName) ? compileObject(model, typeName, rest) : compileScalar(rest);
  return { predicate, jsonata: jsonata ?? undefined };
}

function compileObject(model: SchemaModel, typeName: string, where: Input): Predicate {
  const type = model.get(typeName);
  if (!type) throw new AssayError('FILTER_INVALID', `No type "${typeName}" to filter.`);
  const parts: Predicate[] = [];
  let isNull: boolean | undefined;

  for (const [key, arg] of Object.entries(where)) {
    if (arg === undefined) continue;
    switch (key) {
      case 'and': {
        parts.push(conjunction((arg as Input[]).map((w) => compileObject(model, typeName, w))));
        break;
      }
      case 'or': {
        parts.push(disjunction((arg as Input[]).map((w) => compileObject(model, typeName, w))));
        break;
      }
      case 'not': {
        const inner = compileObject(model, typeName, arg as Input);
        parts.push((v, g) => !inner(v, g));
        break;
      }
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
        parts.push(compileField(model, field, arg as Input));
      }
    }
  }

  const all = conjunction(parts);
  if (isNull === undefined) return (v, g) => v != null && all(v, g);
  if (isNull) return (v) => v == null;
  return (v, g) => v != null && all(v, g);
}

function compileField(model: SchemaModel, field: FieldModel, filter: Input | null): Predicate {
  const name = field.name;
  const read: (v: unknown, g: AssetGraph) => unknown =
    field.kind === 'edge'
      ? field.list
        ? (v, g) => g.targets((v as { id: string }).id, name)
        : (v, g) => g.target((v as { id: string }).id, name)
      : (v) => (v as Record<string, unknown>)[name];

  if (filter === null) return (v, g) => read(v, g) == null;
  if (field.list) {
    const quantifiers = compileQuantifiers(filter, (f) =>
      field.kind === 'scalar' ? compileScalar(f) : compileObject(model, field.typeName, f),
    );
    return (v, g) => {
      const value = read(v, g);
      return quantifiers(Array.isArray(value) ? value : NO_ITEMS, g);
    };
  }
  const item = field.kind === 'scalar' ? compileScalar(filter) : compileObject(model, field.typeName, filter);
  return (v, g) => item(read(v, g), g);
}

/** `some` / `none` / `every` / `isEmpty` / `length` over a list. */
function compileQuantifiers(filter: Input, compileItem: (f: Input) => Predicate): (list: unknown[], g: AssetGraph) => boolean {
  const parts: Array<(list: unknown[], g: AssetGraph) => boolean> = [];
  for (const [key, arg] of Object.entries(filter)) {
    if (arg === undefined || arg === null) continue;
    switch (key) {
      case 'some': {
        const p = compileItem(arg as Input);
        parts.push((list, g) => some(list, p, g));
        break;
      }
      case 'none': {
        const p = compileItem(arg as Input);
        parts.push((list, g) => !some(list, p, g));
        break;
      }
      case 'every': {
        const p = compileItem(arg as Input);
        parts.push((list, g) => every(list, p, g));
        break;
      }
      case 'isEmpty': {
        const want = arg as boolean;
        parts.push((list) => (list.length === 0) === want);
        break;
      }
      case 'length': {
        const p = compileScalar(arg as Input);
        parts.push((list, g) => p(list.length, g));
        break;
      }
      default:
        throw new AssayError('FILTER_INVALID', `Unknown list quantifier "${key}".`);
    }
  }
  return (list, g) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i](list, g)) return false;
    return true;
  };
}

/** Scalar operators. Every given operator must hold; comparisons with null are false. */
export function compileScalar(filter: Input): Predicate {
  const parts: Predicate[] = [];
  for (const [op, arg] of Object.entries(filter)) {
    if (arg === undefined) continue;
    switch (op) {
      case 'eq':
        parts.push(arg === null ? (v) => v == null : isPrimitive(arg) ? (v) => v === arg : (v) => deepEqual(v, arg));
        break;
      case 'ne':
        parts.push(arg === null ? (v) => v != null : isPrimitive(arg) ? (v) => v !== arg : (v) => !deepEqual(v, arg));
        break;
      case 'in':
      case 'nin': {
        const values = (arg as unknown[] | null) ?? [];
        const set = new Set(values.filter(isPrimitive));
        const objects = values.filter((x) => !isPrimitive(x));
        const member = (v: unknown): boolean =>
          set.has(v) || (objects.length > 0 && objects.some((o) => deepEqual(v, o)));
        parts.push(op === 'in' ? member : (v) => !member(v));
        break;
      }
      case 'lt':
        parts.push((v) => comparable(v, arg) && (v as number) < (arg as number));
        break;
      case 'lte':
        parts.push((v) => comparable(v, arg) && (v as number) <= (arg as number));
        break;
      case 'gt':
        parts.push((v) => comparable(v, arg) && (v as number) > (arg as number));
        break;
      case 'gte':
        parts.push((v) => comparable(v, arg) && (v as number) >= (arg as number));
        break;
      case 'contains': {
        const needle = String(arg);
        parts.push((v) => typeof v === 'string' && v.includes(needle));
        break;
      }
      case 'startsWith': {
        const prefix = String(arg);
        parts.push((v) => typeof v === 'string' && v.startsWith(prefix));
        break;
      }
      case 'matches': {
        const regex = compileRegex(String(arg));
        parts.push((v) => typeof v === 'string' && regex.test(v));
        break;
      }
      case 'isNull': {
        if (arg === null) break;
        parts.push(arg ? (v) => v == null : (v) => v != null);
        break;
      }
      default:
        throw new AssayError('FILTER_INVALID', `Unknown operator "${op}".`);
    }
  }
  return conjunction(parts);
}

/** `matches` takes a JavaScript pattern, or `/pattern/flags` for flags such as `i` (case-insensitive). */
function compileRegex(pattern: string): RegExp {
  try {
    const literal = /^\/([\s\S]+)\/([imsu]*)$/.exec(pattern); // no g/y: they make test() stateful
    return literal ? new RegExp(literal[1], literal[2]) : new RegExp(pattern);
  } catch (error) {
    throw new AssayError('FILTER_INVALID', `Invalid regular expression in matches: ${(error as Error).message}`);
  }
}

// Loops rather than list.some/every with an arrow: no closure allocated per asset filtered.
const NO_ITEMS: unknown[] = [];

function some(list: readonly unknown[], p: Predicate, g: AssetGraph): boolean {
  for (let i = 0; i < list.length; i++) if (p(list[i], g)) return true;
  return false;
}

function every(list: readonly unknown[], p: Predicate, g: AssetGraph): boolean {
  for (let i = 0; i < list.length; i++) if (!p(list[i], g)) return false;
  return true;
}

function disjunction(parts: Predicate[]): Predicate {
  return (v, g) => {
    for (let i = 0; i < parts.length; i++) if (parts[i](v, g)) return true;
    return false;
  };
}

function conjunction(parts: Predicate[]): Predicate {
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    const [a, b] = parts;
    return (v, g) => a(v, g) && b(v, g);
  }
  return (v, g) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i](v, g)) return false;
    return true;
  };
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function comparable(value: unknown, bound: unknown): boolean {
  return value != null && typeof value === typeof bound;
}
