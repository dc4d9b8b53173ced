import { EmulatorServer } from './server.js';
import type { EmulatorOptions, RunningEmulator, World } from './types.js';
import { loadWorld, validateWorld } from './world.js';

export type { EmulatorOptions, EmulatorStats, FaultKind, FaultRule, RunningEmulator, World, WorldCredential } from './types.js';
export { loadWorld, validateWorld, WorldError } from './world.js';

/** Starts the emulator on 127.0.0.1 (random port unless `options.port`). */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const world: World = typeof options.world === 'string' ? loadWorld(options.world) : validateWorld(options.world);
  return new EmulatorServer(world, options).listen(options.port ?? 0, options.host ?? '127.0.0.1');
}
