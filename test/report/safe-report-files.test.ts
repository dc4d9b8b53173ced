import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../engine/runner/results.js';
import { renderJson } from '../../engine/report/json.js';
import { writeReports, type OutputTarget } from '../../cli/output/write-reports.js';
import { writeFileSafelySync } from '../../engine/files/safe-write.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import type { CliIo } from '../../cli/io.js';

// Reports hold account data and are written where others may write too (a shared folder, /tmp):
// no planted link may redirect them, no temporary name may be guessed, and only the owner reads them.
const result = { formatVersion: 1, checks: [{ id: 'alibaba-cis-2.1', status: 'fail', findings: [{ asset: { id: 'acs:oss::1:bucket/logs' } }] }] } as unknown as ScanResult;
const report = renderJson(result);
const io = (cwd: string): CliIo => ({ stdout: () => {}, stderr: () => {}, isTTY: false, env: {}, cwd });
const json = (file: string): OutputTarget[] => [{ format: 'json', file }];
const mode = (path: string) => statSync(path).mode & 0o777;

function thrown(run: () => void): AssayError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AssayError);
    return error as AssayError;
  }
  throw new Error('expected an error');
}

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-safe-'));
  writeFileSync(join(dir, 'victim'), 'not yours\n');
  umask = process.umask(0); // the most permissive umask: the mode must not come from it
});
afterEach(() => {
  process.umask(umask);
});

describe('report files', () => {
  it('refuse a symbolic link planted at the report path, naming the file; the link target is untouched', () => {
    symlinkSync(join(dir, 'victim'), join(dir, 'scan.json'));
    const error = thrown(() => writeReports(result, json('scan.json'), io(dir)));
    expect(error.code).toBe('OUTPUT_SYMLINK');
    expect(error.file).toBe(join(dir, 'scan.json'));
    expect(error.format()).toMatch(/scan\.json: Refusing to write through a symbolic link.*--follow-symlinks/);
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('not yours\n');
    expect(readlinkSync(join(dir, 'scan.json'))).toBe(join(dir, 'victim'));
    expect(readdirSync(dir).sort()).toEqual(['scan.json', 'victim']);
  });

  it('write through a link when asked (followSymlinks), replacing its target whole and private', () => {
    symlinkSync('victim', join(dir, 'scan.json'));
    writeReports(result, json('scan.json'), io(dir), { followSymlinks: true });
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe(report);
    expect(lstatSync(join(dir, 'scan.json')).isSymbolicLink()).toBe(true);
    expect(mode(join(dir, 'victim'))).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['scan.json', 'victim']);
  });

  it('are not redirected by links planted at the old predictable temporary names (.NAME.PID.tmp)', () => {
    for (const pid of [process.pid, process.pid + 1, process.ppid]) symlinkSync(join(dir, 'victim'), join(dir, `.scan.json.${pid}.tmp`));
    writeReports(result, json('scan.json'), io(dir));
    expect(readFileSync(join(dir, 'victim'), 'utf8')).toBe('not yours\n');
    expect(lstatSync(join(dir, 'scan.json')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe(report);
  });

  it('are written 0600 whatever the umask, and a report replaced at 0644 becomes 0600', () => {
    writeReports(result, json('new.json'), io(dir));
    expect(mode(join(dir, 'new.json'))).toBe(0o600);
    writeFileSync(join(dir, 'old.json'), 'the earlier report', { mode: 0o644 });
    expect(mode(join(dir, 'old.json'))).toBe(0o644);
    writeReports(result, json('old.json'), io(dir));
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe(report);
    expect(mode(join(dir, 'old.json'))).toBe(0o600);
  });

  it('still write devices in place (/dev/null); a folder or a missing folder is an error naming the path', () => {
    writeReports(result, json('/dev/null'), io(dir));
    mkdirSync(join(dir, 'folder'));
    expect(thrown(() => writeReports(result, json('folder'), io(dir)))).toMatchObject({ code: 'OUTPUT_WRITE', file: join(dir, 'folder') });
    const missing = thrown(() => writeReports(result, json('no/such/scan.json'), io(dir)));
    expect(missing).toMatchObject({ code: 'OUTPUT_WRITE', file: join(dir, 'no/such/scan.json') });
    expect(missing.message).toMatch(/ENOENT/);
  });
});

describe('the temporary file', () => {
  /** Pieces that look at the folder while the file is being written. */
  function* watched(seen: { name: string; mode: number }[]) {
    yield 'first piece\n';
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.tmp'))) seen.push({ name, mode: mode(join(dir, name)) });
    yield 'second piece\n';
  }

  it('has an unguessable name beside the file (.NAME.<16 random hex>.tmp), mode 0600 from its creation', () => {
    const seen: { name: string; mode: number }[] = [];
    writeFileSafelySync(join(dir, 'scan.json'), watched(seen));
    writeFileSafelySync(join(dir, 'scan.json'), watched(seen));
    expect(seen).toHaveLength(2);
    for (const { name, mode } of seen) {
      expect(name).toMatch(/^\.scan\.json\.[0-9a-f]{16}\.tmp$/);
      expect(mode).toBe(0o600);
    }
    expect(seen[0].name).not.toBe(seen[1].name);
    expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe('first piece\nsecond piece\n');
    expect(readdirSync(dir).sort()).toEqual(['scan.json', 'victim']);
  });

  it('keeps a name within NAME_MAX for a long file name', () => {
    const long = `${'r'.repeat(250)}.json`;
    writeFileSafelySync(join(dir, long), ['x']);
    expect(readFileSync(join(dir, long), 'utf8')).toBe('x');
  });
});
