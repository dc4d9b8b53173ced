import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AssetGraph } from '../engine/index.js';
import { saveSnapshot } from '../connectors/snapshot/save-snapshot.js';
import { packageRoot } from '../engine/package-root.js';
import type { WholeScanFigures } from './results-format.js';

const MARKER = '@@assay-bench-rss ';

/**
 * What a user waits for: one `assay scan` process over a snapshot of the account, with json and
 * sarif reports — node's start, the snapshot read, the packs loaded, the evaluation, the reports —
 * timed whole, with its peak RSS. The CLI runs through a two-line wrapper that reports the
 * process's resource usage when it ends.
 */
export function timeWholeScan(graph: AssetGraph, pack: string): WholeScanFigures {
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-scan-'));
  try {
    const snapshot = join(dir, 'account.json');
    saveSnapshot(graph, snapshot);
    const main = pathToFileURL(join(packageRoot(), 'dist', 'cli', 'main.js')).href;
    const wrapper = `const { runCli } = await import(${JSON.stringify(main)}); process.exitCode = await runCli(process.argv.slice(1)); process.stderr.write('\\n${MARKER}' + process.resourceUsage().maxRSS + '\\n');`;
    const args = ['scan', '--snapshot', snapshot, '--pack', pack, '-o', `json=${join(dir, 'scan.json')}`, '-o', `sarif=${join(dir, 'scan.sarif')}`];
    const start = performance.now();
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 26 });
    const ms = performance.now() - start;
    const stderr = child.stderr.toString();
    // Exit 1: the scan has findings (the synthetic account is deliberately non-compliant).
    if (child.status !== 0 && child.status !== 1) throw new Error(`assay scan exited with ${child.status}: ${stderr.trim().slice(0, 500)}`);
    const rssKb = Number(stderr.slice(stderr.lastIndexOf(MARKER) + MARKER.length).trim());
    return {
      ms: Math.round(ms),
      peakRssMb: Math.round(rssKb / 1024),
      snapshotMb: Math.round(statSync(snapshot).size / 1024 / 1024),
      reportsMb: Math.round((statSync(join(dir, 'scan.json')).size + statSync(join(dir, 'scan.sarif')).size) / 1024 / 1024),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
