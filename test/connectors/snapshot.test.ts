import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSnapshot, graphToSnapshot } from '../../connectors/snapshot/save-snapshot.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { AlibabaGraphBuilder, COMPLIANT } from '../helpers/alibaba-graph.js';

const dir = mkdtempSync(join(tmpdir(), 'assay-snap-'));

function sample() {
  const b = new AlibabaGraphBuilder();
  const bucket = b.bucket('logs', { raw: { Name: 'logs', Nested: { deep: [1, 2] } } });
  const trail = b.trail({ name: 't', ...COMPLIANT });
  b.link(trail, 'ossBucket', bucket);
  b.graph.addGap({ provider: 'alibaba', product: 'kms', action: 'ListKeys', region: 'cn-hangzhou', code: 'Rejected.Throttling', message: 'QPS Limit Exceeded', types: ['AlibabaKmsKey'] });
  b.graph.metadata.collectedAt = '2026-11-25T00:00:00.000Z';
  return b.graph;
}

const errorOf = (path: string): AssayError => {
  try {
    loadSnapshot(path);
  } catch (error) {
    return error as AssayError;
  }
  throw new Error('expected the snapshot to be rejected');
};

describe('snapshots', () => {
  for (const name of ['round.json', 'round.json.gz']) {
    it(`round-trips assets, edges, gaps and metadata (${name})`, () => {
      const graph = sample();
      const path = join(dir, name);
      saveSnapshot(graph, path);
      const loaded = loadSnapshot(path);
      expect(graphToSnapshot(loaded)).toEqual(graphToSnapshot(graph));
      expect(loaded.target(loaded.assetsOfType('AlibabaActionTrail')[0].id, 'ossBucket')?.name).toBe('logs');
      expect(loaded.gaps[0].code).toBe('Rejected.Throttling');
      expect(loaded.metadata).toMatchObject({ provider: 'alibaba', accountId: '1234567890123456', regions: ['cn-hangzhou'] });
      if (name.endsWith('.gz')) expect(readFileSync(path)[0]).toBe(0x1f);
    });
  }

  it('records the format and tool versions', () => {
    const snapshot = graphToSnapshot(sample());
    expect(snapshot.formatVersion).toBe(1);
    expect(snapshot.tool.name).toBe('assay');
  });

  it('rejects invalid JSON', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{"formatVersion": 1, "assets": [');
    expect(errorOf(path)).toMatchObject({ code: 'SNAPSHOT_INVALID', file: path });
    expect(errorOf(path).message).toMatch(/not valid JSON/);
  });

  it('rejects truncated gzip', () => {
    const path = join(dir, 'bad.json.gz');
    writeFileSync(path, gzipSync(JSON.stringify(graphToSnapshot(sample()))).subarray(0, 40));
    expect(errorOf(path).message).toMatch(/not valid gzip/);
  });

  it('names the first place that does not match the format', () => {
    const snapshot = graphToSnapshot(sample()) as unknown as { assets: Array<Record<string, unknown>> };
    delete snapshot.assets[1].id;
    const path = join(dir, 'shape.json');
    writeFileSync(path, JSON.stringify(snapshot));
    expect(errorOf(path).message).toMatch(/at \/assets\/1: must have required property 'id'/);
  });

  it('rejects other format versions and duplicate asset ids', () => {
    const newer = { ...graphToSnapshot(sample()), formatVersion: 2 };
    writeFileSync(join(dir, 'v2.json'), JSON.stringify(newer));
    expect(errorOf(join(dir, 'v2.json')).message).toMatch(/format version 2 is not supported/);
    const dup = graphToSnapshot(sample());
    dup.assets.push(dup.assets[0]);
    writeFileSync(join(dir, 'dup.json'), JSON.stringify(dup));
    expect(errorOf(join(dir, 'dup.json')).message).toMatch(/added twice/);
  });

  it('a missing file is a read error', () => {
    expect(errorOf(join(dir, 'nope.json')).code).toBe('SNAPSHOT_READ');
  });
});
