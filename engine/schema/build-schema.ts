import {
  buildASTSchema,
  concatAST,
  GraphQLError,
  isEnumType,
  isScalarType,
  Kind,
  parse,
  printSchema,
  Source,
  visit,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type InputValueDefinitionNode,
  type TypeNode,
} from 'graphql';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { AssayError } from '../errors/assay-error.js';
import { buildSchemaModel, type SchemaModel } from './type-model.js';
import { buildResolvers } from './resolvers.js';
import { generateFilterSdl, whereArgumentType } from '../filters/generate-filter-sdl.js';
import { DEFAULT_JSONATA_LIMITS, type JsonataLimits } from '../jsonata/guarded-jsonata.js';
import type { SdlSource } from './sdl-source.js';
import { GraphQLJSON, GraphQLDateTime } from './scalars.js';

export interface BuildSchemaOptions {
  /** SDL documents: a core with the asset interface, plus provider types. */
  sdl: SdlSource[];
  /** Shared fragments (e.g. AssetFragment) checks may spread without declaring. */
  fragments?: SdlSource[];
  /** Name of the interface every asset implements. Default `Asset`. */
  assetInterface?: string;
  jsonataLimits?: JsonataLimits;
}

/** An executable schema with its model and the fragments checks may use. */
export interface AssaySchema {
  schema: GraphQLSchema;
  model: SchemaModel;
  /** Shared fragment definitions by name, with their source text. */
  fragments: Map<string, { source: SdlSource; text: string }>;
  assetInterface: string;
  jsonataLimits: JsonataLimits;
  /** The SDL as served (with generated filter types). */
  printSdl(): string;
}

/**
 * Builds the executable schema: parses the SDL (errors name file:line:col), generates the
 * where-filter input types and `where:` arguments from it, and attaches generic resolvers.
 */
export function buildAssaySchema(options: BuildSchemaOptions): AssaySchema {
  const assetInterface = options.assetInterface ?? 'Asset';
  const jsonataLimits = options.jsonataLimits ?? DEFAULT_JSONATA_LIMITS;
  const documents = options.sdl.map((s) => parseSdl(s));
  const document = concatAST(documents);

  let base: GraphQLSchema;
  try {
    base = buildASTSchema(document);
  } catch (error) {
    throw schemaError(error, options.sdl);
  }
  if (!base.getType(assetInterface)) {
    throw new AssayError('SCHEMA_INVALID', `The schema has no "${assetInterface}" interface for assets to implement.`);
  }
  const baseModel = buildSchemaModel(base, assetInterface);
  const filterSdl = generateFilterSdl(base, baseModel);
  const withWhere = addWhereArguments(document, base);

  let schema: GraphQLSchema;
  let model: SchemaModel;
  try {
    const scalarResolvers: Record<string, unknown> = {};
    if (base.getType('JSON')) scalarResolvers.JSON = GraphQLJSON;
    if (base.getType('DateTime')) scalarResolvers.DateTime = GraphQLDateTime;
    const built = buildASTSchema(concatAST([withWhere, parse(filterSdl)]));
    model = buildSchemaModel(built, assetInterface);
    // The resolvers go onto the schema just built (in place): given SDL, makeExecutableSchema
    // would build it again and then copy it, a quarter of a CLI command's schema time.
    schema = makeExecutableSchema({
      typeDefs: built,
      resolvers: { ...scalarResolvers, ...buildResolvers(built, model, jsonataLimits) } as never,
      resolverValidationOptions: { requireResolversToMatchSchema: 'ignore' },
      updateResolversInPlace: true,
    });
  } catch (error) {
    throw schemaError(error, options.sdl);
  }
  const fragments = collectFragments(options.fragments ?? []);
  return {
    schema,
    model,
    fragments,
    assetInterface,
    jsonataLimits,
    printSdl: () => printSchema(schema),
  };
}

function parseSdl(source: SdlSource): DocumentNode {
  try {
    return parse(new Source(source.body, source.name));
  } catch (error) {
    throw schemaError(error, [source]);
  }
}

/** Adds `where:` to every list field of an object or interface type that lacks one. */
function addWhereArguments(document: DocumentNode, base: GraphQLSchema): DocumentNode {
  return visit(document, {
    FieldDefinition(node: FieldDefinitionNode) {
      if (!isListTypeNode(node.type)) return undefined;
      if (node.arguments?.some((a) => a.name.value === 'where')) return undefined;
      const named = base.getType(namedTypeName(node.type));
      if (!named) return undefined;
      const scalar = isScalarType(named) || isEnumType(named);
      const where: InputValueDefinitionNode = {
        kind: Kind.INPUT_VALUE_DEFINITION,
        name: { kind: Kind.NAME, value: 'where' },
        description: { kind: Kind.STRING, value: 'Keep only the items matching these conditions.' },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: whereArgumentType(named.name, scalar) } },
      };
      return { ...node, arguments: [...(node.arguments ?? []), where] };
    },
  });
}

function isListTypeNode(type: TypeNode): boolean {
  return type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && type.type.kind === Kind.LIST_TYPE);
}

function namedTypeName(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeName(type.type);
}

function collectFragments(sources: SdlSource[]): AssaySchema['fragments'] {
  const out: AssaySchema['fragments'] = new Map();
  for (const source of sources) {
    const document = parseSdl(source);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION || !definition.loc) continue;
      out.set(definition.name.value, { source, text: source.body.slice(definition.loc.start, definition.loc.end) });
    }
  }
  return out;
}

function schemaError(error: unknown, sources: SdlSource[]): AssayError {
  if (error instanceof AssayError) return error;
  if (error instanceof GraphQLError) {
    const location = error.locations?.[0];
    const sourceName = error.source?.name;
    const source = sources.find((s) => s.name === sourceName) ?? (sources.length === 1 ? sources[0] : undefined);
    return new AssayError('SCHEMA_INVALID', error.message, {
      file: source?.name,
      line: location?.line,
      column: location?.column,
      source: source?.body,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AssayError('SCHEMA_INVALID', message, { cause: error });
}
