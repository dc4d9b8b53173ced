import { join } from 'node:path';
import { startEmulator, loadWorld } from '../emulator/index.js';
import { runCli } from '../../cli/main.js';
import { processIo } from '../../cli/io.js';
import { packageRoot } from '../../engine/package-root.js';

/**
 * Runs one `assay` command against the emulated demo account: starts the Alibaba API emulator
 * with the bundled demo world on 127.0.0.1, points the CLI at it with the auditor RAM user's keys
 * (as a real deployment would scan: not with root keys), and stops it afterwards.
 */
export async function runAgainstDemoAccount(argv: string[]): Promise<number> {
  const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
  const key = world.credentials.find((c) => c.Type === 'ram-user') ?? world.credentials[0];
  const emulator = await startEmulator({ world });
  const io = processIo();
  io.stderr(`Demo account ${world.account.AccountId} served by the Alibaba API emulator at ${emulator.url}\n`);
  try {
    return await runCli([...argv, '--endpoint', emulator.url], {
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
}
