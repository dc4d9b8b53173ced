import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useDemoEmulator } from '../helpers/demo-emulator.js';
import { packageRoot } from '../../engine/package-root.js';

// DEBUG=* made the clients' `debug` loggers print AssumeRole's answer (the STS AccessKeySecret and
// SecurityToken) and signed request headers; NODE_DEBUG=urllib made ali-oss's HTTP client print
// its headers. A collection with STS credentials, in a fresh process with both set, prints neither.
const demo = useDemoEmulator();

/** Collects in a fresh node with these debug settings; what it printed, and its result or error. */
async function collectInChild(debugEnv: Record<string, string>) {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(packageRoot(), 'test/e2e/debug-env-collect.child.mjs')], {
    cwd: packageRoot(),
    env: {
      PATH: process.env.PATH,
      ASSAY_ROOT: packageRoot(),
      EMULATOR_URL: demo.emulator.url,
      ROLE_ARN: 'acs:ram::1234567890123456:role/AssayScannerRole',
      ALIBABA_CLOUD_ACCESS_KEY_ID: demo.auditor.AccessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: demo.auditor.AccessKeySecret,
      ...debugEnv,
    },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
  });
  return { result: JSON.parse(stdout) as { gaps?: number; error?: { code: string; message: string } }, stderr };
}

function expectNoSecret(stderr: string): void {
  expect(stderr).not.toContain(demo.auditor.AccessKeySecret);
  // The STS answer's field names, the token headers, and the token itself (the emulator's start with CAIS, as Alibaba's do).
  expect(stderr).not.toMatch(/AccessKeySecret|SecurityToken|security-token/i);
  expect(stderr).not.toMatch(/CAIS[A-Za-z0-9+/=]{16}/);
}

describe('no environment setting prints a secret', () => {
  it('DEBUG=* and NODE_DEBUG=urllib print nothing secret during an STS collection (AssumeRole, OSS, ACK, SLS)', async () => {
    const before = demo.emulator.stats().calls;
    const { result, stderr } = await collectInChild({ DEBUG: '*', NODE_DEBUG: 'urllib' });
    expect(result).toMatchObject({ gaps: 0 });
    const calls = demo.emulator.stats().calls;
    for (const call of ['sts:AssumeRole', 'oss:ListBuckets', 'cs:DescribeClustersV1', 'sls:ListProject']) {
      expect(calls[call] ?? 0, call).toBeGreaterThan(before[call] ?? 0);
    }
    expect(stderr).toMatch(/vite:/); // DEBUG=* is on: vite's own loggers print
    expectNoSecret(stderr);
  });

  it("NODE_DEBUG=net or http (node's own logs print request headers) stops the collection before any credential is read", async () => {
    for (const nodeDebug of ['net', 'HTTP', '*']) {
      const before = demo.emulator.stats().calls['sts:AssumeRole'] ?? 0;
      const { result, stderr } = await collectInChild({ NODE_DEBUG: nodeDebug });
      expect(result.error?.code, nodeDebug).toBe('UNSAFE_DEBUG_ENV');
      expect(result.error?.message).toMatch(/Unset NODE_DEBUG/);
      expect(demo.emulator.stats().calls['sts:AssumeRole'] ?? 0).toBe(before);
      expectNoSecret(stderr);
    }
  });
});
