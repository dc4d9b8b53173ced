import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, loadWorld, type RunningEmulator } from '../emulator/index.js';
import { runCli } from '../../cli/main.js';
import { packageRoot } from '../../engine/package-root.js';

// A custom endpoint answers for the whole account: plain HTTP only to loopback unless the user
// says so, and every scan through one says so on stderr and in its report.
const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
/** An address of this machine that is not loopback (the emulator listens on it), if it has one. */
const lanAddress = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4')?.address;
let emulator: RunningEmulator;
let lanEmulator: RunningEmulator | undefined;

beforeAll(async () => {
  emulator = await startEmulator({ world, seed: 7 });
  if (lanAddress) lanEmulator = await startEmulator({ world, seed: 7, host: lanAddress });
});
afterAll(async () => {
  await emulator.close();
  await lanEmulator?.close();
});

async function assay(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd: packageRoot(),
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: auditor.AccessKeySecret, ...env },
  });
  return { code, stdout, stderr };
}

describe('custom endpoints', () => {
  it('plain HTTP to loopback needs no flag, and the scan says loudly that a custom endpoint answered', async () => {
    const run = await assay(['scan', '--endpoint', emulator.url, '--check', 'alibaba-cis-2.1', '--output', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/WARNING: Collected through a custom endpoint, http:\/\/127\.0\.0\.1:\d+ \(plain HTTP\)/);
    const result = JSON.parse(run.stdout);
    expect(result.source.customEndpoint).toEqual({ url: emulator.url, plainHttp: true });
    expect(result.checks[0].status).toBe('fail');
  });

  it('plain HTTP to a host that is not loopback is refused before any request (flag or env, else exit 2)', async () => {
    const host = lanEmulator?.url ?? 'http://192.0.2.1:9';
    const before = lanEmulator?.stats().calls ?? {};
    for (const env of [{}, { ASSAY_ALIBABA_ENDPOINT: host }] as Array<Record<string, string>>) {
      const run = await assay(['scan', ...(Object.keys(env).length ? [] : ['--endpoint', host]), '--check', 'alibaba-cis-2.1'], env);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/plain HTTP to a host that is not loopback.*--allow-insecure-endpoint.*\[ENDPOINT_INSECURE\]/s);
      expect(run.stdout).toBe('');
    }
    if (lanEmulator) expect(lanEmulator.stats().calls).toEqual(before);
  });

  it.skipIf(!lanAddress)('--allow-insecure-endpoint (or ASSAY_ALLOW_INSECURE_ENDPOINT=1) lets it through, with the warning', async () => {
    for (const [flags, env] of [[['--allow-insecure-endpoint'], {}], [[], { ASSAY_ALLOW_INSECURE_ENDPOINT: '1' }]] as const) {
      const run = await assay(['scan', '--endpoint', lanEmulator!.url, ...flags, '--check', 'alibaba-cis-2.1', '--output', 'markdown'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`WARNING: Collected through a custom endpoint, ${lanEmulator!.url} (plain HTTP)`);
      expect(run.stdout).toMatch(/> \*\*Warning:\*\* Collected through a custom endpoint/);
    }
  });

  it.skipIf(!lanAddress)('assay collect honours --allow-insecure-endpoint too, and says so', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'assay-endpoint-')), 'snap.json');
    const refused = await assay(['collect', '--endpoint', lanEmulator!.url, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/\[ENDPOINT_INSECURE\]/);
    const run = await assay(['collect', '--endpoint', lanEmulator!.url, '--allow-insecure-endpoint', '--out', out, '--checks', 'checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`WARNING: Collected through a custom endpoint, ${lanEmulator!.url} (plain HTTP)`);
  });

  it('an endpoint that is not an http(s) URL is a usage error', async () => {
    const bad = await assay(['scan', '--endpoint', 'file:///etc/passwd', '--check', 'alibaba-cis-2.1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/only https:\/\/.*\[ENDPOINT_INVALID\]/);
    const notUrl = await assay(['scan', '--endpoint', 'not a url', '--check', 'alibaba-cis-2.1']);
    expect(notUrl.stderr).toMatch(/is not a URL.*\[ENDPOINT_INVALID\]/);
  });
});
