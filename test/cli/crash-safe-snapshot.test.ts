import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../engine/package-root.js';

// A snapshot write killed half way must leave the earlier snapshot, never a truncated one, and no
// temporary file. The writer runs in a child process (a signal ends the process) compiled with the
// project's tsc. The kill is deterministic, no timing: the child signals itself while the writer
// reads asset 1,500 of 4,000 (~12 of ~33 MB, the second 8 MB piece), i.e. after the file has
// been opened and the first piece written.
const root = packageRoot();
let build: string;

beforeAll(() => {
  build = mkdtempSync(join(tmpdir(), 'assay-crash-build-'));
  // Type errors elsewhere in the tree (work in progress) do not stop tsc from writing the files.
  spawnSync(join(root, 'node_modules/.bin/tsc'), [
    '--ignoreConfig', '--outDir', build, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--sourceMap', 'false', join(root, 'connectors/snapshot/save-snapshot.ts'),
  ], { cwd: root, encoding: 'utf8' });
  expect(existsSync(join(build, 'connectors/snapshot/save-snapshot.js'))).toBe(true);
  writeFileSync(join(build, 'child.mjs'), CHILD);
}, 60_000);
afterAll(() => rmSync(build, { recursive: true, force: true }));

const CHILD = `
import * as snapshots from './connectors/snapshot/save-snapshot.js';
import { AssetGraph } from './engine/graph/asset-graph.js';
const [path, writer, signal] = process.argv.slice(2);
const graph = new AssetGraph({ provider: 'alibaba', accountId: '1', regions: ['cn-hangzhou'], collectedAt: '2026-01-01T00:00:00.000Z' });
const padding = 'x'.repeat(8000);
for (let i = 0; i < 4000; i++) {
  graph.addAsset({ id: 'asset-' + i, type: 'AlibabaOssBucket', provider: 'alibaba', accountId: '1', region: 'cn-hangzhou', name: 'b' + i, tags: [], raw: { padding } });
}
const assets = graph.assets.bind(graph);
graph.assets = function* () {
  let n = 0;
  for (const asset of assets()) {
    if (++n === 1500) process.kill(process.pid, signal);
    yield asset;
  }
};
if (writer === 'async') await snapshots.saveSnapshotAsync(graph, path);
else snapshots.saveSnapshot(graph, path);
console.log('finished');
`;

function writeKilled(writer: 'async' | 'sync', signal: NodeJS.Signals, name = 'snap.json') {
  const dir = mkdtempSync(join(tmpdir(), 'assay-crash-'));
  const path = join(dir, name);
  writeFileSync(path, 'the previous snapshot\n');
  const child = spawnSync(process.execPath, [join(build, 'child.mjs'), path, writer, signal], { encoding: 'utf8', timeout: 30_000 });
  const files = readdirSync(dir);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true })); // ~33 MB each
  return { dir, path, child, files };
}

describe('a snapshot write interrupted half way', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`by ${signal} (collect's writer) keeps the previous snapshot and removes its temporary file`, () => {
      const { path, child, files } = writeKilled('async', signal);
      expect(child.stderr).toBe('');
      expect(child.signal).toBe(signal); // the process still ends by the signal, as it would have
      expect(child.stdout).not.toContain('finished');
      expect(readFileSync(path, 'utf8')).toBe('the previous snapshot\n');
      expect(files).toEqual(['snap.json']);
    });
  }

  it('by SIGTERM, gzipped, keeps the previous snapshot and removes its temporary file', () => {
    const { path, child, files } = writeKilled('async', 'SIGTERM', 'snap.json.gz');
    expect(child.signal).toBe('SIGTERM');
    expect(readFileSync(path, 'utf8')).toBe('the previous snapshot\n');
    expect(files).toEqual(['snap.json.gz']);
  });

  it('by SIGTERM in the synchronous writer ends after the file is complete: whole, private, nothing beside it', () => {
    const { path, child, files } = writeKilled('sync', 'SIGTERM');
    expect(child.signal).toBe('SIGTERM');
    const written = JSON.parse(readFileSync(path, 'utf8')) as { assets: unknown[] };
    expect(written.assets).toHaveLength(4000);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(files).toEqual(['snap.json']);
  });

  it('by SIGKILL (no clean-up possible) still keeps the previous snapshot; only a private temporary file is left', () => {
    const { dir, path, child, files } = writeKilled('sync', 'SIGKILL');
    expect(child.signal).toBe('SIGKILL');
    expect(readFileSync(path, 'utf8')).toBe('the previous snapshot\n');
    const left = files.filter((f) => f !== 'snap.json');
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^\.snap\.json\.[0-9a-f]{16}\.tmp$/);
    expect(statSync(join(dir, left[0])).mode & 0o777).toBe(0o600);
  });
});
