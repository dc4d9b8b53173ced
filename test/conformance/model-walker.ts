/**
 * Validates a decoded API answer against an official Tea model, recursively: every field name must
 * be one the model declares (exact case), every value of the declared type, nesting as declared
 * (an object where the model has an array — or the reverse — is the classic XML-wrapper mistake,
 * `{ Instances: { Instance: [...] } }` vs `{ Instances: [...] }`).
 */
import { isModel, type TeaModel, type TeaType } from './tea-model.js';

export interface Mismatch {
  /** Where in the answer, e.g. `Instances.Instance[0].VpcAttributes.VpcId`. */
  path: string;
  kind: 'unknown-field' | 'wrong-type';
  message: string;
}

export interface WalkOptions {
  /**
   * The answer was decoded from XML: every leaf is a string (a number or boolean field holds its
   * text form), and a repeated element that occurs once decodes as a single object, not an array.
   */
  xml?: boolean;
  /**
   * Fields to add to (or retype in) a model, by model class name: for a package older than the
   * API (each entry must name its source where it is declared).
   */
  amend?: Record<string, Record<string, TeaType>>;
}

export interface WalkResult {
  mismatches: Mismatch[];
  /** How many field values were held to a declared type. */
  fieldsChecked: number;
}

export function walkModel(value: unknown, model: TeaModel, options: WalkOptions = {}): WalkResult {
  const result: WalkResult = { mismatches: [], fieldsChecked: 0 };
  checkModel(value, model, '', options, result);
  return result;
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const typeName = (t: TeaType): string =>
  typeof t === 'string' ? t : isModel(t) ? `object (${t.name})` : t.type === 'array' ? `array of ${typeName(t.itemType)}` : `map of ${typeName(t.valueType)}`;

function checkModel(value: unknown, model: TeaModel, path: string, options: WalkOptions, out: WalkResult): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    // An empty XML element decodes as '' — an object with no fields.
    if (options.xml && value === '') return;
    out.mismatches.push({ path: path || '(body)', kind: 'wrong-type', message: `expected an object (${model.name}), got ${describe(value)}` });
    return;
  }
  const types: Record<string, TeaType> = { ...model.types() };
  const byWire = new Map(Object.entries(model.names()).map(([prop, wire]) => [wire, prop]));
  for (const [wire, type] of Object.entries(options.amend?.[model.name] ?? {})) {
    const prop = byWire.get(wire) ?? wire;
    byWire.set(wire, prop);
    types[prop] = type;
  }
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const prop = byWire.get(key);
    const at = join(path, key);
    if (prop === undefined) {
      const sameLetters = [...byWire.keys()].find((w) => w.toLowerCase() === key.toLowerCase());
      out.mismatches.push({ path: at, kind: 'unknown-field', message: sameLetters ? `unknown field (the model spells it ${sameLetters})` : `unknown field (not in ${model.name})` });
      continue;
    }
    const type = types[prop];
    if (type !== undefined) checkValue(v, type, at, options, out);
  }
}

function checkValue(value: unknown, type: TeaType, path: string, options: WalkOptions, out: WalkResult): void {
  // Absent and null are the same to the SDK (a field the service left out).
  if (value === null || value === undefined) return;
  // pop-core decodes with json-bigint: an integer of 16+ digits (an account id) arrives as a BigNumber.
  if (typeof type === 'string' && isBigNumber(value)) {
    out.fieldsChecked++;
    if (!['number', 'integer', 'long'].includes(type)) out.mismatches.push({ path, kind: 'wrong-type', message: `expected ${type}, got a number` });
    return;
  }
  if (isModel(type)) return checkModel(value, type, path, options, out);
  if (typeof type === 'object') {
    if (type.type === 'array') {
      const items = Array.isArray(value) ? value : options.xml && typeof value === 'object' ? [value] : undefined;
      if (!items) {
        out.mismatches.push({ path, kind: 'wrong-type', message: `expected ${typeName(type)}, got ${describe(value)}` });
        return;
      }
      items.forEach((item, i) => checkValue(item, type.itemType, `${path}[${i}]`, options, out));
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.mismatches.push({ path, kind: 'wrong-type', message: `expected ${typeName(type)}, got ${describe(value)}` });
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) checkValue(v, type.valueType, `${path}.${k}`, options, out);
    return;
  }
  out.fieldsChecked++;
  if (!primitiveMatches(value, type, options)) out.mismatches.push({ path, kind: 'wrong-type', message: `expected ${type}, got ${describe(value)}` });
}

const isBigNumber = (v: unknown): boolean => typeof v === 'object' && v !== null && (v as { _isBigNumber?: unknown })._isBigNumber === true;

function primitiveMatches(value: unknown, type: string, options: WalkOptions): boolean {
  const text = options.xml && typeof value === 'string' ? value : undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
    case 'integer':
    case 'long':
    case 'float':
      return typeof value === 'number' || (text !== undefined && text.trim() !== '' && Number.isFinite(Number(text)));
    case 'boolean':
      return typeof value === 'boolean' || text === 'true' || text === 'false';
    default:
      // 'any', streams, buffers: nothing to hold the value to.
      return true;
  }
}
