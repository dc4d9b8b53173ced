import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../engine/package-root.js';
import { snapshotToGraph } from '../../connectors/snapshot/load-snapshot.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { bundledChecksDir } from '../../engine/bundled.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { bundledSchema } from '../helpers/engine.js';

/** A resource name an attacker controls: markup, script, a formula and a Markdown link. */
export const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>=HYPERLINK("http://evil") [x](http://evil) | ]]>`;

/**
 * The demo account scanned with the CIS v2.0.0 pack, with the public ActionTrail bucket renamed to
 * HOSTILE: the same failures as the demo, and attacker-controlled text in several findings.
 */
export async function demoScan(): Promise<ScanResult> {
  const snapshot = JSON.parse(readFileSync(join(packageRoot(), 'test/demo/demo-account.snapshot.json'), 'utf8'));
  for (const asset of snapshot.assets) if (asset.name === 'demo-actiontrail-logs') asset.name = HOSTILE;
  const graph = snapshotToGraph(snapshot);
  const assay = bundledSchema();
  const { checks } = loadPackChecks(findPack(findPacks([bundledChecksDir()]), 'cis-alibaba-v2.0.0'), assay, packageRoot());
  return runChecks(checks, { assay, graph });
}
