import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { SNAPSHOT_FORMAT_VERSION, snapshotSchema, type Snapshot } from './snapshot-format.js';

const ajv = new Ajv({ allErrors: false, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validateSnapshot = ajv.compile(snapshotSchema);

/** Reads a snapshot file (JSON or gzipped JSON, detected by content) into a graph. */
export function loadSnapshot(path: string): AssetGraph {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new AssayError('SNAPSHOT_READ', `Cannot read snapshot: ${(error as Error).message}`, { file: path });
  }
  let text: string;
  try {
    text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  } catch (error) {
    throw new AssayError('SNAPSHOT_INVALID', `Snapshot is not valid gzip: ${(error as Error).message}`, { file: path });
  }
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
