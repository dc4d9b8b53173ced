import { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset, Edge } from '../../engine/graph/asset.js';
import type { Gap } from '../../engine/graph/gap.js';
import { AssayError } from '../../engine/errors/assay-error.js';

/** The snapshot format version this code writes and reads. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/**
 * A collected graph on disk: assets, edges, gaps and collection metadata. JSON, optionally gzipped.
 * Never holds credentials (connectors keep them out of assets and gaps).
 */
export interface Snapshot {
  formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  tool: { name: string; version: string };
  provider: string;
  accountId: string;
  regions: string[];
  collectedAt: string;
  metadata?: Record<string, unknown>;
  assets: Asset[];
  edges: Edge[];
  gaps: Gap[];
}

const stringOrNull = { type: ['string', 'null'] };

/** JSON Schema the loader validates against (ajv), so a corrupt file gives one clear error. */
export const snapshotSchema = {
  type: 'object',
  required: ['formatVersion', 'tool', 'provider', 'accountId', 'regions', 'collectedAt', 'assets', 'edges', 'gaps'],
  properties: {
    formatVersion: { const: SNAPSHOT_FORMAT_VERSION },
    tool: {
      type: 'object',
      required: ['name', 'version'],
      properties: { name: { type: 'string' }, version: { type: 'string' } },
    },
    provider: { type: 'string', minLength: 1 },
    accountId: { type: 'string' },
    regions: { type: 'array', items: { type: 'string' } },
    collectedAt: { type: 'string', format: 'date-time' },
    metadata: { type: 'object' },
    assets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'type', 'provider', 'accountId', 'tags'],
        properties: {
          id: { type: 'string', minLength: 1 },
          type: { type: 'string', pattern: '^[_A-Za-z][_0-9A-Za-z]*$' },
          provider: { type: 'string' },
          accountId: { type: 'string' },
          region: stringOrNull,
          name: stringOrNull,
          tags: {
            type: 'array',
            items: { type: 'object', required: ['key'], properties: { key: { type: 'string' }, value: stringOrNull } },
          },
        },
      },
    },
    edges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'label', 'to'],
        additionalProperties: false,
        properties: { from: { type: 'string' }, label: { type: 'string' }, to: { type: 'string' } },
      },
    },
    gaps: {
      type: 'array',
      items: {
        type: 'object',
        required: ['provider', 'product', 'action', 'code', 'message'],
        properties: {
          provider: { type: 'string' },
          product: { type: 'string' },
          action: { type: 'string' },
          region: stringOrNull,
          code: { type: 'string' },
          message: { type: 'string' },
          types: { type: 'array', items: { type: 'string' } },
          fields: { type: 'array', items: { type: 'string' } },
          permission: { type: 'string' },
        },
      },
    },
  },
} as const;

const LISTS = new Set(['assets', 'edges', 'gaps']);

/** The snapshot's header: the document without its lists (the first line of the one-record-a-line layout). */
export const snapshotHeaderSchema = {
  ...snapshotSchema,
  required: snapshotSchema.required.filter((key) => !LISTS.has(key)),
  properties: Object.fromEntries(Object.entries(snapshotSchema.properties).filter(([key]) => !LISTS.has(key))),
};

/** The error for a snapshot written in another format version. */
export function unsupportedVersion(version: unknown, file?: string): AssayError {
  return new AssayError(
    'SNAPSHOT_INVALID',
    `Snapshot format version ${JSON.stringify(version)} is not supported (this Assay reads version ${SNAPSHOT_FORMAT_VERSION}).`,
    { file },
  );
}

/** An empty graph carrying a snapshot's collection metadata (its lists are added after). */
export function graphForHeader(header: Omit<Snapshot, 'assets' | 'edges' | 'gaps'>): AssetGraph {
  return new AssetGraph({
    ...header.metadata,
    provider: header.provider,
    accountId: header.accountId,
    regions: header.regions,
    collectedAt: header.collectedAt,
  });
}
