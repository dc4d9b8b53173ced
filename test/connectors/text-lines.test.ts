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
