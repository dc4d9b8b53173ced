/**
 * Characters that act on a terminal or hide text when a report is printed: C0 controls (ESC
 * starts escape sequences, BEL rings, NUL truncates), DEL, C1 controls (U+009B is a one-character
 * CSI) and the bidi overrides and isolates that reorder what is shown. Cloud text is
 * attacker-controlled; these become visible `\uXXXX` escapes, as the terminal table shows them.
 */
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every such character written as `\uXXXX`, except those in `keep` (e.g. CSV's line breaks). */
export function escapeControlChars(text: string, keep = ''): string {
  return text.replace(CONTROL_CHARS, (c) => (keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
