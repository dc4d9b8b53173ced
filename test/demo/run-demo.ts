/**
 * `npm run demo`: scans the emulated demo account through the real connector over HTTP (signed
 * requests, paging, rate limits), exactly as `assay scan` scans a live account. Extra arguments
 * go to `assay scan`.
 */
import { runAgainstDemoAccount } from './demo-emulator.js';

process.exitCode = await runAgainstDemoAccount(['scan', ...process.argv.slice(2)]);
