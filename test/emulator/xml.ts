/** Minimal XML writer for OSS bodies: arrays repeat the element, null/undefined are skipped. */
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function element(name: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => element(name, v)).join('');
  if (typeof value === 'object') return `<${name}>${Object.entries(value as Record<string, unknown>).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${esc(String(value))}</${name}>`;
}

export const xmlDocument = (name: string, value: unknown): string => `<?xml version="1.0" encoding="UTF-8"?>\n${element(name, value)}`;
