import { escapeControlChars } from '../../engine/report/control-chars.js';

/**
 * Cloud-provided text (resource names, tags, error messages) is untrusted: control characters
 * and ANSI escapes could rewrite the terminal. Render them visibly instead (the same escapes as
 * the markdown and CSV reports).
 */
export function safeText(value: unknown): string {
  return escapeControlChars(value == null ? '' : String(value));
}

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export function colors(enabled: boolean): Colors {
  if (!enabled) {
    const id = (s: string) => s;
    return { red: id, yellow: id, green: id, dim: id, bold: id };
  }
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
