import { describe, expect, it } from 'vitest';
import { parseJsonBytes } from '../../engine/diff/parse-json-bytes.js';
import { prng } from '../helpers/prng.js';

/** Random JSON values: nested containers, strings with escapes, brackets, commas and colons inside. */
function randomValue(rand: () => number, level: number): unknown {
  switch (Math.floor(rand() * (level > 3 ? 4 : 7))) {
    case 0:
      return [null, true, false][Math.floor(rand() * 3)];
    case 1:
      return Math.floor(rand() * 1e6) / 100 - 5000;
    case 2:
      return ['', 'plain', 'a, b: [c] {d}', 'quote " and \\\\ back', 'é ✓ 😀', '\n\t', '"]},'][Math.floor(rand() * 7)];
    case 3:
      return `s${Math.floor(rand() * 1000)}`;
    case 4:
    case 5:
      return Array.from({ length: Math.floor(rand() * 6) }, () => randomValue(rand, level + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 6); i > 0; i--) out[['id', 'a,b', 'x:y', '"q"', '{', 'é'][Math.floor(rand() * 6)] + i] = randomValue(rand, level + 1);
      return out;
    }
  }
}

describe('parseJsonBytes', () => {
  it('gives what JSON.parse gives, however small the pieces it parses on their own', () => {
    const rand = prng(20261201);
    for (let round = 0; round < 300; round++) {
      const value = randomValue(rand, 0);
      for (const text of [JSON.stringify(value), JSON.stringify(value, null, 2), ` \n${JSON.stringify(value, null, '\t')}\r\n`]) {
        for (const maxPiece of [1, 8, 40, 1e9]) {
          expect(parseJsonBytes(Buffer.from(text), maxPiece), `round ${round}, piece ${maxPiece}: ${text}`).toEqual(JSON.parse(text));
        }
      }
    }
  });

  it('keeps "__proto__" an own property and the last of duplicate keys, as JSON.parse does', () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1, "a": [2]}';
    const parsed = parseJsonBytes(Buffer.from(text), 4) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__', 'a']);
    expect(parsed.a).toEqual([2]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects malformed text at any piece size', () => {
    for (const text of ['[1, 2,]', '[1,, 2]', '{"a" 1}', '{"a": }', '{1: 2}', '[1, [2, 3]', '[1, 2]]', '{"a": [1}', '["unclosed]', '[1 2]', '']) {
      for (const maxPiece of [1, 1e9]) expect(() => parseJsonBytes(Buffer.from(text), maxPiece), `${text} (${maxPiece})`).toThrow(SyntaxError);
    }
  });
});
