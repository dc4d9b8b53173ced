import { RE2JS } from 're2js';
import { AssayError } from '../errors/assay-error.js';

/**
 * Regular expressions of check files, run in linear time. A check is third-party code, and V8's
 * backtracking engine can take exponential time in one exec (`/(a+)+$/` on 30 characters: 30 s)
 * that no timeout interrupts. RE2JS (a pure-JavaScript RE2 port, no native build) matches in time
 * linear in the input. It rejects what needs backtracking (lookaround, backreferences) — with one
 * exception, a form the CIS pack uses to AND keyword searches, which is exactly a boolean
 * combination of linear searches (see lookaheadFormula).
 *
 * JavaScript meanings are kept where RE2 differs: `\s` is JavaScript's whitespace set and `.`
 * excludes \r, U+2028 and U+2029 as well as \n.
 */

/** Raised when a pattern is malformed or cannot run in linear time. */
export class LinearRegexError extends AssayError {
  constructor(pattern: string, flags: string, reason: string) {
    super('REGEX_INVALID', `Regular expression /${pattern}/${flags} ${reason}`);
  }
}

/** Flags a check regex may carry: g (JSONata adds it), i, m, s, u. */
const SUPPORTED_FLAGS = /^[gimsu]*$/;

/** JavaScript's \s (ECMAScript WhiteSpace and LineTerminator), as class members. */
const JS_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** A compiled test over a whole string: an RE2 search, or a boolean formula of searches. */
type Formula =
  | { kind: 'search'; re: RE2JS; negated: boolean }
  | { kind: 'all' | 'any'; items: Formula[] };

interface Compiled {
  /** The RE2 program of the whole pattern, when it is plain RE2. */
  re?: RE2JS;
  /** The lookahead form's formula (the match is then empty, at index 0). */
  formula?: Formula;
}

/** Compiled patterns by flags and source: JSONata constructs its regex engine at every evaluation. */
const cache = new Map<string, Compiled>();
const CACHE_LIMIT = 2000;

/** A RegExp work-alike (exec, test, lastIndex) that runs in linear time; JSONata's `RegexEngine`. */
export class LinearRegExp {
  readonly source: string;
  readonly flags: string;
  readonly global: boolean;
  lastIndex = 0;
  private readonly compiled: Compiled;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    this.global = this.flags.includes('g');
    this.compiled = compile(this.source, this.flags);
  }

  /** Whether the pattern matches anywhere in `input` (stateless: lastIndex is neither read nor set). */
  test(input: string): boolean {
    const { re, formula } = this.compiled;
    return re ? re.test(input) : holds(formula!, input);
  }

  /** As RegExp.prototype.exec: with `g`, searches from lastIndex and moves it past the match. */
  exec(input: string): RegExpExecArray | null {
    const from = this.global ? this.lastIndex : 0;
    const found = from <= input.length ? this.search(input, from) : null;
    if (this.global) this.lastIndex = found ? found.index + found[0].length : 0;
    return found;
  }

  private search(input: string, from: number): RegExpExecArray | null {
    const { re, formula } = this.compiled;
    if (!re) {
      // `^(?=...)...`: an empty match at the start, if the formula holds.
      return from === 0 && holds(formula!, input) ? execArray([''], 0, input) : null;
    }
    const matcher = re.matcher(input);
    if (!matcher.find(from)) return null;
    const parts: Array<string | undefined> = [];
    for (let group = 0; group <= matcher.groupCount(); group++) parts.push(matcher.group(group) ?? undefined);
    return execArray(parts, matcher.start(), input);
  }
}

function execArray(parts: Array<string | undefined>, index: number, input: string): RegExpExecArray {
  return Object.assign(parts, { index, input, groups: undefined }) as unknown as RegExpExecArray;
}

function holds(formula: Formula, input: string): boolean {
  switch (formula.kind) {
    case 'search':
      return formula.re.test(input) !== formula.negated;
    case 'all':
      return formula.items.every((f) => holds(f, input));
    case 'any':
      return formula.items.some((f) => holds(f, input));
  }
}

function compile(source: string, flags: string): Compiled {
  const key = `${flags}/${source}`;
  let compiled = cache.get(key);
  if (compiled) return compiled;
  if (!SUPPORTED_FLAGS.test(flags)) throw new LinearRegexError(source, flags, 'has a flag other than g, i, m, s, u.');
  try {
    compiled = { re: re2(source, flags) };
  } catch (error) {
    const formula = flags.includes('m') ? undefined : lookaheadFormula(source, flags);
    if (!formula) throw new LinearRegexError(source, flags, `cannot be used: ${reasonOf(error)}. Check regexes run on RE2 (linear time): no lookaround or backreferences.`);
    compiled = { formula };
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, compiled);
  return compiled;
}

function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
}

function re2(source: string, flags: string): RE2JS {
  let mask = 0;
  if (flags.includes('i')) mask |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) mask |= RE2JS.MULTILINE;
  if (flags.includes('s')) mask |= RE2JS.DOTALL;
  return RE2JS.compile(RE2JS.translateRegExp(withJavaScriptClasses(source, flags.includes('s'))), mask);
}

/** Rewrites `\s`, `\S` and `.` to the sets JavaScript gives them (RE2's are narrower or wider). */
function withJavaScriptClasses(source: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\' && i + 1 < source.length) {
      const next = source[++i];
      if (next === 's') out += inClass ? JS_SPACE : `[${JS_SPACE}]`;
      // Inside a class RE2's \S stays (a superset of JavaScript's: `[\s\S]` is still everything).
      else if (next === 'S' && !inClass) out += `[^${JS_SPACE}]`;
      else out += ch + next;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      // JavaScript's `[]` matches nothing and `[^]` anything (in RE2 a `]` first is a member).
      if (source.startsWith('[]', i)) {
        out += '[^\\x00-\\x{10FFFF}]';
        i += 1;
      } else if (source.startsWith('[^]', i)) {
        out += '[\\x00-\\x{10FFFF}]';
        i += 2;
      } else {
        inClass = true;
        out += ch;
      }
    } else if (ch === '.' && !dotAll) {
      out += '[^\\n\\r\\u2028\\u2029]';
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * The lookahead form `^` followed by `(?=[\s\S]*X)`, `(?![\s\S]*X)` and non-capturing groups of
 * alternatives of these, X plain RE2: at index 0, `(?=[\s\S]*X)` holds exactly when X matches
 * somewhere in the input. So the pattern is a boolean formula of linear searches for X.
 * Undefined when the source has any other shape.
 */
function lookaheadFormula(source: string, flags: string): Formula | undefined {
  if (!source.startsWith('^')) return undefined;
  let pos = 1;
  const fail = (): never => {
    throw new Error('not the lookahead form');
  };
  const sequence = (): Formula => {
    const items: Formula[] = [];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') items.push(item());
    return { kind: 'all', items };
  };
  const item = (): Formula => {
    const head = source.slice(pos, pos + 3);
    if (head === '(?=' || head === '(?!') {
      pos += 3;
      const prefix = ['[\\s\\S]*', '[^]*'].find((p) => source.startsWith(p, pos)) ?? fail();
      pos += prefix.length;
      const body = balanced();
      return { kind: 'search', re: re2(body, flags), negated: head === '(?!' };
    }
    if (head === '(?:') {
      pos += 3;
      const alternatives = [sequence()];
      while (source[pos] === '|') {
        pos++;
        alternatives.push(sequence());
      }
      if (source[pos++] !== ')') fail();
      return { kind: 'any', items: alternatives };
    }
    return fail();
  };
  /** The text up to the `)` closing the current group; leaves pos after it. */
  const balanced = (): string => {
    const start = pos;
    let depth = 0;
    let inClass = false;
    for (; pos < source.length; pos++) {
      const ch = source[pos];
      if (ch === '\\') pos++;
      else if (inClass) inClass = ch !== ']';
      else if (ch === '[') inClass = true;
      else if (ch === '(') depth++;
      else if (ch === ')' && depth-- === 0) return source.slice(start, pos++);
    }
    return fail();
  };
  try {
    const formula = sequence();
    return pos === source.length ? formula : undefined;
  } catch {
    return undefined;
  }
}
