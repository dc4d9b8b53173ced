/**
 * Pretty JSON (two-space indentation, the text `JSON.stringify(value, null, 2)` gives) as pieces
 * of text, so a report of a large account is written piece by piece: V8 caps one string at
 * ~512 MB, which a JSON scan result passes at about 200k assets, and holding the whole text
 * beside the result would double a scan's memory.
 *
 * Arrays and plain objects are opened down to `depth` levels (a scan result's checks, each check,
 * its findings and verdicts: 4); the arrays of the last level are stringified in slices of SLICE
 * items and other values whole, each at its place's indentation. A `JsonStream` is written as an
 * array whose items are produced while writing (nothing holds them all).
 */
export function* jsonChunks(value: unknown, depth = 4): Generator<string, void, undefined> {
  if (opens(value) && depth > 0) yield* chunks(value, '', depth);
  else {
    const text = leafText(value, '');
    if (text !== undefined) yield text;
  }
}

/** An array whose items are produced as the JSON is written (e.g. one SARIF result per finding). */
export class JsonStream {
  constructor(readonly items: Iterable<unknown>) {}
  toJSON(): unknown[] {
    return [...this.items];
  }
}

/** Items stringified at a time below the opened levels: few calls, small strings. */
const SLICE = 256;

function* chunks(value: unknown, indent: string, depth: number): Generator<string, void, undefined> {
  const inner = indent + '  ';
  if (value instanceof JsonStream || Array.isArray(value)) {
    const items = value instanceof JsonStream ? value.items : (value as unknown[]);
    if (depth > 1) {
      let first = true;
      for (const item of items) {
        yield first ? '[\n' + inner : ',\n' + inner;
        first = false;
        if (opens(item)) yield* chunks(item, inner, depth - 1);
        else yield leafText(item, inner) ?? 'null';
      }
      yield first ? '[]' : '\n' + indent + ']';
      return;
    }
    let first = true;
    for (const slice of slices(items)) {
      // A slice stringified as an array, brackets dropped: its items at one level in, ",\n" between.
      const text = stringifyAt(slice, indent);
      yield (first ? '[' : ',') + text.slice(1, text.length - 1 - indent.length - 1);
      first = false;
    }
    yield first ? '[]' : '\n' + indent + ']';
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const key of Object.keys(record)) {
    const member = record[key];
    const opened = opens(member) && depth > 1;
    const text = opened ? undefined : leafText(member, inner);
    if (!opened && text === undefined) continue; // undefined, functions and symbols are left out
    yield (first ? '{\n' : ',\n') + inner + JSON.stringify(key) + ': ';
    first = false;
    if (opened) yield* chunks(member, inner, depth - 1);
    else yield text!;
  }
  yield first ? '{}' : '\n' + indent + '}';
}

/** Items in arrays of up to SLICE (an array's own slices; a stream's items as they come). */
function* slices(items: Iterable<unknown>): Generator<unknown[], void, undefined> {
  if (Array.isArray(items)) {
    for (let start = 0; start < items.length; start += SLICE) yield items.slice(start, start + SLICE);
    return;
  }
  let slice: unknown[] = [];
  for (const item of items) {
    slice.push(item);
    if (slice.length === SLICE) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length) yield slice;
}

/** Values written level by level: arrays, streams and plain objects (no toJSON of their own). */
function opens(value: unknown): boolean {
  if (value instanceof JsonStream || Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** A value's JSON at an indentation (undefined for what JSON leaves out). */
function leafText(value: unknown, indent: string): string | undefined {
  if (indent && opens(value)) return stringifyAt(value, indent);
  const text = JSON.stringify(value, null, 2) as string | undefined;
  // Only a toJSON can make a text of several lines here (others are one line or opened).
  return text === undefined || !indent || !text.includes('\n') ? text : text.replace(/\n/g, '\n' + indent);
}

/**
 * An array or plain object's JSON with its lines at an indentation, from JSON.stringify itself:
 * the value is wrapped in one array per level, so its lines come out indented, and the wrappers'
 * lines are cut off (m levels: m² + 3m characters before it, m² + m after). Re-indenting the
 * text instead (a replace of every line break) took longer than the stringify.
 */
function stringifyAt(value: unknown, indent: string): string {
  const levels = indent.length / 2;
  let wrapped = value;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  return text.slice(levels * levels + 3 * levels, text.length - (levels * levels + levels));
}
