import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

/**
 * How the engine sees a schema field: a scalar (or enum) value, a nested plain object stored on
 * the asset, or an edge to other assets resolved through the graph.
 */
export type FieldKind = 'scalar' | 'object' | 'edge';

export interface FieldModel {
  name: string;
  kind: FieldKind;
  list: boolean;
  /** The named GraphQL type of the field (scalar, enum, object or interface). */
  typeName: string;
}

export interface TypeModel {
  name: string;
  /** Interfaces are abstract: their values are assets of the implementing types. */
  abstract: boolean;
  /** Implements (or is) the asset interface: lives in the graph, reachable by edges. */
  isAsset: boolean;
  fields: Map<string, FieldModel>;
  /** Concrete types a value of this type can be (itself for object types). */
  possibleTypes: string[];
}

export type SchemaModel = Map<string, TypeModel>;

/** Reads the object and interface types of a schema (Query and friends excluded). */
export function buildSchemaModel(schema: GraphQLSchema, assetInterface = 'Asset'): SchemaModel {
  const model: SchemaModel = new Map();
  const rootNames = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(Boolean)
      .map((t) => t!.name),
  );
  const isAssetType = (name: string): boolean => {
    if (name === assetInterface) return true;
    const type = schema.getType(name);
    return isObjectType(type) && type.getInterfaces().some((i) => i.name === assetInterface);
  };

  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || rootNames.has(type.name)) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const fields = new Map<string, FieldModel>();
    for (const field of Object.values(type.getFields())) {
      fields.set(field.name, fieldModel(field, isAssetType));
    }
    model.set(type.name, {
      name: type.name,
      abstract: isInterfaceType(type),
      isAsset: isAssetType(type.name),
      fields,
      possibleTypes: isInterfaceType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name],
    });
  }
  return model;
}

function fieldModel(field: GraphQLField<unknown, unknown>, isAssetType: (name: string) => boolean): FieldModel {
  const named = getNamedType(field.type);
  const list = isListType(getNullableType(field.type));
  let kind: FieldKind;
  if (isScalarType(named) || isEnumType(named)) kind = 'scalar';
  else kind = isAssetType(named.name) ? 'edge' : 'object';
  return { name: field.name, kind, list, typeName: named.name };
}
