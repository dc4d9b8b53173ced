import {
  getNamedType,
  getNullableType,
  isListType,
  print,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { Asset } from '../graph/asset.js';
import type { AssetGraph } from '../graph/asset-graph.js';
import type { SchemaModel, TypeModel } from './type-model.js';
import { compileWhere, type CompiledWhere } from '../filters/compile-where.js';
import { JsonataListFilter } from '../filters/jsonata-list-filter.js';
import { containsVariable } from './contains-variable.js';
import type { JsonataLimits } from '../jsonata/guarded-jsonata.js';

/** What every resolver reads: the graph the query runs over. */
export interface QueryContext {
  graph: AssetGraph;
  /**
   * Root lists already computed in this scan, by field and literal arguments: checks that select
   * the same assets the same way, whatever fields they then read, share one traversal and one
   * filter run (a check's scope query and its own query, say; checks asking the very same
   * question share more, one level up: runner/shared-queries.ts). The runner passes one per scan
   * (the graph does not change during it); absent, nothing is shared.
   */
  sharedLists?: Map<string, unknown>;
}

type Resolver = GraphQLFieldResolver<unknown, QueryContext, Record<string, unknown>>;
type ResolverMap = Record<string, Record<string, Resolver> | { __resolveType: (value: unknown) => string | undefined }>;

/**
 * Generic resolvers, built from the schema model, never hand-written per field:
 * - root list fields list the graph's assets of the field's type (or its implementations);
 * - edge fields (whose type is an asset type) follow graph edges labelled with the field name;
 * - every list field applies its `where:` argument, compiled once per query field node;
 * - anything else is a plain property read (graphql-js' default resolver).
 * All are synchronous except a list whose where has a `jsonata` predicate.
 */
export function buildResolvers(schema: GraphQLSchema, model: SchemaModel, limits: JsonataLimits): ResolverMap {
  const filters = new WhereCache(model);
  const jsonata = new JsonataListFilter(limits);
  const map: ResolverMap = {};

  const finish = (list: readonly unknown[], where: CompiledWhere, graph: AssetGraph): unknown[] | Promise<unknown[]> => {
    const kept = where.predicate === ALL ? list.slice() : list.filter((v) => where.predicate(v, graph));
    return where.jsonata ? jsonata.apply(where.jsonata, kept) : kept;
  };

  const query = schema.getQueryType();
  if (query) {
    const fields: Record<string, Resolver> = {};
    for (const field of Object.values(query.getFields())) {
      const element = model.get(getNamedType(field.type).name);
      if (!element?.isAsset) continue;
      const isList = isListType(getNullableType(field.type));
      if (isList) {
        fields[field.name] = (_source, args, ctx, info) => {
          const key = ctx.sharedLists && filters.literalKey(info);
          if (key !== undefined && ctx.sharedLists!.has(key)) return ctx.sharedLists!.get(key);
          const where = filters.get(info, element.name, args.where as Record<string, unknown> | undefined);
          const type = typeof args.type === 'string' ? args.type : undefined;
          const list = finish(assetsOf(ctx.graph, element, type), where, ctx.graph);
          if (key !== undefined) ctx.sharedLists!.set(key, list);
          return list;
        };
      } else if (field.args.some((a) => a.name === 'id')) {
        fields[field.name] = (_source, args, ctx) => {
          const asset = ctx.graph.getAsset(String(args.id));
          return asset && element.possibleTypes.includes(asset.type) ? asset : null;
        };
      }
    }
    map[query.name] = fields;
  }

  for (const type of model.values()) {
    if (type.abstract) {
      map[type.name] = { __resolveType: resolveAssetType };
      continue;
    }
    const fields: Record<string, Resolver> = {};
    for (const field of type.fields.values()) {
      const name = field.name;
      if (field.kind === 'edge') {
        if (field.list) {
          fields[name] = (source, args, ctx, info) =>
            finish(ctx.graph.targets((source as Asset).id, name), filters.get(info, field.typeName, args.where as never), ctx.graph);
        } else {
          fields[name] = (source, _args, ctx) => ctx.graph.target((source as Asset).id, name);
        }
      } else if (field.list) {
        const element = field.typeName;
        fields[name] = (source, args, ctx, info) => {
          const value = (source as Record<string, unknown>)[name];
          if (!Array.isArray(value)) return value ?? null;
          if (args.where == null) return value;
          return finish(value, filters.get(info, element, args.where as never), ctx.graph);
        };
      }
    }
    if (Object.keys(fields).length) map[type.name] = fields;
  }
  return map;
}

/** Assets name their GraphQL type in `type`; plain objects may use `__typename`. */
function resolveAssetType(value: unknown): string | undefined {
  const v = value as { type?: unknown; __typename?: unknown };
  return typeof v.type === 'string' ? v.type : typeof v.__typename === 'string' ? v.__typename : undefined;
}

const ALL = compileWhere(new Map(), '', undefined).predicate;

function assetsOf(graph: AssetGraph, type: TypeModel, only?: string): readonly Asset[] {
  if (only) return type.possibleTypes.includes(only) ? graph.assetsOfType(only) : [];
  if (!type.abstract) return graph.assetsOfType(type.name);
  const out: Asset[] = [];
  for (const name of type.possibleTypes) for (const asset of graph.assetsOfType(name)) out.push(asset);
  return out;
}

/**
 * Compiled where-filters per query field node: a check's query is parsed once, so its literal
 * where arguments compile once however many parents the field resolves under. Arguments that
 * use variables compile per call.
 */
class WhereCache {
  private readonly byNode = new WeakMap<FieldNode, CompiledWhere>();
  private readonly hasVariables = new WeakMap<FieldNode, boolean>();
  private readonly keys = new WeakMap<FieldNode, string | null>();

  /**
   * The field and its arguments as text (`alibabaEcsDisks(where: {...})`), when they are all
   * literals: the same text selects the same list. Undefined when an argument uses a variable.
   */
  literalKey(info: GraphQLResolveInfo): string | undefined {
    const node = info.fieldNodes[0];
    let key = this.keys.get(node);
    if (key === undefined) {
      key = this.usesVariables(node) ? null : `${info.parentType.name}.${node.name.value}(${(node.arguments ?? []).map((a) => print(a)).join(', ')})`;
      this.keys.set(node, key);
    }
    return key ?? undefined;
  }

  constructor(private readonly model: SchemaModel) {}

  get(info: GraphQLResolveInfo, typeName: string, where: Record<string, unknown> | undefined): CompiledWhere {
    const node = info.fieldNodes[0];
    const cached = this.byNode.get(node);
    if (cached) return cached;
    const compiled = compileWhere(this.model, typeName, where);
    if (!this.usesVariables(node)) this.byNode.set(node, compiled);
    return compiled;
  }

  private usesVariables(node: FieldNode): boolean {
    let known = this.hasVariables.get(node);
    if (known === undefined) this.hasVariables.set(node, (known = (node.arguments ?? []).some(containsVariable)));
    return known;
  }
}
