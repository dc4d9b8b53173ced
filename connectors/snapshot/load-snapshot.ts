import { readFileSync } from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { SNAPSHOT_FORMAT_VERSION, snapshotSchema, type Snapshot } from './snapshot-format.js';
import type { Asset, Edge } from '../../engine/graph/asset.js';
import type { Gap } from '../../engine/graph/gap.js';

const ajv = new Ajv({ allErrors: false, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validateSnapshot = ajv.compile(snapshotSchema);

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
  const text = bytes.toString('utf8');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid JSON: ${(error as Error).message}`, { file: path });
  }
  return snapshotToGraph(document, path);
}

/** Validates a parsed snapshot document and builds its graph. */
export function snapshotToGraph(document: unknown, file?: string): AssetGraph {
  const version = (document as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== undefined && version !== SNAPSHOT_FORMAT_VERSION) {
    throw new AssayError(
      'SNAPSHOT_INVALID',
      `Snapshot format version ${JSON.stringify(version)} is not supported (this Assay reads version ${SNAPSHOT_FORMAT_VERSION}).`,
      { file },
    );
  }
  if (!validateSnapshot(document)) {
    const error = validateSnapshot.errors![0];
    const where = error.instancePath || '(top level)';
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot does not match the format at ${where}: ${error.message}.`, { file });
  }
  const snapshot = document as Snapshot;
  const graph = new AssetGraph({
    ...snapshot.metadata,
    provider: snapshot.provider,
    accountId: snapshot.accountId,
    regions: snapshot.regions,
    collectedAt: snapshot.collectedAt,
  });
  try {
    for (const asset of snapshot.assets) graph.addAsset(asset);
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is inconsistent: ${(error as Error).message}`, { file });
  }
  for (const edge of snapshot.edges) graph.addEdge(edge.from, edge.label, edge.to);
  for (const gap of snapshot.gaps) graph.addGap(gap);
  return graph;
}

const LISTS = new Set(['assets', 'edges', 'gaps']);
const validateHeader = ajv.compile({
  ...snapshotSchema,
  required: snapshotSchema.required.filter((key) => !LISTS.has(key)),
  properties: Object.fromEntries(Object.entries(snapshotSchema.properties).filter(([key]) => !LISTS.has(key))),
});
const validateRecord = {
  assets: ajv.compile(snapshotSchema.properties.assets.items),
  edges: ajv.compile(snapshotSchema.properties.edges.items),
  gaps: ajv.compile(snapshotSchema.properties.gaps.items),
};
type Section = keyof typeof validateRecord;

/** The lines that open each list in the one-record-a-line layout saveSnapshot writes. */
const OPENINGS: Array<[string, Section]> = [['"assets":[', 'assets'], ['],"edges":[', 'edges'], ['],"gaps":[', 'gaps']];

/**
 * A snapshot too large for one string, read a line at a time: it must have the layout
 * saveSnapshot writes (header line, then each list one record a line). Each record is validated
 * as the whole-document schema would, and errors name the line.
 */
function snapshotFromLines(bytes: Buffer, file: string): AssetGraph {
  let position = 0;
  let lineNumber = 0;
  let lineStart = 0;
  const nextLine = (): string | undefined => {
    lineStart = position;
    if (position >= bytes.length) return undefined;
    let end = bytes.indexOf(10, position);
    if (end < 0) end = bytes.length;
    const line = bytes.toString('utf8', position, end).trimEnd();
    position = end + 1;
    lineNumber++;
    return line;
  };
  const invalid = (message: string): AssayError =>
    new AssayError('SNAPSHOT_INVALID', `Snapshot line ${lineNumber}: ${message} (a snapshot this large is read a record a line, in the layout assay collect writes).`, {
      file,
      line: lineNumber,
    });
  const parse = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw invalid(`${what} is not valid JSON: ${(error as Error).message}`);
    }
  };

  const first = nextLine() ?? '';
  if (!first.startsWith('{') || !first.endsWith(',')) throw invalid('expected the header object, ending with a comma');
  const header = parse(`${first.slice(0, -1)}}`, 'the header');
  const version = (header as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot format version ${JSON.stringify(version)} is not supported (this Assay reads version ${SNAPSHOT_FORMAT_VERSION}).`, { file });
  }
  if (!validateHeader(header)) {
    const error = validateHeader.errors![0];
    throw invalid(`the header does not match the format at ${error.instancePath || '(top level)'}: ${error.message}`);
  }
  const snapshot = header as Omit<Snapshot, 'assets' | 'edges' | 'gaps'>;
  const graph = new AssetGraph({ ...snapshot.metadata, provider: snapshot.provider, accountId: snapshot.accountId, regions: snapshot.regions, collectedAt: snapshot.collectedAt });

  for (const [opening, section] of OPENINGS) {
    const line = nextLine();
    // An empty list closes on the line after its opening; the next opening (or the end) follows.
    if (line !== opening) throw invalid(`expected ${opening}`);
    let index = 0;
    for (;;) {
      const next = nextLine();
      if (next === undefined) throw invalid(`the ${section} list is not closed`);
      if (next.startsWith(']')) {
        position = lineStart; // the closing line opens the next list: read it again
        lineNumber--;
        break;
      }
      const record = parse(next.endsWith(',') ? next.slice(0, -1) : next, `${section}[${index}]`);
      const validate = validateRecord[section];
      if (!validate(record)) {
        const error = validate.errors![0];
        throw invalid(`does not match the format at /${section}/${index}${error.instancePath}: ${error.message}`);
      }
      try {
        if (section === 'assets') graph.addAsset(record as Asset);
        else if (section === 'edges') graph.addEdge((record as Edge).from, (record as Edge).label, (record as Edge).to);
        else graph.addGap(record as Gap);
      } catch (error) {
        throw invalid(`inconsistent: ${(error as Error).message}`);
      }
      index++;
    }
  }
  if (nextLine() !== ']}') throw invalid('expected ]} closing the document');
  return graph;
}
