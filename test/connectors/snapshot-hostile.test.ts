import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSnapshot, graphToSnapshot, snapshotText } from '../../connectors/snapshot/save-snapshot.js';
import { loadSnapshot, readSnapshot, type LoadSnapshotOptions } from '../../connectors/snapshot/load-snapshot.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { ensureHeapFor } from '../../engine/errors/heap-budget.js';
import { boundedBytes } from '../../connectors/snapshot/bounded-bytes.js';
import { AlibabaGraphBuilder } from '../helpers/alibaba-graph.js';

// Snapshots come from anywhere: each hostile file below is an error naming the file, quickly,
// never a hang, a crash or a bare "Invalid string length".
const dir = mkdtempSync(join(tmpdir(), 'assay-hostile-'));
const MB = 1024 * 1024;

function threeBuckets() {
  const b = new AlibabaGraphBuilder();
  for (const name of ['a', 'b', 'c']) b.bucket(name); // and the account: 4 assets
  b.graph.metadata.collectedAt = '2026-11-25T00:00:00.000Z';
  return b.graph;
}

async function rejection(path: string, options?: LoadSnapshotOptions): Promise<AssayError> {
  const started = performance.now();
  try {
    await readSnapshot(path, options);
  } catch (error) {
    expect(performance.now() - started, 'rejected quickly').toBeLessThan(3000);
    expect(error).toBeInstanceOf(AssayError);
    expect((error as AssayError).file).toBe(path);
    return error as AssayError;
  }
  throw new Error('expected the snapshot to be rejected');
}

function syncRejection(path: string, options?: LoadSnapshotOptions): AssayError {
  try {
    loadSnapshot(path, options);
  } catch (error) {
    expect(error).toBeInstanceOf(AssayError);
    expect((error as AssayError).file).toBe(path);
    return error as AssayError;
  }
  throw new Error('expected the snapshot to be rejected');
}

describe('snapshot files that are not regular files', () => {
  it('a directory, a FIFO and a device are refused by name, before they are read', async () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]); // no writer: opening it for reading would block forever
    for (const [path, kind] of [[folder, 'a directory'], [fifo, 'a FIFO'], ['/dev/zero', 'a character device']] as const) {
      const error = await rejection(path);
      expect(error.code).toBe('SNAPSHOT_READ');
      expect(error.format()).toContain(`${path}: Cannot read the snapshot ${path}: it is ${kind}`);
      expect(syncRejection(path).message).toContain(`it is ${kind}`);
    }
  }, 10_000);
});

describe('snapshot sizes past the limits', () => {
  it('a gzip bomb of one endless record line stops at the line limit (20 KB inflating to 20 MB)', async () => {
    const path = join(dir, 'bomb.json.gz');
    const header = [...snapshotText(threeBuckets())].slice(0, 2).join('');
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from(header), Buffer.alloc(20 * MB, 0x20)]), { level: 9 }));
    const error = await rejection(path, { maxLineBytes: 2 * MB });
    expect(error).toMatchObject({ code: 'INPUT_LIMIT', line: 3 });
    expect(error.format()).toMatch(/bomb\.json\.gz:3:1: Snapshot line 3 is longer than 2 MB, the limit for one record: raise it with --max-line-mb/);
  });

  it('a gzip bomb of a document stops at the decompressed size limit', async () => {
    const path = join(dir, 'bomb2.json.gz');
    writeFileSync(path, gzipSync(Buffer.concat([Buffer.from('{"assets":['), Buffer.alloc(20 * MB, 0x0a)]), { level: 9 }));
    const error = await rejection(path, { maxInputBytes: 4 * MB });
    expect(error.code).toBe('INPUT_LIMIT');
    expect(error.message).toMatch(/larger than 4 MB after decompression.*--max-input-mb/);
    expect(syncRejection(path, { maxInputBytes: 4 * MB }).message).toMatch(/larger than 4 MB after decompression/);
  });

  it('a plain file larger than the limit is refused before it is read', async () => {
    const path = join(dir, 'large.json');
    saveSnapshot(threeBuckets(), path);
    expect((await rejection(path, { maxInputBytes: 100 })).message).toMatch(/larger than .* the limit: raise it with --max-input-mb/);
    expect(syncRejection(path, { maxInputBytes: 100 })).toMatchObject({ code: 'INPUT_LIMIT' });
  });

  it('garbage is not JSON from its first byte (2 MB of random bytes)', async () => {
    const path = join(dir, 'garbage.json');
    const bytes = Buffer.alloc(2 * MB);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    bytes[0] = 0x80;
    writeFileSync(path, bytes);
    expect((await rejection(path)).message).toMatch(/not JSON: it starts with byte 0x80/);
  });

  it('more assets than --max-assets, in either layout and either reader', async () => {
    const lines = join(dir, 'three.json');
    saveSnapshot(threeBuckets(), lines);
    const document = join(dir, 'three-doc.json');
    writeFileSync(document, JSON.stringify(graphToSnapshot(threeBuckets()), null, 1));
    for (const path of [lines, document]) {
      const error = await rejection(path, { maxAssets: 3 });
      expect(error).toMatchObject({ code: 'INPUT_LIMIT' });
      expect(error.message).toMatch(/more than 3 assets, the limit: raise it with --max-assets/);
      expect(syncRejection(path, { maxAssets: 3 }).code).toBe('INPUT_LIMIT');
      expect(syncRejection(path, { maxAssets: 3, documentLimitBytes: 64 }).code).toBe(path === lines ? 'INPUT_LIMIT' : 'SNAPSHOT_INVALID');
      expect((await readSnapshot(path, { maxAssets: 4 })).size).toBe(4); // the account and three buckets
    }
  });
});

describe('snapshots and the heap limit', () => {
  // Measured with the built CLI on a 50k-asset synthetic account (83 MB of text), where V8 used
  // to abort (exit 134): at --max-old-space-size=128 the plain file is refused up front and the
  // gzipped one after 70 MB, each with INPUT_MEMORY; at 256 the scan completes.
  it('a read stops with INPUT_MEMORY once the heap is past 85% of its limit, before V8 aborts', async () => {
    const chunks = (async function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(1024);
    })();
    let used = 0;
    const heap = () => ({ limit: 100, used: (used += 10) });
    const seen: number[] = [];
    const read = async () => {
      for await (const chunk of boundedBytes(chunks, Infinity, (p) => new Error(`full after ${p.bytes}`), { bytes: 0 }, heap)) seen.push(chunk.length);
    };
    await expect(read()).rejects.toThrow('full after 9216');
    expect(seen).toHaveLength(8);
  });

  it('a plain file that needs more than the free heap is refused before it is read', () => {
    const error = (() => {
      try {
        ensureHeapFor(1e15, '/x/snap.json', 'snapshot', 'its 1 PB of text');
      } catch (e) {
        return e as AssayError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error).toMatchObject({ code: 'INPUT_MEMORY', file: '/x/snap.json' });
    expect(error.message).toMatch(/^The snapshot is too large for this process's memory: its 1 PB of text needs about .* of heap, .* is free; the Node.js heap limit is .*: raise it, e\.g\. NODE_OPTIONS=--max-old-space-size=\d+\.$/);
  });
});
