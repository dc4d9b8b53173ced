import { open } from 'node:fs/promises';
import { constants as bufferConstants } from 'node:buffer';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { ValidateFunction } from 'ajv';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { ensureHeapFor, HEAP_FILL, inputMemoryError } from '../../engine/errors/heap-budget.js';
import { megabytes, raiseHint, type InputLimits } from '../../engine/errors/input-limits.js';
import { openRegularFile, readRegularFileSync } from '../../engine/errors/regular-file.js';
import { graphForHeader, SNAPSHOT_FORMAT_VERSION, unsupportedVersion, type Snapshot } from './snapshot-format.js';
import * as generated from './snapshot-validators.generated.js';
import { isHeaderLine, SnapshotLines, type SnapshotValidators } from './snapshot-lines.js';
import { bufferLines, textLines } from './text-lines.js';
import { boundedBytes } from './bounded-bytes.js';
import {
  DOCUMENT_HEAP_PER_BYTE,
  GRAPH_HEAP_PER_BYTE,
  InputTooLargeError,
  SNAPSHOT,
  snapshotLimits,
  snapshotReadError,
  tooManyAssets,
} from './snapshot-limits.js';

// snapshotSchema and its parts, compiled ahead (npm run generate:validators; a test keeps them in step).
const compiled = (validate: unknown): ValidateFunction => validate as ValidateFunction;
const validateSnapshot = compiled(generated.validateSnapshot);

/**
 * Limits of what is read (InputLimits: decompressed bytes, line length, assets; default:
 * DEFAULT_INPUT_LIMITS, which the CLI's --max-* flags override), and where a file turns from one document into lines.
 */
export interface LoadSnapshotOptions extends Partial<InputLimits> {
  /**
   * Files larger than this (decompressed bytes) are read a record a line instead of as one JSON
   * document; default: the longest string V8 can make (~512 MB, about 350k assets).
   */
  documentLimitBytes?: number;
}

/** Reads a snapshot file (JSON or gzipped JSON, detected by content) into a graph. */
export function loadSnapshot(path: string, options: LoadSnapshotOptions = {}): AssetGraph {
  const limits = snapshotLimits(options);
  let bytes = readRegularFileSync(path, SNAPSHOT, limits.maxInputBytes, raiseHint('maxInputBytes'));
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    if (gzipped) bytes = gunzipBounded(bytes, limits.maxInputBytes);
    if (bytes.length > (options.documentLimitBytes ?? bufferConstants.MAX_STRING_LENGTH)) return snapshotFromLines(bytes, path, limits);
    ensureHeapFor(bytes.length * DOCUMENT_HEAP_PER_BYTE, path, 'snapshot', `read as one document, its ${megabytes(bytes.length)}`);
    return documentToGraph(bytes.toString('utf8'), path, limits.maxAssets);
  } catch (error) {
    throw snapshotReadError(error, path, limits, gzipped);
  }
}

/** gunzipSync that stops past `maxBytes` of output (a gzip bomb), as InputTooLargeError. */
function gunzipBounded(bytes: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: Math.min(maxBytes + 1, bufferConstants.MAX_LENGTH) });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InputTooLargeError(maxBytes);
    throw error;
  }
}

/** A snapshot read as one JSON document. */
function documentToGraph(text: string, file: string, maxAssets: number): AssetGraph {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid JSON: ${(error as Error).message}`, { file });
  }
  const assets = (document as { assets?: unknown } | null)?.assets;
  if (Array.isArray(assets) && assets.length > maxAssets) throw tooManyAssets(file, maxAssets);
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
function snapshotFromLines(bytes: Buffer, file: string, limits: InputLimits): AssetGraph {
  const lines = new SnapshotLines(LINE_VALIDATORS, file, limits.maxAssets);
  for (const line of bufferLines(bytes, limits)) lines.push(line);
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
 * ~1.6 GB of text); any other file (a hand-written or pretty-printed one) is read as one document.
 * Only a regular file is opened; what is read is bounded (see LoadSnapshotOptions) and held to
 * the heap limit, and every error names the file.
 */
export async function readSnapshot(path: string, options: Partial<InputLimits> = {}): Promise<AssetGraph> {
  const limits = snapshotLimits(options);
  const { handle, size } = await openRegularFile(path, SNAPSHOT);
  let gzipped = false;
  let stream: ReturnType<typeof handle.createReadStream> | undefined;
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    gzipped = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    if (!gzipped) {
      // Plain text: its size is known, so too large a file is refused before any of it is read.
      if (size > limits.maxInputBytes) throw new InputTooLargeError(limits.maxInputBytes);
      ensureHeapFor(size * GRAPH_HEAP_PER_BYTE, path, 'snapshot', `its ${megabytes(size)} of text`);
    }
    stream = handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK, autoClose: false });
    const text = gzipped ? stream.pipe(createGunzip({ chunkSize: READ_CHUNK })) : stream;
    const failed = new Promise<never>((_, reject) => {
      stream!.once('error', reject);
      text.once('error', reject);
    });
    failed.catch(() => undefined); // observed below; never an unhandled rejection
    const unpacked = gzipped ? ' (decompressed)' : '';
    const chunks = boundedBytes(text, limits.maxInputBytes, (progress) =>
      inputMemoryError(path, 'snapshot', `after ${megabytes(progress.bytes)}${unpacked} the heap is past ${Math.round(HEAP_FILL * 100)}% of its limit`),
    );
    return await Promise.race([graphFromChunks(chunks, path, limits), failed]);
  } catch (error) {
    throw snapshotReadError(error, path, limits, gzipped);
  } finally {
    stream?.destroy();
    await handle.close().catch(() => undefined);
  }
}

/**
 * The graph of a snapshot's bytes. Its first line decides how it is read: the header line of the
 * one-record-a-line layout, or else one JSON document, gathered as bytes (a line at a time, a
 * file of empty lines would be an array of millions of strings) up to V8's longest string.
 */
async function graphFromChunks(chunks: AsyncIterable<Buffer>, file: string, limits: InputLimits): Promise<AssetGraph> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  for (;;) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
    if (next.value.includes(10) || headBytes > limits.maxLineBytes) break;
  }
  const start = head.length === 1 ? head[0] : Buffer.concat(head);
  const all = (async function* (): AsyncGenerator<Buffer, void, undefined> {
    try {
      yield start;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  })();
  const lf = start.indexOf(10);
  if (lf >= 0 && lf <= limits.maxLineBytes && isHeaderLine(start.toString('utf8', 0, lf))) {
    const lines = new SnapshotLines(LINE_VALIDATORS, file, limits.maxAssets);
    for await (const batch of textLines(all, limits)) for (const line of batch) lines.push(line);
    return lines.finish();
  }
  return documentToGraph(await documentText(all, file), file, limits.maxAssets);
}

/** The text of a snapshot read as one document; not JSON from its first byte, or too long, is an error. */
async function documentText(chunks: AsyncIterable<Buffer>, file: string): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of chunks) {
    if (!bytes) {
      const first = chunk.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
      if (first !== undefined && first !== 0x7b) {
        throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not JSON: it starts with byte 0x${first.toString(16).padStart(2, '0')}, where a snapshot starts with "{".`, { file });
      }
    }
    bytes += chunk.length;
    if (bytes > bufferConstants.MAX_STRING_LENGTH) {
      throw new AssayError(
        'INPUT_LIMIT',
        `The snapshot is not in the one-record-a-line layout assay collect writes, and is larger than ${megabytes(bufferConstants.MAX_STRING_LENGTH)}, the most Node.js reads as one JSON document: write it in that layout (as assay collect does), or check that the file is a snapshot.`,
        { file },
      );
    }
    parts.push(chunk);
  }
  ensureHeapFor(bytes * DOCUMENT_HEAP_PER_BYTE, file, 'snapshot', `read as one document, its ${megabytes(bytes)}`);
  return Buffer.concat(parts).toString('utf8');
}
