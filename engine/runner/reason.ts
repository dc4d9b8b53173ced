import type { ReasonTemplate } from '../checks/check-definition.js';
import { asArray, mapFast, needsInterpreter, JSONATA_CHUNK } from '../jsonata/guarded-jsonata.js';

/**
 * Renders one reason per violating item, or undefined for an item its reason gives no text (the
 * caller's default reason applies). Templates substitute `{{path.to.field}}`; a JSONata reason
 * runs per item in its compiled form, or once over all items (`$map`) in the interpreter.
 */
export async function renderReasons(template: ReasonTemplate | undefined, items: unknown[]): Promise<Array<string | undefined>> {
  if (!template) return new Array<string | undefined>(items.length).fill(undefined);
  if (template.kind === 'template') {
    return items.map((item) => template.text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => stringify(lookup(item, path))));
  }
  if (template.perItem?.fast) {
    try {
      return mapFast(template.perItem, items, textOf);
    } catch (error) {
      if (!needsInterpreter(error)) throw error;
    }
  }
  const reasons: Array<string | undefined> = [];
  for (let start = 0; start < items.length; start += JSONATA_CHUNK) {
    const chunk = items.slice(start, start + JSONATA_CHUNK);
    const results = asArray(await template.expression.evaluate(chunk));
    for (let i = 0; i < chunk.length; i++) reasons.push(textOf((results[i] as { reason?: unknown } | undefined)?.reason));
  }
  return reasons;
}

/** What a reason says, as one text: equal texts render equal reasons for the same items. */
export function reasonKey(template: ReasonTemplate | undefined): string {
  if (!template) return '';
  return template.kind === 'template' ? `template:${template.text}` : `jsonata:${template.source}`;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value ? flat(value) : undefined;
}

/**
 * The same text as one string. V8 keeps `a + b` as a tree of its pieces until the text is read,
 * and a reason lives as long as the scan's result: flat, it is half the memory and one object for
 * the garbage collector to copy instead of one per piece. Reading a character flattens it.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function lookup(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const key of path.split('.')) {
    if (value == null) return undefined;
    value = key === 'length' && Array.isArray(value) ? value.length : (value as Record<string, unknown>)[key];
  }
  return value;
}

function stringify(value: unknown): string {
  if (value == null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
