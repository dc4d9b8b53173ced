import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useDemoEmulator } from '../helpers/demo-emulator.js';
import { runCli } from '../../cli/main.js';
import { packageRoot } from '../../engine/package-root.js';

// `assay collect --out F` against the emulated demo account: F is replaced whole and private, and a
// link at F is refused before any API is called (not after minutes of collection).
const demo = useDemoEmulator();

async function collect(out: string, cwd: string) {
  let stderr = '';
  // Only what one check reads: the save is under test, not the collection (a few API calls, not hundreds).
  const check = join(packageRoot(), 'checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql');
  const code = await runCli(['collect', '--endpoint', demo.emulator.url, '--checks', check, '--out', out], {
    stdout: () => {},
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd,
    env: { ALIBABA_CLOUD_ACCESS_KEY_ID: demo.auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: demo.auditor.AccessKeySecret },
  });
  return { code, stderr };
}

const calls = () => Object.values(demo.emulator.stats().calls).reduce((a, b) => a + b, 0);

describe('assay collect --out', () => {
  it('replaces the snapshot whole, 0600 whatever the umask, with nothing left beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-collect-'));
    writeFileSync(join(dir, 'demo.json.gz'), 'the previous snapshot', { mode: 0o644 });
    const umask = process.umask(0);
    try {
      const run = await collect('demo.json.gz', dir); // relative to the CLI's working folder
      expect(run.code).toBe(0);
    } finally {
      process.umask(umask);
    }
    expect(JSON.parse(gunzipSync(readFileSync(join(dir, 'demo.json.gz'))).toString('utf8')).assets.length).toBeGreaterThan(0);
    expect(statSync(join(dir, 'demo.json.gz')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['demo.json.gz']);
  });

  it('refuses a symbolic link at --out before collecting, naming the file; the target is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-collect-'));
    writeFileSync(join(dir, 'victim'), 'not yours\n');
    symlinkSync(join(dir, 'victim'), join(dir, 'snap.json'));
    const before = calls();
    const run = await collect(join(dir, 'snap.json'), dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'snap.json')}: Refusing to write through a symbolic link`);
    expect(calls()).toBe(before);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('not yours\n');
    expect(readlinkSync(join(dir, 'snap.json'))).toBe(join(dir, 'victim'));
  });
});
