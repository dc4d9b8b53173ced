/**
 * Rewrites test/demo/demo-account.snapshot.json (the snapshot offline tests scan) by collecting
 * everything from the emulated demo account, so it always matches demo.world.json. Run after
 * changing the world or the connector: `npm run build && node dist/test/demo/write-demo-snapshot.js`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../engine/package-root.js';
import { runAgainstDemoAccount } from './demo-emulator.js';

const file = join(packageRoot(), 'test/demo/demo-account.snapshot.json');
process.exitCode = await runAgainstDemoAccount(['collect', '--out', file]);
// Indented, so a change to the demo world reads as a reviewable diff.
if (process.exitCode === 0) writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2) + '\n');
