import { gzipSync } from 'node:zlib';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import { writeFileSafely, writeFileSafelySync, type SafeWriteOptions } from '../../engine/files/safe-write.js';
import { TOOL_NAME, TOOL_VERSION } from '../../engine/version.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './snapshot-format.js';

/** The snapshot document of a graph. */
export function graphToSnapshot(graph: AssetGraph): Snapshot {
  return { ...snapshotHeader(graph), assets: [...graph.assets()], edges: [...graph.edges()], gaps: [...graph.gaps] };
}

/** Everything of the document but its three lists. */
function snapshotHeader(graph: AssetGraph): Omit<Snapshot, 'assets' | 'edges' | 'gaps'> {
  const { provider, accountId, regions, collectedAt, ...rest } = graph.metadata;
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    provider: provider ?? 'unknown',
    accountId: accountId ?? '',
    regions: regions ?? [],
    collectedAt: collectedAt ?? new Date().toISOString(),
    metadata: Object.keys(rest).length ? rest : undefined,
  };
}

/**
 * The document as text, one record a line: the header, then `"assets":[`, one asset a line,
 * `],"edges":[`, one edge a line, `],"gaps":[`, one gap a line, `]}`. Still one JSON document
 * (any JSON tool reads it), and a reader can take it a line at a time (load-snapshot.ts does
 * for files too large for one string).
 */
export function* snapshotText(graph: AssetGraph): Generator<string> {
  yield `${JSON.stringify(snapshotHeader(graph)).slice(0, -1)},\n`;
  yield* list('"assets":[', graph.assets());
  yield* list('],"edges":[', graph.edges());
  yield* list('],"gaps":[', graph.gaps);
  yield ']}\n';
}

function* list(opening: string, items: Iterable<unknown>): Generator<string> {
  yield `${opening}\n`;
  let first = true;
  for (const item of items) {
    yield `${first ? '' : ',\n'}${JSON.stringify(item)}`;
    first = false;
  }
  if (!first) yield '\n';
}

/** Text is written in pieces of about this many bytes (each its own gzip member when gzipped). */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Writes a graph as JSON, gzipped when the path ends in `.gz`, crash-safe: to a private (0600)
 * temporary file beside it, renamed over the path when complete (see writeFileSafely), so a kill
 * or an error mid-write keeps the earlier snapshot. A symbolic link at the path is refused unless
 * `followSymlinks`.
 */
export function saveSnapshot(graph: AssetGraph, path: string, options: SafeWriteOptions = {}): void {
  writeFileSafelySync(path, snapshotBytes(graph, path.endsWith('.gz')), options);
}

/**
 * The same, letting the event loop turn between pieces, so SIGINT/SIGTERM during a long write
 * removes the temporary file at once and ends the process (what `assay collect` uses).
 */
export async function saveSnapshotAsync(graph: AssetGraph, path: string, options: SafeWriteOptions = {}): Promise<void> {
  await writeFileSafely(path, snapshotBytes(graph, path.endsWith('.gz')), options);
}

/**
 * The file's bytes, a piece at a time: V8 caps a string at ~512 MB (a JSON document of ~350k
 * assets), and a collection must never be lost to the save at its end. A gzipped file is a series
 * of gzip members, which every gunzip reads as one stream (RFC 1952).
 */
function* snapshotBytes(graph: AssetGraph, gzip: boolean): Generator<Buffer> {
  let pending: string[] = [];
  let size = 0;
  const take = (): Buffer => {
    const bytes = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    size = 0;
    return gzip ? gzipSync(bytes) : bytes;
  };
  for (const piece of snapshotText(graph)) {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK_BYTES) yield take();
  }
  if (pending.length) yield take();
}
