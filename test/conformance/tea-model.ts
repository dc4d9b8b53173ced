/**
 * Alibaba's official SDK models (Tea / Darabonba): each generated class has static `names()`
 * (property -> wire name) and `types()` (property -> type). Only the model files are loaded, never
 * the clients, so nothing here talks to the network.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A type as `types()` spells it: a primitive name, a model class, or an array/map descriptor. */
export type TeaType = string | TeaModel | { type: 'array'; itemType: TeaType } | { type: 'map'; keyType?: TeaType; valueType: TeaType };

export interface TeaModel {
  readonly name: string;
  names(): Record<string, string>;
  types(): Record<string, TeaType>;
}

export const isModel = (t: unknown): t is TeaModel =>
  typeof t === 'function' && typeof (t as Partial<TeaModel>).names === 'function' && typeof (t as Partial<TeaModel>).types === 'function';

/** Where an official model lives: an npm package and a class it exports. */
export interface ModelRef {
  pkg: string;
  className: string;
  /** Take this property's type of the class instead (e.g. a `…Response`'s `body`). */
  property?: string;
}

/**
 * Newer SDKs (Darabonba v2) export every model from dist/models/model.js (the per-model file names
 * are mangled, e.g. DescribeDbinstanceSslresponseBody.js); older ones (oss20190517, kms20160120)
 * from the package main. The main of the newer ones would load the HTTP client too, so it is not used.
 */
export function loadModel(ref: ModelRef): TeaModel {
  let exported: unknown;
  try {
    exported = (require(`${ref.pkg}/dist/models/model.js`) as Record<string, unknown>)[ref.className];
  } catch {
    exported = (require(ref.pkg) as Record<string, unknown>)[ref.className];
  }
  if (!isModel(exported)) throw new Error(`${ref.pkg} has no model ${ref.className}`);
  if (!ref.property) return exported;
  const inner = exported.types()[ref.property];
  if (!isModel(inner)) throw new Error(`${ref.pkg} ${ref.className}.${ref.property} is not a model`);
  return inner;
}

/** The installed version of a model package, for reports. */
export const packageVersion = (pkg: string): string => (require(`${pkg}/package.json`) as { version: string }).version;
