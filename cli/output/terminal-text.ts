/**
 * Cloud-provided text (resource names, tags, error messages) is untrusted: control characters
 * and ANSI escapes could rewrite the terminal. Render them visibly instead.
 */
export function safeText(value: unknown): string {
  const text = value == null ? '' : String(value);
  // C0 controls (except none), DEL, C1 controls, and bidi overrides.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
