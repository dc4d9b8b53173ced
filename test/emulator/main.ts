#!/usr/bin/env node
/**
 * CLI: node dist/test/emulator/main.js --world FILE [--port N] [--latency MS] [--seed N]
 * Prints the base URL on stdout (one line) and serves until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator, WorldError } from './index.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      world: { type: 'string', short: 'w' },
      port: { type: 'string', short: 'p' },
      latency: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.world) {
    process.stderr.write('usage: main.js --world FILE [--port N] [--latency MS] [--seed N]\n');
    return values.help ? 0 : 2;
  }
  const emu = await startEmulator({
    world: values.world,
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
  });
  process.stdout.write(`${emu.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const s = emu.stats();
  process.stderr.write(`emulator: ${Object.values(s.calls).reduce((a, b) => a + b, 0)} calls, ${s.throttled} throttled, ${s.faultsInjected} faults\n`);
  await emu.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof WorldError ? e.message : (e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
