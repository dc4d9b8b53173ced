import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { collectAlibaba } from '../../../connectors/alibaba/index.js';

const DEMO = fileURLToPath(new URL('../../emulator/worlds/demo.world.json', import.meta.url));
const AUDITOR = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };
const fast = { retryBaseDelayMs: 2, retryMaxDelayMs: 20, timeoutMs: 2000 };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ world: DEMO });
});
afterAll(() => emu.close());

describe('collectAlibaba against the emulator (demo world)', () => {
  it('probe', async () => {
    const { graph, stats } = await collectAlibaba({ credentials: AUDITOR, endpoint: emu.url, env: {}, ...fast });
    console.log(JSON.stringify(graph.gaps, null, 1));
    console.log(graph.types.map((t) => `${t}:${graph.assetsOfType(t).length}`).join(' '), stats.calls, stats.retries);
  });
});
