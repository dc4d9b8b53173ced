import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSnapshot, graphToSnapshot, snapshotText } from '../../connectors/snapshot/save-snapshot.js';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { loadSnapshot, readSnapshot, type LoadSnapshotOptions } from '../../connectors/snapshot/load-snapshot.js';
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

const errorOf = (path: string, options?: LoadSnapshotOptions): AssayError => {
  try {
    loadSnapshot(path, options);
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

describe('snapshots too large for one string', () => {
  // The real limit is V8's longest string (~512 MB); a tiny limit takes the same path here.
  const large = { documentLimitBytes: 64 };
  const lineError = (path: string): AssayError => errorOf(path, large);

  it('are written a record a line, still one JSON document, and read back a line at a time', () => {
    for (const name of ['lines.json', 'lines.json.gz']) {
      const graph = sample();
      const path = join(dir, name);
      saveSnapshot(graph, path);
      const text = name.endsWith('.gz') ? gunzipSync(readFileSync(path)).toString('utf8') : readFileSync(path, 'utf8');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(graphToSnapshot(graph))));
      expect(text.split('\n').filter((l) => l.startsWith('{"id":'))).toHaveLength(graph.size);
      const loaded = loadSnapshot(path, large);
      expect(graphToSnapshot(loaded)).toEqual(graphToSnapshot(graph));
      expect(loaded.gaps[0].code).toBe('Rejected.Throttling');
    }
  });

  it('round-trip empty lists', () => {
    const path = join(dir, 'empty-lists.json');
    saveSnapshot(new AssetGraph({ provider: 'alibaba', collectedAt: '2026-11-25T00:00:00.000Z' }), path);
    expect(loadSnapshot(path, large).size).toBe(0);
    expect(JSON.parse(readFileSync(path, 'utf8')).assets).toEqual([]);
  });

  it('a gzipped file of many members (one per written piece) reads as one stream', () => {
    const path = join(dir, 'members.json.gz');
    const text = [...snapshotText(sample())].join('');
    writeFileSync(path, Buffer.concat([gzipSync(text.slice(0, 100)), gzipSync(text.slice(100))]));
    expect(loadSnapshot(path).size).toBe(sample().size);
  });

  it('name the line of a bad record, and a layout they cannot read', () => {
    const path = join(dir, 'bad-lines.json');
    const lines = [...snapshotText(sample())].join('').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"id":'));
    const broken = [...lines];
    broken[at + 1] = broken[at + 1].replace('"id":', '"nid":');
    writeFileSync(path, broken.join('\n'));
    const error = lineError(path);
    expect(error).toMatchObject({ code: 'SNAPSHOT_INVALID', file: path, line: at + 2 });
    expect(error.message).toMatch(/at \/assets\/1: must have required property 'id'/);
    writeFileSync(path, JSON.stringify(graphToSnapshot(sample()), null, 2));
    expect(lineError(path).message).toMatch(/line 1: expected the header object.*layout assay collect writes/);
    const cut = lines.slice(0, at + 1).join('\n');
    writeFileSync(path, cut);
    expect(lineError(path).message).toMatch(/assets list is not closed/);
  });
});

describe('readSnapshot (streaming, what the CLI uses)', () => {
  const rejection = async (path: string): Promise<AssayError> => {
    try {
      await readSnapshot(path);
    } catch (error) {
      return error as AssayError;
    }
    throw new Error('expected the snapshot to be rejected');
  };

  it('reads the one-record-a-line layout, plain and gzipped, like loadSnapshot', async () => {
    for (const name of ['stream.json', 'stream.json.gz']) {
      const graph = sample();
      const path = join(dir, name);
      saveSnapshot(graph, path);
      expect(graphToSnapshot(await readSnapshot(path))).toEqual(graphToSnapshot(graph));
    }
  });

  it('reads any other JSON document (one line, pretty-printed) as a whole', async () => {
    const path = join(dir, 'pretty.json');
    writeFileSync(path, JSON.stringify(graphToSnapshot(sample()), null, 2));
    expect((await readSnapshot(path)).size).toBe(sample().size);
    writeFileSync(path, JSON.stringify(graphToSnapshot(sample())));
    expect((await readSnapshot(path)).size).toBe(sample().size);
  });

  it('names the line of a bad record, and rejects truncated gzip and missing files', async () => {
    const lines = [...snapshotText(sample())].join('').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"id":'));
    lines[at] = lines[at].replace('"type":"', '"type":"not a type ');
    const path = join(dir, 'stream-bad.json');
    writeFileSync(path, lines.join('\n'));
    expect(await rejection(path)).toMatchObject({ code: 'SNAPSHOT_INVALID', line: at + 1 });
    const gz = join(dir, 'stream-bad.json.gz');
    saveSnapshot(sample(), gz);
    writeFileSync(gz, readFileSync(gz).subarray(0, 60));
    expect((await rejection(gz)).message).toMatch(/not valid gzip|not closed/);
    expect((await rejection(join(dir, 'absent.json'))).code).toBe('SNAPSHOT_READ');
  });
});
