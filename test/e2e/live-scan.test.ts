import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, loadWorld, type RunningEmulator } from '../emulator/index.js';
import { runCli } from '../../cli/main.js';
import { packageRoot } from '../../engine/package-root.js';

// End to end: the emulator (real signatures, paging, throttling, faults) + the real connector
// (pop-core, ali-oss, @alicloud/log over HTTP) + the engine + the CLI, in-process.
const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
const SECRETS = world.credentials.map((c) => c.AccessKeySecret);
let emulator: RunningEmulator;
const printed: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ world, seed: 7 });
});
afterAll(async () => {
  await emulator.close();
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
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}

describe('assay scan against a live (emulated) account', () => {
  it('collects the demo account over HTTP and reports the ActionTrail finding', async () => {
    emulator.setFaults([]);
    const run = await assay(['scan', '--endpoint', emulator.url, '--check', 'alibaba-cis-2.1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/0 gaps/);
    expect(run.stdout).toMatch(/FAIL\s+high\s+alibaba-cis-2.1/);
    expect(run.stdout).toMatch(/records only Write events/);
    expect(run.stdout).toMatch(/is not enabled \(status Disable\)/);
  });

  it('wrong keys give one clear error and exit 2', async () => {
    const run = await assay(['scan', '--endpoint', emulator.url], { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'wrong-secret-value' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SignatureDoesNotMatch|signature/i);
    expect(run.stderr).not.toContain('wrong-secret-value');
    expect(run.stdout).toBe('');
  });

  it('with 20% injected throttling and 5xx errors a full collection completes with no gaps (retries)', async () => {
    emulator.setFaults([
      { product: '*', kind: 'throttle', rate: 0.1 },
      { product: '*', kind: 'error', rate: 0.1 },
    ]);
    const before = emulator.stats().faultsInjected;
    const file = join(mkdtempSync(join(tmpdir(), 'assay-e2e-')), 'faulty.json');
    const collect = await assay(['collect', '--endpoint', emulator.url, '--out', file]);
    emulator.setFaults([]);
    expect(collect.code).toBe(0);
    expect(emulator.stats().faultsInjected - before).toBeGreaterThan(5);
    expect(collect.stderr).toMatch(/[1-9]\d* retries/);
    expect(collect.stderr).toMatch(/ 0 gaps/);
    const run = await assay(['scan', '--snapshot', file, '--check', 'alibaba-cis-2.1', '--output', 'json']);
    const result = JSON.parse(run.stdout);
    expect(result.gaps).toEqual([]);
    expect(result.checks[0].status).toBe('fail');
  });

  it('a permanently denied action makes every check that reads it error, never pass', async () => {
    emulator.setFaults([{ product: 'actiontrail', action: 'DescribeTrails', kind: 'deny' }]);
    const run = await assay(['scan', '--endpoint', emulator.url, '--check', 'alibaba-cis-2.1', '--fail-on', 'none']);
    emulator.setFaults([]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR\s+high\s+alibaba-cis-2.1/);
    expect(run.stdout).toMatch(/DescribeTrails.*Forbidden\.RAM.*grant actiontrail:DescribeTrails/);
    expect(run.stdout).toMatch(/1 error, 0 pass/);
  });

  it('collect writes a snapshot that scans offline to the same result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-e2e-'));
    const file = join(dir, 'demo.json.gz');
    const collect = await assay(['collect', '--endpoint', emulator.url, '--out', file]);
    expect(collect.code).toBe(0);
    const text = gunzipSync(readFileSync(file)).toString('utf8');
    printed.push(text);
    const offline = await assay(['scan', '--snapshot', file, '--check', 'alibaba-cis-2.1', '--output', 'json']);
    const online = await assay(['scan', '--endpoint', emulator.url, '--check', 'alibaba-cis-2.1', '--output', 'json']);
    const findings = (r: { stdout: string }) => JSON.parse(r.stdout).checks[0].findings.map((f: { asset: { id: string }; reason: string }) => [f.asset.id, f.reason]);
    expect(findings(offline)).toEqual(findings(online));
  });

  it('no secret appears in any output, log or snapshot', () => {
    const everything = printed.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
  });
});
