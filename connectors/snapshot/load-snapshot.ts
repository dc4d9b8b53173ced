import { readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { graphForHeader, SNAPSHOT_FORMAT_VERSION, unsupportedVersion, type Snapshot } from './snapshot-format.js';
import * as generated from './snapshot-validators.generated.js';
import { isHeaderLine, SnapshotLines, type SnapshotValidators } from './snapshot-lines.js';
import { bufferLines, textLines } from './text-lines.js';

// snapshotSchema and its parts, compiled ahead (npm run generate:validators; a test keeps them in step).
const compiled = (validate: unknown): ValidateFunction => validate as ValidateFunction;
const validateSnapshot = compiled(generated.validateSnapshot);

export interface LoadSnapshotOptions {
  /**
   * Files larger than this (decompressed bytes) are read a record a line instead of as one JSON
   * document; default: the longest string V8 can make (~512 MB, about 350k assets).
   */
  documentLimitBytes?: number;
}

/** Reads a snapshot file (JSON or gzipped JSON, detected by content) into a graph. */
export function loadSnapshot(path: string, options: LoadSnapshotOptions = {}): AssetGraph {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new AssayError('SNAPSHOT_READ', `Cannot read snapshot: ${(error as Error).message}`, { file: path });
  }
  try {
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid gzip: ${(error as Error).message}`, { file: path });
  }
  if (bytes.length > (options.documentLimitBytes ?? bufferConstants.MAX_STRING_LENGTH)) return snapshotFromLines(bytes, path);
  return documentToGraph(bytes.toString('utf8'), path);
}

/** A snapshot read as one JSON document. */
function documentToGraph(text: string, file: string): AssetGraph {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid JSON: ${(error as Error).message}`, { file });
  }
  return snapshotToGraph(document, file);
}

/** Validates a parsed snapshot document and builds its graph. */
export function snapshotToGraph(document: unknown, file?: string): AssetGraph {
  const version = (document as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== undefined && version !== SNAPSHOT_FORMAT_VERSION) throw unsupportedVersion(version, file);
  if (!validateSnapshot(document)) {
    const error = validateSnapshot.errors![0];
    const where = error.instancePath || '(top level)';
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot does not match the format at ${where}: ${error.message}.`, { file });
  }
  const snapshot = document as Snapshot;
  const graph = graphForHeader(snapshot);
  try {
    for (const asset of snapshot.assets) graph.addAsset(asset);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is inconsistent: ${(error as Error).message}`, { file });
  }
  for (const edge of snapshot.edges) graph.addEdge(edge.from, edge.label, edge.to);
  for (const gap of snapshot.gaps) graph.addGap(gap);
  return graph;
}

/** The schema in parts, for reading a record a line. */
const LINE_VALIDATORS: SnapshotValidators = {
  header: compiled(generated.validateHeader),
  records: { assets: compiled(generated.validateAsset), edges: compiled(generated.validateEdge), gaps: compiled(generated.validateGap) },
};

/** A snapshot too large for one string, from its bytes a line at a time (see SnapshotLines). */
function snapshotFromLines(bytes: Buffer, file: string): AssetGraph {
  const lines = new SnapshotLines(LINE_VALIDATORS, file);
  for (const line of bufferLines(bytes)) lines.push(line);
  return lines.finish();
}

/**
 * Bytes per read and per decompressed piece. With the defaults (64 KiB reads, 16 KiB of gunzip
 * output) a 100k-asset snapshot came in ~2,500 or ~10,000 pieces, each a turn of the event loop
 * in which the thread also waited for the next read: 1 MiB pieces read it ~12% faster (plain) and
 * ~20% faster (gzip). Larger was slower again (4 MiB: bigger batches of lines alive at once).
 */
const READ_CHUNK = 1 << 20;

/**
 * loadSnapshot, streaming: a file in the one-record-a-line layout (what assay collect writes) is
 * decompressed and read a line at a time, so it is never whole in memory (a 1M-asset file is
 * ~1.4 GB of text); any other file (a hand-written or pretty-printed one) is read as one document.
 */
export async function readSnapshot(path: string): Promise<AssetGraph> {
  let handle;
  try {
    handle = await open(path);
  } catch (error) {
    throw new AssayError('SNAPSHOT_READ', `Cannot read snapshot: ${(error as Error).message}`, { file: path });
  }
  const magic = Buffer.alloc(2);
  const { bytesRead } = await handle.read(magic, 0, 2, 0);
  const stream = handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK });
  const gzipped = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  const text = gzipped ? stream.pipe(createGunzip({ chunkSize: READ_CHUNK })) : stream;
  const failed = new Promise<never>((_, reject) => {
    const fail = (error: Error): void =>
      reject(new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid ${gzipped ? 'gzip' : 'text'}: ${error.message}`, { file: path }));
    stream.once('error', fail);
    text.once('error', fail);
  });
  failed.catch(() => undefined); // observed below; never an unhandled rejection
  try {
    const read = (async (): Promise<AssetGraph> => {
      let lines: SnapshotLines | undefined;
      // Any other layout (one line, pretty-printed) is gathered and parsed as one document.
      let whole: string[] | undefined;
      for await (const batch of textLines(text)) {
        for (const line of batch) {
          if (whole) whole.push(line);
          else if (lines) lines.push(line);
          else if (isHeaderLine(line)) (lines = new SnapshotLines(LINE_VALIDATORS, path)).push(line);
          else whole = [line];
        }
      }
      return whole ? documentToGraph(whole.join('\n'), path) : (lines ?? new SnapshotLines(LINE_VALIDATORS, path)).finish();
    })();
    return await Promise.race([read, failed]);
  } finally {
    stream.destroy();
    await handle.close().catch(() => undefined);
  }
}
