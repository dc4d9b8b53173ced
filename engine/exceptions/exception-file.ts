import type { Node } from 'yaml';
import { AssayError } from '../errors/assay-error.js';
import { suggest } from '../errors/suggest.js';
import { yamlLibrary } from '../yaml/read-yaml.js';
import { ensureHeapFor } from '../errors/heap-budget.js';
import { DEFAULT_INPUT_LIMITS, megabytes, raiseHint, type InputLimits } from '../errors/input-limits.js';
import { readRegularFileSync } from '../errors/regular-file.js';
import { MAX_GLOB_LENGTH, MAX_GLOB_STARS } from './glob.js';

/** Heap an exceptions file takes per byte as a YAML document (a 50 MB file took 2.1 GB). */
const YAML_HEAP_PER_BYTE = 45;

/**
 * One accepted risk: which findings it covers (a check id, and an asset by id, glob or tags), who
 * owns it, why, and the last day it applies.
 */
export interface ExceptionEntry {
  /** Check id, or a glob such as `alibaba-cis-2.*`. */
  check: string;
  /** Asset id or glob (`*` any text, `?` one character); absent: every asset (unless tags). */
  asset?: string;
  /** Every listed tag must be on the asset with this value. */
  tags?: Record<string, string>;
  owner: string;
  reason: string;
  /** YYYY-MM-DD: the exception applies through the end of this day (UTC). */
  expires: string;
  ticket?: string;
  /** file:line of the entry. */
  source: string;
}

const KEYS = ['check', 'asset', 'tags', 'owner', 'reason', 'expires', 'ticket'] as const;
const REQUIRED = ['check', 'owner', 'reason', 'expires'] as const;

/**
 * Reads an exceptions file: YAML, `exceptions:` holding a list of entries. Every problem is an
 * EXCEPTIONS_INVALID error naming file:line; all of a file's problems are reported together.
 */
export function readExceptionsFile(path: string, limits: Pick<InputLimits, 'maxExceptionsBytes'> = DEFAULT_INPUT_LIMITS): ExceptionEntry[] {
  // A regular file within --max-exceptions-mb, and one whose YAML document fits the heap.
  const bytes = readRegularFileSync(path, { what: 'exceptions file', code: 'EXCEPTIONS_INVALID' }, limits.maxExceptionsBytes, raiseHint('maxExceptionsBytes'));
  ensureHeapFor(bytes.length * YAML_HEAP_PER_BYTE, path, 'exceptions file', `read as YAML, its ${megabytes(bytes.length)}`);
  const text = bytes.toString('utf8');
  const { entries, errors } = parseExceptions(text, path);
  if (errors.length) {
    // One error that reports them all, each at its own file:line:col.
    const [first, ...rest] = errors;
    throw new AssayError(first.code, first.message, { file: first.file, line: first.line, column: first.column, source: text, suggestions: first.suggestions, more: rest });
  }
  return entries;
}

export function parseExceptions(text: string, file: string): { entries: ExceptionEntry[]; errors: AssayError[] } {
  // A Document, not a quick value: every entry's line is shown (source) and every error points at one.
  const { isMap, isSeq, LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const errors: AssayError[] = [];
  const at = (node: Node | null | undefined): { line?: number; column?: number } => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const fail = (message: string, node?: Node | null) => errors.push(new AssayError('EXCEPTIONS_INVALID', message, { file, source: text, ...at(node) }));

  for (const error of doc.errors) {
    errors.push(new AssayError('EXCEPTIONS_INVALID', `Invalid YAML: ${error.message.split('\n')[0]}`, { file, source: text, line: error.linePos?.[0]?.line, column: error.linePos?.[0]?.col }));
  }
  if (errors.length) return { entries: [], errors };
  const root = doc.contents;
  const list = isMap(root) ? (root.get('exceptions', true) as Node | undefined) : undefined;
  if (!isSeq(list)) {
    fail('The file must hold `exceptions:` with a list of entries (check, asset or tags, owner, reason, expires).', root);
    return { entries: [], errors };
  }
  const entries: ExceptionEntry[] = [];
  for (const item of list.items as Node[]) {
    if (!isMap(item)) {
      fail('Each exception is a mapping (check, asset or tags, owner, reason, expires, ticket).', item);
      continue;
    }
    const before = errors.length;
    const value = item.toJSON() as Record<string, unknown>;
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
      if (!(KEYS as readonly string[]).includes(key)) {
        const hint = suggest(key, KEYS);
        fail(`Unknown key "${key}"${hint.length ? ` (did you mean "${hint[0]}"?)` : ''}.`, pair.key as Node);
      }
    }
    for (const key of REQUIRED) {
      if (typeof value[key] !== 'string' && !(key === 'expires' && value[key] instanceof Date)) {
        fail(`Missing or non-text "${key}": every exception needs check, owner, reason and expires.`, item);
      }
    }
    const expires = value.expires instanceof Date ? value.expires.toISOString().slice(0, 10) : value.expires;
    if (typeof expires === 'string' && !isIsoDate(expires)) {
      fail(`"expires" must be a date written YYYY-MM-DD, got "${expires}".`, item.get('expires', true) as Node);
    }
    if (value.tags !== undefined && (typeof value.tags !== 'object' || value.tags === null || Array.isArray(value.tags) || Object.values(value.tags).some((v) => typeof v !== 'string'))) {
      fail('"tags" is a mapping of tag key to text value.', item.get('tags', true) as Node);
    }
    for (const key of ['check', 'asset'] as const) {
      const glob = value[key];
      if (typeof glob !== 'string') continue;
      const stars = glob.split('*').length - 1;
      if (glob.length > MAX_GLOB_LENGTH || stars > MAX_GLOB_STARS) {
        fail(`"${key}" is ${glob.length} characters with ${stars} "*": a glob may have at most ${MAX_GLOB_LENGTH} characters and ${MAX_GLOB_STARS} "*".`, item.get(key, true) as Node);
      }
    }
    if (value.asset === undefined && value.tags === undefined && typeof value.check === 'string' && !value.check.includes('*')) {
      // A whole check excepted for every asset is allowed, but say it explicitly with asset: "*".
      fail('Name the asset (id or glob, "*" for all) or tags the exception covers.', item);
    }
    if (errors.length > before) continue;
    entries.push({
      check: value.check as string,
      asset: value.asset as string | undefined,
      tags: value.tags as Record<string, string> | undefined,
      owner: value.owner as string,
      reason: value.reason as string,
      expires: expires as string,
      ticket: value.ticket === undefined ? undefined : String(value.ticket),
      source: `${file}:${at(item).line ?? 1}`,
    });
  }
  return { entries, errors };
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
