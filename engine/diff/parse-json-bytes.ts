/**
 * JSON.parse for a document of any size, from its UTF-8 bytes. V8 caps a string at ~512 MB, so
 * `JSON.parse(readFileSync(f, 'utf8'))` cannot read the JSON report of a large scan (~630 MB at
 * 250k assets): a value longer than `maxPiece` bytes is split into its elements (an array) or
 * members (an object) by a scan of its bytes at its own level, and each is parsed on its own.
 * The result is what JSON.parse gives; malformed text is a SyntaxError.
 */
export function parseJsonBytes(bytes: Buffer, maxPiece = 64 * 1024 * 1024): unknown {
  const start = skipSpace(bytes, 0, bytes.length);
  return parseValue(bytes, start, trimSpace(bytes, start, bytes.length), maxPiece);
}

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/** One value in [start, end), without surrounding whitespace. */
function parseValue(bytes: Buffer, start: number, end: number, maxPiece: number): unknown {
  const open = bytes[start];
  const close = bytes[end - 1];
  const container = (open === OPEN_OBJECT && close === CLOSE_OBJECT) || (open === OPEN_ARRAY && close === CLOSE_ARRAY);
  if (end - start <= maxPiece || !container) return JSON.parse(bytes.toString('utf8', start, end));
  const pieces = splitLevel(bytes, start + 1, end - 1, open === OPEN_OBJECT);
  if (open === OPEN_ARRAY) return pieces.map(([s, e]) => parseValue(bytes, s, e, maxPiece));
  const object: Record<string, unknown> = {};
  for (const [keyStart, keyEnd, valueStart, valueEnd] of pieces) {
    const key = JSON.parse(bytes.toString('utf8', keyStart, keyEnd));
    if (typeof key !== 'string') throw new SyntaxError(`JSON: an object key at byte ${keyStart} is not a string`);
    // An own property as JSON.parse makes it, "__proto__" included (an assignment would set the prototype).
    Object.defineProperty(object, key, { value: parseValue(bytes, valueStart, valueEnd, maxPiece), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/**
 * The elements (array) or key/value pairs (object) between a container's brackets, as byte
 * ranges without surrounding whitespace: commas and colons count only outside strings and at
 * this level. Elements themselves are checked when they are parsed.
 */
function splitLevel(bytes: Buffer, from: number, to: number, object: boolean): number[][] {
  const pieces: number[][] = [];
  let depth = 0;
  let pieceStart = from;
  let colon = -1;
  const finish = (at: number): void => {
    const s = skipSpace(bytes, pieceStart, at);
    const e = trimSpace(bytes, s, at);
    if (s === e) throw new SyntaxError(`JSON: an empty element at byte ${at}`);
    if (!object) pieces.push([s, e]);
    else {
      if (colon < 0) throw new SyntaxError(`JSON: an object member without a colon at byte ${s}`);
      const keyEnd = trimSpace(bytes, s, colon);
      const valueStart = skipSpace(bytes, colon + 1, e);
      if (valueStart === e) throw new SyntaxError(`JSON: an object member without a value at byte ${colon}`);
      pieces.push([s, keyEnd, valueStart, e]);
    }
    pieceStart = at + 1;
    colon = -1;
  };
  if (skipSpace(bytes, from, to) === to) return pieces; // [] or {}
  for (let i = from; i < to; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) {
      for (i++; i < to && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      if (i >= to) throw new SyntaxError('JSON: a string is not closed');
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) depth++;
    else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (--depth < 0) throw new SyntaxError(`JSON: an unexpected bracket at byte ${i}`);
    } else if (depth === 0 && byte === COMMA) finish(i);
    else if (depth === 0 && byte === COLON && object && colon < 0) colon = i;
  }
  if (depth !== 0) throw new SyntaxError('JSON: a bracket is not closed');
  finish(to);
  return pieces;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Buffer, from: number, to: number): number {
  while (from < to && isSpace(bytes[from])) from++;
  return from;
}

/** The end of [from, to) without its trailing whitespace. */
function trimSpace(bytes: Buffer, from: number, to: number): number {
  while (to > from && isSpace(bytes[to - 1])) to--;
  return to;
}
