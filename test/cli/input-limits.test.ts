import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
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
