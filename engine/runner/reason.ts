import type { ReasonTemplate } from '../checks/check-definition.js';
import { asArray, mapFast, needsInterpreter, JSONATA_CHUNK } from '../jsonata/guarded-jsonata.js';

/**
 * Renders one reason per violating item. Templates substitute `{{path.to.field}}`; a JSONata
 * reason runs once over all items (`$map`), not once per item.
 */
export async function renderReasons(template: ReasonTemplate | undefined, items: unknown[], fallback: (item: unknown) => string): Promise<string[]> {
  if (!template) return items.map(fallback);
  if (template.kind === 'template') {
    return items.map((item) => template.text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => stringify(lookup(item, path))));
  }
  if (template.perItem?.fast) {
    try {
      return mapFast(template.perItem, items, (value, item) => (typeof value === 'string' && value ? value : fallback(item)));
    } catch (error) {
      if (!needsInterpreter(error)) throw error;
    }
  }
  const reasons: string[] = [];
  for (let start = 0; start < items.length; start += JSONATA_CHUNK) {
    const chunk = items.slice(start, start + JSONATA_CHUNK);
    const results = asArray(await template.expression.evaluate(chunk));
    chunk.forEach((item, i) => {
      const value = (results[i] as { reason?: unknown } | undefined)?.reason;
      reasons.push(typeof value === 'string' && value ? value : fallback(item));
    });
  }
  return reasons;
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
