import { isEnumType, isScalarType, type GraphQLSchema } from 'graphql';
import type { SchemaModel, FieldModel } from '../schema/type-model.js';
import { AssayError } from '../errors/assay-error.js';
import {
  listFilterTypeName,
  scalarFilterTypeName,
  WHERE_KEYWORDS,
  whereTypeName,
} from './filter-type-names.js';

/** Scalars that order (lt/gt) and those that are text (contains/startsWith/matches). */
const UNORDERED = new Set(['Boolean', 'JSON']);
const NON_TEXT = new Set(['Int', 'Float', 'Boolean', 'JSON']);
const ALWAYS = ['String', 'Int', 'Float', 'Boolean', 'ID'];

/**
 * Generates the SDL of every filter input type from the schema: one `<Scalar>Filter` and
 * `<Scalar>ListFilter` per scalar and enum, one `<Type>Where` and `<Type>ListFilter` per object
 * and interface type. Adding a type to the SDL therefore needs no filter code.
 */
export function generateFilterSdl(schema: GraphQLSchema, model: SchemaModel): string {
  const out: string[] = [];
  const scalars = new Set(ALWAYS);
  const enums = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isScalarType(type)) scalars.add(type.name);
    else if (isEnumType(type)) enums.add(type.name);
  }

  for (const scalar of scalars) {
    const ops = [
      `eq: ${scalar}`,
      `ne: ${scalar}`,
      `in: [${scalar}!]`,
      `nin: [${scalar}!]`,
    ];
    if (!UNORDERED.has(scalar)) ops.push(`lt: ${scalar}`, `lte: ${scalar}`, `gt: ${scalar}`, `gte: ${scalar}`);
    if (!NON_TEXT.has(scalar)) ops.push('contains: String', 'startsWith: String', '"A JavaScript regular expression." matches: String');
    ops.push('isNull: Boolean');
    out.push(input(scalarFilterTypeName(scalar), `Conditions on a ${scalar} value; all given must hold.`, ops));
    out.push(listFilter(scalar, scalarFilterTypeName(scalar)));
  }
  for (const name of enums) {
    out.push(
      input(scalarFilterTypeName(name), `Conditions on a ${name} value; all given must hold.`, [
        `eq: ${name}`, `ne: ${name}`, `in: [${name}!]`, `nin: [${name}!]`, 'isNull: Boolean',
      ]),
    );
    out.push(listFilter(name, scalarFilterTypeName(name)));
  }

  for (const type of model.values()) {
    const fields: string[] = [];
    for (const field of type.fields.values()) {
      if ((WHERE_KEYWORDS as readonly string[]).includes(field.name)) {
        throw new AssayError(
          'SCHEMA_INVALID',
          `Field ${type.name}.${field.name} uses a name reserved by where-filters (${WHERE_KEYWORDS.join(', ')}).`,
        );
      }
      fields.push(`${field.name}: ${fieldFilterType(field)}`);
    }
    const where = whereTypeName(type.name);
    fields.push(
      `"All of these hold." and: [${where}!]`,
      `"At least one of these holds." or: [${where}!]`,
      `"This does not hold." not: ${where}`,
      `"A JSONata predicate, run once over the whole list (top level of a where argument only)." jsonata: String`,
      `"The value itself is (not) null." isNull: Boolean`,
    );
    out.push(input(where, `Conditions on a ${type.name}; all given must hold.`, fields));
    out.push(listFilter(type.name, where));
  }
  return out.join('\n\n');
}

/** The filter input type a field takes inside its parent's `...Where`. */
export function fieldFilterType(field: FieldModel): string {
  if (field.kind === 'scalar') {
    return field.list ? listFilterTypeName(field.typeName) : scalarFilterTypeName(field.typeName);
  }
  return field.list ? listFilterTypeName(field.typeName) : whereTypeName(field.typeName);
}

/** The type of the `where:` argument on a list field of the given element type. */
export function whereArgumentType(elementTypeName: string, elementIsScalar: boolean): string {
  return elementIsScalar ? scalarFilterTypeName(elementTypeName) : whereTypeName(elementTypeName);
}

function listFilter(typeName: string, itemFilter: string): string {
  return input(listFilterTypeName(typeName), `Quantifiers over a list of ${typeName}.`, [
    `"At least one item matches." some: ${itemFilter}`,
    `"No item matches (an empty list matches)." none: ${itemFilter}`,
    `"Every item matches (an empty list matches)." every: ${itemFilter}`,
    '"The list is (not) empty." isEmpty: Boolean',
    '"Conditions on the number of items." length: IntFilter',
  ]);
}

function input(name: string, description: string, fields: string[]): string {
  return `"${description}"\ninput ${name} {\n  ${fields.join('\n  ')}\n}`;
}
