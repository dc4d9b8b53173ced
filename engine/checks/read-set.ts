import {
  getNamedType,
  isInputObjectType,
  TypeInfo,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SchemaModel } from '../schema/type-model.js';
import { containsVariable } from '../schema/contains-variable.js';
import type { Gap } from '../graph/gap.js';

/**
 * What a check reads: the asset types it lists or follows (`types`) and the `Type.field`s it
 * selects or filters on (`fields`; `Type.*` when it cannot tell, e.g. JSONata or variables).
 * A gap that touches any of them makes the check `error` instead of a possibly false `pass`.
 */
export interface ReadSet {
  types: Set<string>;
  fields: Set<string>;
}

export function emptyReadSet(): ReadSet {
  return { types: new Set(), fields: new Set() };
}

export function mergeReadSets(into: ReadSet, from: ReadSet): ReadSet {
  for (const t of from.types) into.types.add(t);
  for (const f of from.fields) into.fields.add(f);
  return into;
}

/** Walks a query with its schema's type information, including literal where-arguments. */
export function collectReads(schema: GraphQLSchema, model: SchemaModel, document: DocumentNode, reads = emptyReadSet()): ReadSet {
  const typeInfo = new TypeInfo(schema);
  // Fields read through an interface (e.g. `...AssetFragment on Asset`) are read only on the
  // implementations the query actually lists: resolved after the walk.
  const throughInterface: Array<[string, string]> = [];
  const readField = (typeName: string, field: string): void => {
    const type = model.get(typeName);
    if (!type) return;
    for (const concrete of type.possibleTypes) {
      if (type.abstract) throughInterface.push([concrete, field]);
      else reads.fields.add(`${concrete}.${field}`);
      const fieldModel = model.get(concrete)?.fields.get(field);
      if (fieldModel && fieldModel.kind === 'edge' && !type.abstract) readType(fieldModel.typeName);
    }
  };
  const readType = (typeName: string): void => {
    const type = model.get(typeName);
    if (!type?.isAsset) return;
    for (const concrete of type.possibleTypes) reads.types.add(concrete);
  };

  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (!parent || !def) return;
        const named = getNamedType(def.type).name;
        if (model.has(parent.name)) readField(parent.name, node.name.value);
        readType(named);
      },
      Argument(node: ArgumentNode) {
        const arg = typeInfo.getArgument();
        if (!arg || node.name.value !== 'where') return;
        const inputType = getNamedType(arg.type);
        if (!isInputObjectType(inputType)) return;
        const target = inputType.name.replace(/Where$/, '');
        if (!model.has(target)) return;
        if (containsVariable(node.value)) {
          readAll(target);
          return;
        }
        const value = valueFromAST(node.value, arg.type);
        if (value && typeof value === 'object') readWhere(target, value as Record<string, unknown>);
      },
    }),
  );
  for (const [concrete, field] of throughInterface) {
    if (!reads.types.has(concrete)) continue;
    reads.fields.add(`${concrete}.${field}`);
    const fieldModel = model.get(concrete)?.fields.get(field);
    if (fieldModel && fieldModel.kind === 'edge') readType(fieldModel.typeName);
  }
  return reads;

  function readAll(typeName: string): void {
    for (const concrete of model.get(typeName)?.possibleTypes ?? []) reads.fields.add(`${concrete}.*`);
    readType(typeName);
  }

  function readWhere(typeName: string, where: Record<string, unknown>): void {
    const type = model.get(typeName);
    if (!type) return;
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === 'and' || key === 'or') {
        for (const w of (value as Record<string, unknown>[]) ?? []) readWhere(typeName, w);
      } else if (key === 'not') {
        if (value) readWhere(typeName, value as Record<string, unknown>);
      } else if (key === 'jsonata') {
        readAll(typeName);
      } else if (key !== 'isNull') {
        const field = type.fields.get(key);
        if (!field) continue;
        readField(typeName, key);
        if (field.kind === 'scalar' || !value || typeof value !== 'object') continue;
        if (field.list) {
          for (const q of ['some', 'none', 'every'] as const) {
            const inner = (value as Record<string, unknown>)[q];
            if (inner && typeof inner === 'object') readWhere(field.typeName, inner as Record<string, unknown>);
          }
        } else {
          readWhere(field.typeName, value as Record<string, unknown>);
        }
      }
    }
  }
}

/** The gaps that touch what a check reads. */
export function gapsTouching(reads: ReadSet, gaps: readonly Gap[]): Gap[] {
  return gaps.filter(
    (gap) =>
      (gap.types ?? []).some((t) => reads.types.has(t)) ||
      (gap.fields ?? []).some((f) => reads.fields.has(f) || reads.fields.has(`${f.split('.')[0]}.*`) ||
        (f.endsWith('.*') && [...reads.fields].some((r) => r.startsWith(f.slice(0, -1))))),
  );
}
