import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/run-cli.js';

const DEMO = 'test/demo/demo-account.snapshot.json';

describe('input limit flags', () => {
  it('--max-assets stops scan and query on a snapshot with more, naming file and flag', async () => {
    for (const argv of [['scan', '--snapshot', DEMO], ['query', '{ alibabaAccounts { id } }', '--snapshot', DEMO]]) {
      const run = await cli(...argv, '--max-assets', '5');
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`${DEMO}: The snapshot holds more than 5 assets, the limit: raise it with --max-assets. [INPUT_LIMIT]\n`);
    }
    expect((await cli('query', '{ alibabaAccounts { id } }', '--snapshot', DEMO, '--max-assets', '100000')).code).toBe(0);
  });

  it('--max-exceptions-mb and --max-input-mb bound the exceptions file, the baseline and diff inputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-limits-'));
    const exceptions = join(dir, 'exceptions.yaml');
    writeFileSync(exceptions, `exceptions:\n${'  - { check: alibaba-cis-2.1, asset: "*", owner: me, reason: padding padding, expires: 2099-01-01 }\n'.repeat(40)}`);
    const tooBig = await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1', '--exceptions', exceptions, '--max-exceptions-mb', '0.001');
    expect(tooBig.code).toBe(2);
    expect(tooBig.stderr).toMatch(/exceptions\.yaml.*--max-exceptions-mb/s);
    const scan = join(dir, 'scan.json');
    expect((await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1', '-o', `json=${scan}`)).code).toBe(1);
    const diff = await cli('diff', scan, scan, '--max-input-mb', '0.001');
    expect(diff.code).toBe(2);
    expect(diff.stderr).toMatch(/scan\.json.*--max-input-mb.*\[INPUT_LIMIT\]/s);
    // A baseline larger than the limit while the snapshot (176 KB) is within it.
    const large = join(dir, 'large-baseline.json');
    writeFileSync(large, readFileSync(scan, 'utf8') + ' '.repeat(300_000));
    const baseline = await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1', '--baseline', large, '--max-input-mb', '0.25');
    expect(baseline.code).toBe(2);
    expect(baseline.stderr).toMatch(/large-baseline\.json.*--max-input-mb.*\[INPUT_LIMIT\]/s);
    expect((await cli('diff', scan, scan)).code).toBe(0);
  });

  it('a limit that is not a positive number is a usage error', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--max-input-mb', '-1');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--max-input-mb takes a positive number, got "-1"/);
  });

  it('a directory given as --snapshot is named, not a bare EISDIR', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'assay-dir-'));
    const run = await cli('scan', '--snapshot', folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${folder}: Cannot read the snapshot ${folder}: it is a directory, not a regular file\\. \\[SNAPSHOT_READ\\]`));
  });

  it('--help lists the limits with their defaults', async () => {
    const help = (await cli('scan', '--help')).stdout;
    expect(help).toMatch(/Input limits:/);
    expect(help).toMatch(/--max-input-mb[\s\S]*default 4096/);
    expect(help).toMatch(/--max-line-mb[\s\S]*default 64/);
    expect(help).toMatch(/--max-assets[\s\S]*default 2000000/);
    expect(help).toMatch(/--max-exceptions-mb[\s\S]*default 4\)/);
  });
});
