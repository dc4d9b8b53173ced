/**
 * `npm run demo`: starts the Alibaba API emulator with the bundled demo world on 127.0.0.1 and
 * scans it through the real connector over HTTP (signed requests, paging, rate limits), exactly
 * as `assay scan` scans a live account. Extra arguments go to `assay scan`.
 */
import { join } from 'node:path';
import { startEmulator, loadWorld } from '../emulator/index.js';
import { runCli } from '../../cli/main.js';
import { processIo } from '../../cli/io.js';
import { packageRoot } from '../../engine/package-root.js';

const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
// The demo scans as the auditor RAM user, as a real deployment would (not with root keys).
const key = world.credentials.find((c) => c.Type === 'ram-user') ?? world.credentials[0];
const emulator = await startEmulator({ world });
const io = processIo();
io.stderr(`Demo account ${world.account.AccountId} served by the Alibaba API emulator at ${emulator.url}\n`);
try {
  process.exitCode = await runCli(['scan', '--endpoint', emulator.url, ...process.argv.slice(2)], {
    ...io,
    env: {
      ...process.env,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.AccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.AccessKeySecret,
      ALIBABA_CLOUD_SECURITY_TOKEN: '',
      ALIBABA_CLOUD_PROFILE: '',
    },
  });
} finally {
  await emulator.close();
}
