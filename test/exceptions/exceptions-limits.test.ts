import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExceptions, readExceptionsFile } from '../../engine/exceptions/exception-file.js';
import { compileGlob, globMatches } from '../../engine/exceptions/glob.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { cli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'assay-exc-limits-'));
const entry = (check: string, asset: string) => `  - check: "${check}"\n    asset: "${asset}"\n    owner: o\n    reason: r\n    expires: 2027-01-01\n`;

function errorOf(read: () => unknown): AssayError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(AssayError);
    return error as AssayError;
  }
  throw new Error('expected the exceptions file to be rejected');
}

describe('exception globs', () => {
  it('match in time bounded by glob x text length (2,500 stars against 3,000 characters)', () => {
    const started = performance.now();
    // As a RegExp (one [\s\S]* a star) this backtracks without end; 20 stars already took minutes.
    expect(compileGlob(`${'*a'.repeat(2500)}*b`).test('a'.repeat(3000))).toBe(false);
    expect(compileGlob(`${'*a'.repeat(20)}*`).test('a'.repeat(3000))).toBe(true);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('match as the RegExp they replace did, on every short glob and text over a small alphabet', () => {
    const regexOf = (glob: string) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]')}$`);
    const words = (alphabet: string[], max: number): string[] => {
      let level = [''];
      const all = [''];
      for (let n = 1; n <= max; n++) all.push(...(level = level.flatMap((w) => alphabet.map((c) => w + c))));
      return all;
    };
    const texts = words(['a', 'b', ':'], 4);
    for (const glob of words(['a', ':', '*', '?'], 4)) {
      const regex = regexOf(glob);
      for (const text of texts) expect(globMatches(glob, text), `${glob} on ${text}`).toBe(regex.test(text));
    }
  });

  it('with more than 16 stars or 1,024 characters are an error at file:line:col', () => {
    const { errors } = parseExceptions(`exceptions:\n${entry('alibaba-cis-2.1', '*'.repeat(17))}${entry('x'.repeat(1025), '*')}`, 'exc.yaml');
    expect(errors.map((e) => e.format().split('\n')[0])).toEqual([
      'exc.yaml:3:12: "asset" is 17 characters with 17 "*": a glob may have at most 1024 characters and 16 "*". [EXCEPTIONS_INVALID]',
      'exc.yaml:7:12: "check" is 1025 characters with 0 "*": a glob may have at most 1024 characters and 16 "*". [EXCEPTIONS_INVALID]',
    ]);
  });
});

describe('reading an exceptions file', () => {
  it('refuses a directory, a FIFO and a device by name, without blocking', () => {
    const fifo = join(tmp, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    for (const [path, kind] of [[tmp, 'a directory'], [fifo, 'a FIFO'], ['/dev/zero', 'a character device']] as const) {
      const error = errorOf(() => readExceptionsFile(path));
      expect(error).toMatchObject({ code: 'EXCEPTIONS_INVALID', file: path });
      expect(error.message).toContain(`Cannot read the exceptions file ${path}: it is ${kind}`);
    }
  }, 10_000);

  it('refuses a file past --max-exceptions-mb before parsing it', async () => {
    const path = join(tmp, 'large.yaml');
    writeFileSync(path, `exceptions:\n${entry('alibaba-cis-2.1', '*').repeat(200)}`); // ~17 KB
    expect(readExceptionsFile(path)).toHaveLength(200);
    const error = errorOf(() => readExceptionsFile(path, { maxExceptionsBytes: 16 * 1024 }));
    expect(error.code).toBe('INPUT_LIMIT');
    expect(error.format()).toMatch(/large\.yaml: The exceptions file is \d+ bytes, more than the limit of 16384 bytes: raise it with --max-exceptions-mb \(in MB\)/);
    const run = await cli('scan', '--snapshot', 'test/demo/demo-account.snapshot.json', '--exceptions', path, '--max-exceptions-mb', '0.015625', '-o', 'json=/dev/null');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/large\.yaml: The exceptions file is .*--max-exceptions-mb.*\[INPUT_LIMIT\]/);
  });
});
