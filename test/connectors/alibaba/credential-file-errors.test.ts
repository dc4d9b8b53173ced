import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAlibabaCredentials } from '../../../connectors/alibaba/credentials/resolve.js';
import { findJsonSyntaxError } from '../../../connectors/alibaba/credentials/json-syntax-error.js';
import { AssayError } from '../../../engine/errors/assay-error.js';

// A malformed credentials file must say which file and where, never echo its text: JSON.parse's
// message quoted the ~10 characters around the error, the start of an unquoted secret.
const SECRET = 'Zq8vSecretValue0123456789abcdef';

async function failure(files: { config?: string; ini?: string }, opts = {}): Promise<AssayError> {
  const home = mkdtempSync(join(tmpdir(), 'assay-cred-'));
  if (files.config !== undefined) {
    mkdirSync(join(home, '.aliyun'));
    writeFileSync(join(home, '.aliyun', 'config.json'), files.config);
  }
  if (files.ini !== undefined) {
    mkdirSync(join(home, '.alibabacloud'));
    writeFileSync(join(home, '.alibabacloud', 'credentials'), files.ini);
  }
  try {
    await resolveAlibabaCredentials({ homeDir: home, ...opts }, { env: {} });
  } catch (error) {
    return error as AssayError;
  }
  throw new Error('resolved');
}

describe('malformed credentials files', () => {
  it('an unquoted secret in config.json: file:line:col and the problem, no text of the file', async () => {
    const config = `{\n  "current": "default",\n  "profiles": [\n    { "name": "default", "mode": "AK", "access_key_id": "LTAI5tExample",\n      "access_key_secret": ${SECRET} }\n  ]\n}\n`;
    const error = await failure({ config });
    expect(error).toBeInstanceOf(AssayError);
    expect(error.code).toBe('CREDENTIALS_UNAVAILABLE');
    expect(error.format()).toMatch(/[\\/]\.aliyun[\\/]config\.json:5:28: The aliyun CLI config is not valid JSON: unexpected character/);
    for (const shown of [error.message, error.format(), String(error.cause ?? '')]) {
      expect(shown).not.toContain(SECRET.slice(0, 4));
      expect(shown).not.toContain('LTAI5tExample');
    }
  });

  it('other malformed JSON: truncated, a trailing comma, a single-quoted string', () => {
    expect(findJsonSyntaxError('{"a": "b"')).toMatchObject({ line: 1, column: 10, problem: 'unexpected end of file' });
    expect(findJsonSyntaxError('{"a": 1,\n}')).toMatchObject({ line: 2, column: 1, problem: 'expected a property name in double quotes' });
    expect(findJsonSyntaxError("{'a': 1}")).toMatchObject({ line: 1, column: 2 });
    expect(findJsonSyntaxError('{"a": [1, 2], "b": "x\\ty"}')).toBeUndefined();
    for (const bad of ['{"a": "x\ny"}', '[01]', '{"a": tru}', '{} x', '"\\q"']) expect(findJsonSyntaxError(bad), bad).toBeDefined();
  });

  it('the INI file: a read error names the file; an odd type is not quoted', async () => {
    const dirError = await (async () => {
      const home = mkdtempSync(join(tmpdir(), 'assay-cred-'));
      mkdirSync(join(home, '.alibabacloud', 'credentials'), { recursive: true }); // a directory where the file should be
      try {
        await resolveAlibabaCredentials({ homeDir: home }, { env: {} });
      } catch (error) {
        return error as AssayError;
      }
      throw new Error('resolved');
    })();
    expect(dirError.format()).toMatch(/Could not read .*[\\/]\.alibabacloud[\\/]credentials \(EISDIR\)/);
    const typed = await failure({ ini: `[default]\ntype = ${SECRET}\naccess_key_id = x\n` });
    expect(typed.message).toMatch(/has type an unrecognised value/);
    expect(typed.message).not.toContain(SECRET.slice(0, 4));
  });
});
