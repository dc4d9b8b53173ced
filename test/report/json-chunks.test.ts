import { describe, expect, it } from 'vitest';
import { joinChunks } from '../../engine/report/chunks.js';
import { JsonStream, jsonChunks } from '../../engine/report/json-chunks.js';
import { prng } from '../helpers/prng.js';

/** Random JSON-ish values, with what JSON leaves out or turns into null mixed in. */
function randomValue(rand: () => number, level: number): unknown {
  const pick = Math.floor(rand() * (level > 4 ? 6 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return rand() < 0.5;
    case 2:
      return Math.floor(rand() * 1e6) / 100;
    case 3:
      return ['', 'a', 'multi\nline', 'quote "x"', 'é ✓ \u2028', '\\'][Math.floor(rand() * 6)];
    case 4:
      return [undefined, () => 1, NaN, Infinity][Math.floor(rand() * 4)];
    case 5:
      return new Date(Date.UTC(2026, 0, 1 + Math.floor(rand() * 300)));
    case 6:
    case 7: {
      // Now and then an array longer than a slice, of small items.
      const long = level < 2 && rand() < 0.2;
      const n = Math.floor(rand() * (long ? 700 : 5));
      return Array.from({ length: n }, () => randomValue(rand, long ? 4 : level + 1));
    }
    default: {
      const out: Record<string, unknown> = {};
      const n = Math.floor(rand() * 6);
      for (let i = 0; i < n; i++) out[['id', 'name', '2', 'a b', '"q"', 'nested', 'x'][Math.floor(rand() * 7)] + i] = randomValue(rand, level + 1);
      return out;
    }
  }
}

describe('jsonChunks', () => {
  it('writes the text JSON.stringify(value, null, 2) writes, at every depth', () => {
    const rand = prng(20261201);
    for (let round = 0; round < 300; round++) {
      const value = randomValue(rand, 0);
      for (const depth of [0, 1, 2, 3, 4, 6]) {
        expect(joinChunks(jsonChunks(value, depth)), `round ${round}, depth ${depth}`).toBe(JSON.stringify(value, null, 2) ?? '');
      }
    }
  });

  it('keeps the edge cases of JSON: empty containers, left-out members, holes, toJSON', () => {
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const value = {
      empty: [],
      none: {},
      onlyUndefined: { a: undefined, f: () => 1 },
      list: [undefined, () => 1, Symbol('s'), sparse],
      when: new Date(0),
      custom: { toJSON: () => ({ replaced: true }) },
      big: Array.from({ length: 1000 }, (_, i) => ({ i, tags: i % 3 ? [] : [{ k: 'v' }] })),
    };
    for (const depth of [1, 2, 3, 4]) expect(joinChunks(jsonChunks(value, depth))).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a stream as an array, producing its items while writing', () => {
    let produced = 0;
    function* items() {
      for (let i = 0; i < 3; i++) {
        produced++;
        yield { i, nested: { deep: [i] } };
      }
    }
    const chunks = jsonChunks({ results: new JsonStream(items()), after: 1 }, 4);
    const first = chunks.next().value;
    expect(first).toBe('{\n  "results": ');
    expect(produced).toBe(0);
    const text = first + joinChunks({ [Symbol.iterator]: () => chunks });
    expect(produced).toBe(3);
    const same = { results: [0, 1, 2].map((i) => ({ i, nested: { deep: [i] } })), after: 1 };
    expect(text).toBe(JSON.stringify(same, null, 2));
    expect(joinChunks(jsonChunks(new JsonStream([]), 2))).toBe('[]');
    // Below the opened levels a stream's items are taken a slice at a time, never all at once.
    let taken = 0;
    function* many() {
      for (let i = 0; i < 1000; i++) {
        taken++;
        yield { i };
      }
    }
    const sliced = jsonChunks({ results: new JsonStream(many()) }, 2);
    const head = sliced.next().value! + sliced.next().value!;
    expect(taken).toBeLessThanOrEqual(256);
    expect(taken).toBeGreaterThan(0);
    const rest = joinChunks({ [Symbol.iterator]: () => sliced });
    expect(taken).toBe(1000);
    expect(head + rest).toBe(JSON.stringify({ results: Array.from({ length: 1000 }, (_, i) => ({ i })) }, null, 2));
  });

  it('yields pieces, not one text: no piece of a large value holds more than a slice of its items', () => {
    const value = { checks: [{ id: 'c', assets: Array.from({ length: 5000 }, (_, i) => ({ asset: { id: `a${i}` }, status: 'pass' })) }] };
    const pieces = [...jsonChunks(value, 4)];
    const whole = JSON.stringify(value, null, 2);
    expect(pieces.join('')).toBe(whole);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 10);
  });
});
