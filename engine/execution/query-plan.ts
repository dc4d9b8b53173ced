import {
  getArgumentValues,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLString,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { AssayError } from '../errors/assay-error.js';
import type { QueryContext } from '../schema/resolvers.js';
import { collectFields } from './collect-fields.js';
import { containsVariable } from '../schema/contains-variable.js';
import { programInstance } from '../codegen/program-cache.js';

/**
 * A check query executed directly: the operation's fields, fragments and completion rules are
 * resolved once, into closures that call the schema's own resolvers and serializers and build
 * the result. One set of these closures serves every query, so the code warms up once per scan,
 * not once per compiled query, and no per-field bookkeeping (paths, error lists) is kept.
 *
 * It runs the happy path of GraphQL execution only. Anything else — a null in a non-null field,
 * a leaf that does not serialize, a list that is not an array, a resolver that throws something
 * other than an AssayError, a nested async resolver — makes `run` return `FALL_BACK`, and the
 * caller runs the query through graphql's executor, which produces the spec's result and errors.
 * So a plan's result, when it has one, is the one graphql would return.
 */
export interface QueryPlan {
  run(context: QueryContext): Promise<Record<string, unknown> | typeof FALL_BACK>;
  /**
   * The root field under `key` in two parts, when it is the query's only root field and a list:
   * its resolver's list, and the completion of that list's items, a slice at a time. A caller
   * that completes the slices in turn gets, item for item, the list `run` would return, without
   * holding every item's result object at once.
   */
  rootList(key: string): RootList | undefined;
}

/** A root list field resolved and completed apart (`QueryPlan.rootList`). */
export interface RootList {
  /** The resolver's value (null for a nullable field), or FALL_BACK where `run` would fall back. */
  sources(context: QueryContext): Promise<readonly unknown[] | null | typeof FALL_BACK>;
  /** The results of `sources[start..end)`, or FALL_BACK where `run` would fall back. */
  complete(sources: readonly unknown[], start: number, end: number, context: QueryContext): unknown[] | typeof FALL_BACK;
}

/** What a plan returns when the query must run through graphql's executor instead. */
export const FALL_BACK: unique symbol = Symbol('fall back to graphql');

/** What a run gives for an error: an AssayError (the user's to see) is thrown on, anything else means FALL_BACK. */
function fallBack(error: unknown): typeof FALL_BACK {
  if (error instanceof AssayError) throw error;
  return FALL_BACK;
}

/** Thrown inside a run to abandon it; never escapes `run`. */
const BAIL = Symbol('bail');

type Resolver = GraphQLFieldResolver<unknown, QueryContext>;

/**
 * Tests (as JavaScript source over a variable) for values the built-in scalars serialize to
 * themselves, e.g. GraphQLString's serialize returns a string unchanged.
 */
const SELF_SERIALIZING = new Map<unknown, (v: string) => string>([
  [GraphQLString, (v) => `typeof ${v} === 'string'`],
  [GraphQLID, (v) => `typeof ${v} === 'string'`],
  [GraphQLBoolean, (v) => `typeof ${v} === 'boolean'`],
  [GraphQLFloat, (v) => `(typeof ${v} === 'number' && Number.isFinite(${v}))`],
  [GraphQLInt, (v) => `(typeof ${v} === 'number' && (${v} | 0) === ${v})`],
]);
/** The fast test of a leaf completer (or a non-null one around it), when it has one. */
const fastTests = new WeakMap<Complete, (v: string) => string>();
/** Completes a resolved value per the field's type (the spec's CompleteValue). */
type Complete = (value: unknown, context: QueryContext) => unknown;
/** Of a list completer, its items' completer; of a non-null completer, the one it wraps. */
const listItems = new WeakMap<Complete, Complete>();
const nonNullInner = new WeakMap<Complete, Complete>();

interface FieldStep {
  key: string;
  name: string;
  resolve?: Resolver;
  args: Record<string, unknown>;
  info: GraphQLResolveInfo;
  complete: Complete;
  typename?: string;
}

/**
 * Plans a document, or returns undefined when it uses what the plan does not cover: several
 * operations, variables, directives, mutations, introspection fields.
 */
export function planQuery(schema: GraphQLSchema, document: DocumentNode): QueryPlan | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || operation.operation !== 'query' || operation.variableDefinitions?.length || operation.directives?.length) {
    return undefined;
  }
  const queryType = schema.getQueryType();
  if (!queryType || containsVariable(document)) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const planner = new Planner(schema, fragments, operation);
  // Introspection (`__schema`, `__type`) is not among the query type's fields: no plan.
  const root = planner.fields(queryType, [operation.selectionSet]);
  if (!root) return undefined;

  const lists = new Map<string, RootList | undefined>();
  return {
    rootList(key) {
      if (!lists.has(key)) lists.set(key, root.length === 1 && root[0].key === key ? rootList(root[0]) : undefined);
      return lists.get(key);
    },
    async run(context) {
      try {
        const data: Record<string, unknown> = {};
        for (const step of root) {
          if (step.typename !== undefined) {
            data[step.key] = step.typename;
            continue;
          }
          let value = step.resolve ? step.resolve(undefined, step.args, context, step.info) : undefined;
          if (isThenable(value)) value = await value;
          data[step.key] = step.complete(value, context);
        }
        return data;
      } catch (error) {
        return fallBack(error);
      }
    },
  };
}

class Planner {
  /** The fragments as `info.fragments` gives them to resolvers. */
  private readonly fragmentRecord: Record<string, FragmentDefinitionNode>;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly operation: OperationDefinitionNode,
  ) {
    this.fragmentRecord = Object.fromEntries(fragments);
  }

  /** The steps that build one object of `type` from the given selection sets. */
  fields(type: GraphQLObjectType, selectionSets: FieldNode['selectionSet'][]): FieldStep[] | undefined {
    const grouped = collectFields(this.schema, this.fragments, type, selectionSets.filter((s) => s !== undefined));
    if (!grouped) return undefined;
    const steps: FieldStep[] = [];
    const defs = type.getFields();
    for (const [key, nodes] of grouped) {
      const name = nodes[0].name.value;
      if (name === '__typename') {
        steps.push({ key, name, args: {}, info: this.info(type, name, nodes, GraphQLString), complete: identity, typename: type.name });
        continue;
      }
      const def = defs[name];
      if (!def) return undefined;
      const info = this.info(type, name, nodes, def.type);
      const complete = this.completer(def.type, nodes, info);
      if (!complete) return undefined;
      let args: Record<string, unknown>;
      try {
        args = getArgumentValues(def as GraphQLField<unknown, unknown>, nodes[0]);
      } catch {
        return undefined;
      }
      // The engine's list resolvers are async when `where` has a JSONata predicate; below the
      // root that would abandon every run, so such a query is left to graphql from the start.
      if (type !== this.schema.getQueryType() && hasJsonataWhere(args)) return undefined;
      steps.push({ key, name, resolve: def.resolve as Resolver | undefined, args, info, complete });
    }
    return steps;
  }

  /** Completion for a value of `type` in the field `info` describes (the spec's CompleteValue). */
  private completer(type: GraphQLOutputType, nodes: FieldNode[], info: GraphQLResolveInfo): Complete | undefined {
    if (isNonNullType(type)) {
      const inner = this.completer(type.ofType, nodes, info);
      if (!inner) return undefined;
      const complete: Complete = (value, context) => {
        if (value == null) throw BAIL;
        return inner(value, context);
      };
      // A value that passes the inner fast test is not null either.
      const test = fastTests.get(inner);
      if (test) fastTests.set(complete, test);
      nonNullInner.set(complete, inner);
      return complete;
    }
    if (isListType(type)) {
      const item = this.completer(type.ofType, nodes, info);
      if (!item) return undefined;
      const complete: Complete = (value, context) => {
        if (value == null) return null;
        if (!Array.isArray(value)) throw BAIL;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = item(value[i], context);
        return out;
      };
      listItems.set(complete, item);
      return complete;
    }
    if (isLeafType(type)) {
      const complete: Complete = (value) => {
        if (value == null) return null;
        const serialized = type.serialize(value);
        if (serialized == null) throw BAIL;
        return serialized;
      };
      const test = SELF_SERIALIZING.get(type);
      if (test) fastTests.set(complete, test);
      return complete;
    }
    if (isAbstractType(type)) return this.abstractCompleter(type, nodes, info);
    if (isObjectType(type)) {
      if (type.isTypeOf) return undefined;
      const steps = this.fields(type, nodes.map((n) => n.selectionSet));
      return steps && objectCompleter(steps);
    }
    return undefined;
  }

  /** An interface or union: each runtime type's steps are planned the first time it is met. */
  private abstractCompleter(type: GraphQLAbstractType, nodes: FieldNode[], info: GraphQLResolveInfo): Complete | undefined {
    const resolveType = type.resolveType;
    if (!resolveType) return undefined;
    const byType = new Map<string, Complete | null>();
    return (value, context) => {
      if (value == null) return null;
      const name = resolveType(value, context, info, type);
      if (typeof name !== 'string') throw BAIL;
      let complete = byType.get(name);
      if (complete === undefined) {
        const runtime = this.schema.getType(name);
        const steps =
          isObjectType(runtime) && this.schema.isSubType(type, runtime) && !runtime.isTypeOf
            ? this.fields(runtime, nodes.map((n) => n.selectionSet))
            : undefined;
        byType.set(name, (complete = steps ? objectCompleter(steps) : null));
      }
      if (!complete) throw BAIL;
      return complete(value, context);
    };
  }

  /**
   * What a resolver is told about the field. The engine's resolvers read `fieldNodes` and
   * `parentType`; `path` is the field's key alone, as the plan keeps no per-item paths.
   */
  private info(parentType: GraphQLObjectType, fieldName: string, fieldNodes: FieldNode[], returnType: GraphQLOutputType): GraphQLResolveInfo {
    return {
      fieldName,
      fieldNodes,
      returnType,
      parentType,
      path: { prev: undefined, key: fieldNodes[0].alias?.value ?? fieldName, typename: parentType.name },
      schema: this.schema,
      fragments: this.fragmentRecord,
      rootValue: undefined,
      operation: this.operation,
      variableValues: {},
    };
  }
}

/** A root step's list split into its resolver's value and its items' completion (see QueryPlan). */
function rootList(step: FieldStep): RootList | undefined {
  const inner = nonNullInner.get(step.complete);
  const item = listItems.get(inner ?? step.complete);
  const resolve = step.resolve;
  if (!item || !resolve) return undefined;
  return {
    async sources(context) {
      try {
        let value = resolve(undefined, step.args, context, step.info);
        if (isThenable(value)) value = await value;
        if (value == null) return inner ? FALL_BACK : null;
        return Array.isArray(value) ? value : FALL_BACK;
      } catch (error) {
        return fallBack(error);
      }
    },
    complete(sources, start, end, context) {
      try {
        const out = new Array<unknown>(end - start);
        for (let i = start; i < end; i++) out[i - start] = item(sources[i], context);
        return out;
      } catch (error) {
        return fallBack(error);
      }
    },
  };
}

/**
 * Builds one result object per source: a function generated for the selection, so the result
 * is an object literal with the selection's keys (one hidden class per selection) and each field
 * is a direct property read or a resolver call. Values of the built-in scalars that serialize to
 * themselves (a string for String/ID, a boolean, a finite number for Float, a 32-bit integer for
 * Int) skip the call to `serialize`.
 */
function objectCompleter(steps: FieldStep[]): Complete {
  const lines: string[] = [];
  const fields: string[] = [];
  steps.forEach((step, i) => {
    const v = `v${i}`;
    if (step.typename !== undefined) {
      fields.push(`${JSON.stringify(step.key)}: s[${i}].typename`);
      return;
    }
    if (step.resolve) {
      lines.push(`const ${v} = s[${i}].resolve(source, s[${i}].args, context, s[${i}].info);`, `if (isThenable(${v})) bail(${v});`);
    } else {
      lines.push(`const ${v} = source[${JSON.stringify(step.name)}];`, `if (typeof ${v} === 'function') bail();`);
    }
    const fast = fastTests.get(step.complete);
    const completed = `s[${i}].complete(${v}, context)`;
    fields.push(`${JSON.stringify(step.key)}: ${fast ? `(${fast(v)} ? ${v} : ${completed})` : completed}`);
  });
  const body = [
    `function build(source, context, s) {`,
    `if (source == null) return null;`,
    `if (typeof source !== 'object' || typeof source.then === 'function') bail();`,
    ...lines,
    `return { ${fields.join(', ')} };`,
    `}`,
    // The steps are an argument, not a variable of the instance: a nested selection of the same
    // shape runs the same function mid-call, with its own steps.
    `return (s) => (source, context) => build(source, context, s);`,
  ].join('\n');
  return programInstance<(s: FieldStep[]) => Complete>(['isThenable', 'bail'], body, [isThenable, bail])(steps);
}

/** Abandons the run; a pending resolver result is told its rejection is handled. */
function bail(pending?: PromiseLike<unknown>): never {
  pending?.then(undefined, ignore);
  throw BAIL;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { then?: unknown }).then === 'function';
}

function hasJsonataWhere(args: Record<string, unknown>): boolean {
  const where = args.where as { jsonata?: unknown } | null | undefined;
  return typeof where?.jsonata === 'string';
}

function ignore(): void {}

function identity(value: unknown): unknown {
  return value;
}
