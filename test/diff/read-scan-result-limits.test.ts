import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readScanResult } from '../../engine/diff/read-scan-result.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { demoScan } from '../report/scan-fixture.js';
import { cli } from '../helpers/run-cli.js';
import { packageRoot } from '../../engine/package-root.js';

// A scan result (assay diff, --baseline) is read under the same bounds as a snapshot.
const dir = mkdtempSync(join(tmpdir(), 'assay-diff-limits-'));

function errorOf(read: () => unknown): AssayError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(AssayError);
    return error as AssayError;
  }
  throw new Error('expected the scan result to be rejected');
}

describe('reading a scan result', () => {
  it('refuses a directory, a FIFO and a device by name, without blocking', () => {
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    for (const [path, kind] of [[folder, 'a directory'], [fifo, 'a FIFO'], ['/dev/zero', 'a character device']] as const) {
      const error = errorOf(() => readScanResult(path));
      expect(error).toMatchObject({ code: 'SCAN_RESULT_INVALID', file: path });
      expect(error.message).toContain(`it is ${kind}`);
    }
  }, 10_000);

  it('refuses a file past --max-input-mb before reading it, in assay diff and scan --baseline', async () => {
    const path = join(dir, 'scan.json');
    writeFileSync(path, JSON.stringify(await demoScan()));
    expect(readScanResult(path).checks.length).toBeGreaterThan(0);
    const error = errorOf(() => readScanResult(path, { maxInputBytes: 1024 }));
    expect(error).toMatchObject({ code: 'INPUT_LIMIT', file: path });
    expect(error.message).toMatch(/The scan result is \d+ bytes, more than the limit of 1024 bytes: raise it with --max-input-mb \(in MB\)/);
    const diff = await cli('diff', path, path, '--max-input-mb', '0.001');
    expect(diff.code).toBe(2);
    expect(diff.stderr).toMatch(new RegExp(`^${path}: The scan result is .*--max-input-mb.*\\[INPUT_LIMIT\\]`));
    expect((await cli('diff', path, path, '--max-input-mb', '1')).code).toBe(0);
    // A limit the demo snapshot fits and its scan result does not.
    const snapshot = 'test/demo/demo-account.snapshot.json';
    const limit = statSync(join(packageRoot(), snapshot)).size + 1;
    expect(statSync(path).size).toBeGreaterThan(limit);
    const scan = await cli('scan', '--snapshot', snapshot, '--baseline', path, '--max-input-mb', String(limit / 1024 / 1024), '-o', 'json=/dev/null');
    expect(scan.stderr).toMatch(/scan\.json: The scan result is .*\[INPUT_LIMIT\]/);
    expect(scan.code).toBe(2);
  });
});
