import { afterAll, beforeAll } from 'vitest';
import { join } from 'node:path';
import { loadWorld, startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { EmulatorOptions, World, WorldCredential } from '../emulator/types.js';
import { packageRoot } from '../../engine/package-root.js';

export interface DemoEmulator {
  world: World;
  /** The demo world's RAM user with read access: the identity a scan runs as. */
  auditor: WorldCredential;
  /** The running emulator (from the file's beforeAll on). */
  readonly emulator: RunningEmulator;
}

/** The emulated demo account for one test file: started before its tests, closed after them. */
export function useDemoEmulator(options: Omit<EmulatorOptions, 'world'> = { seed: 7 }): DemoEmulator {
  const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
  let running: RunningEmulator | undefined;
  beforeAll(async () => {
    running = await startEmulator({ ...options, world });
  });
  afterAll(async () => {
    await running?.close();
  });
  return {
    world,
    auditor: world.credentials.find((c) => c.Type === 'ram-user')!,
    get emulator(): RunningEmulator {
      if (!running) throw new Error('the demo emulator starts in beforeAll');
      return running;
    },
  };
}
