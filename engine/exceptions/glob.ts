/**
 * Exception globs: `*` any text (including `/` and `:`, which asset ids are full of), `?` one
 * character, matched against the whole string. Matched by a scan with one saved `*` position,
 * not a RegExp: `[\s\S]*` per star made V8's backtracking exponential in the stars (a 5,000-star
 * glob took 52 s); this takes at most glob length x text length steps.
 */

/** The most characters and stars an exceptions file's glob may have (exceptions-file.ts checks). */
export const MAX_GLOB_LENGTH = 1024;
export const MAX_GLOB_STARS = 16;

export interface Glob {
  test(text: string): boolean;
}

export function compileGlob(glob: string): Glob {
  if (!glob.includes('*') && !glob.includes('?')) return { test: (text) => text === glob };
  return { test: (text) => globMatches(glob, text) };
}

/** Wildcard match with backtracking to the last `*` only (what it matched grows one at a time). */
export function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let starText = 0;
  while (t < text.length) {
    const c = glob[g];
    if (c === '*') {
      star = g++;
      starText = t;
    } else if (g < glob.length && (c === '?' || c === text[t])) {
      g++;
      t++;
    } else if (star >= 0) {
      g = star + 1;
      t = ++starText;
    } else {
      return false;
    }
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}
