import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import { TOOL_NAME, TOOL_VERSION } from '../../engine/version.js';
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './snapshot-format.js';

/** The snapshot document of a graph. */
export function graphToSnapshot(graph: AssetGraph): Snapshot {
  const { provider, accountId, regions, collectedAt, ...rest } = graph.metadata;
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    provider: provider ?? 'unknown',
    accountId: accountId ?? '',
    regions: regions ?? [],
    collectedAt: collectedAt ?? new Date().toISOString(),
    metadata: Object.keys(rest).length ? rest : undefined,
    assets: [...graph.assets()],
    edges: [...graph.edges()],
    gaps: [...graph.gaps],
  };
}

/** Writes a graph as JSON, gzipped when the path ends in `.gz`. */
export function saveSnapshot(graph: AssetGraph, path: string): void {
  const json = JSON.stringify(graphToSnapshot(graph));
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(json) : json);
}
