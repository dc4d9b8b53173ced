import { describe, expect, it } from 'vitest';
import { textLines } from '../../connectors/snapshot/text-lines.js';

async function linesOf(pieces: Array<Buffer | string>): Promise<string[]> {
  async function* chunks() {
    for (const piece of pieces) yield piece;
  }
  const out: string[] = [];
  for await (const batch of textLines(chunks())) out.push(...batch);
  return out;
}

/** The text cut into chunks at every given byte offset. */
function cut(text: string, at: number[]): Buffer[] {
  const bytes = Buffer.from(text);
  const ends = [...at, bytes.length];
  return ends.map((end, i) => bytes.subarray(i ? ends[i - 1] : 0, end));
}

describe('textLines', () => {
  it('splits at LF and drops a CR before it, as readline does for these files', async () => {
    expect(await linesOf(['a\nb\r\nc'])).toEqual(['a', 'b', 'c']);
    expect(await linesOf(['a\n\nb\n'])).toEqual(['a', '', 'b']);
    expect(await linesOf([''])).toEqual([]);
    expect(await linesOf(['x\r'])).toEqual(['x']);
  });

  it('joins a line cut across chunks, a multi-byte character cut in two included', async () => {
    const text = '{"name":"é✓😀"},\n{"id":"b"}\r\nlast';
    const bytes = Buffer.byteLength(text);
    for (let a = 1; a < bytes; a++) {
      for (const b of [a + 1, a + 3, bytes - 1]) {
        if (b <= a || b >= bytes) continue;
        expect(await linesOf(cut(text, [a, b])), `cut at ${a}, ${b}`).toEqual(['{"name":"é✓😀"},', '{"id":"b"}', 'last']);
      }
    }
    expect(await linesOf(['ab', 'cd', 'e\nf'])).toEqual(['abcde', 'f']);
  });
});

describe('textLines on hostile input', () => {
  /** `count` chunks of `size` bytes with no LF, then one LF; counts the chunks taken. */
  function endless(size: number, count: number, taken: { chunks: number }) {
    return (async function* () {
      const chunk = Buffer.alloc(size, 0x61);
      for (; taken.chunks < count; taken.chunks++) yield chunk;
      yield Buffer.from('\nend');
    })();
  }

  it('reads a long line in time linear in its length (32 MB in 64 KB chunks)', async () => {
    const taken = { chunks: 0 };
    const started = performance.now();
    const lines: string[] = [];
    for await (const batch of textLines(endless(64 * 1024, 512, taken))) lines.push(...batch);
    const ms = performance.now() - started;
    expect(lines.map((l) => l.length)).toEqual([32 * 1024 * 1024, 3]);
    // Joining the pieces chunk by chunk copied 8.6 GB here (~6 s); once, 32 MB (~60 ms).
    expect(ms).toBeLessThan(1500);
  });

  it('stops at a line longer than maxLineBytes, naming the line, without reading on', async () => {
    const taken = { chunks: 0 };
    const read = async () => {
      for await (const batch of textLines((async function* () {
        yield Buffer.from('a\nb\n');
        for await (const chunk of endless(1024, 1_000_000, taken)) yield chunk;
      })(), { maxLineBytes: 4096 })) void batch;
    };
    await expect(read()).rejects.toMatchObject({ name: 'Error', line: 3, maxLineBytes: 4096 });
    expect(taken.chunks).toBeLessThan(10);
    // A line within one chunk is held to the limit as well.
    await expect(linesOfLimited(['ok\n', `${'x'.repeat(100)}\n`], 50)).rejects.toMatchObject({ line: 2 });
    expect(await linesOfLimited(['ok\n', `${'x'.repeat(50)}\r\n`], 50)).toEqual(['ok', 'x'.repeat(50)]);
  });
});

async function linesOfLimited(pieces: string[], maxLineBytes: number): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of textLines((async function* () { yield* pieces.map((p) => Buffer.from(p)); })(), { maxLineBytes })) out.push(...batch);
  return out;
}
