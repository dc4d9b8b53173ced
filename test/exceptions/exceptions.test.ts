import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExceptions } from '../../engine/exceptions/exception-file.js';
import { applyExceptions } from '../../engine/exceptions/apply-exceptions.js';
import { compileGlob } from '../../engine/exceptions/glob.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { demoScan } from '../report/scan-fixture.js';
import { cli } from '../helpers/run-cli.js';

const ROOT = 'acs:ram::1234567890123456:root';
const TODAY = new Date('2026-11-25T12:00:00Z');
const tmp = mkdtempSync(join(tmpdir(), 'assay-exc-'));

function entries(yaml: string) {
  const { entries, errors } = parseExceptions(yaml, 'exceptions.yaml');
  expect(errors.map((e) => e.format())).toEqual([]);
  return entries;
}

describe('exceptions file', () => {
  it('reads entries with their file:line', () => {
    const list = entries(`exceptions:\n  - check: alibaba-cis-2.1\n    asset: "${ROOT}"\n    owner: sec-team\n    reason: Org trail in the master account\n    expires: 2027-01-31\n    ticket: SEC-42\n`);
    expect(list).toEqual([{ check: 'alibaba-cis-2.1', asset: ROOT, owner: 'sec-team', reason: 'Org trail in the master account', expires: '2027-01-31', ticket: 'SEC-42', tags: undefined, source: 'exceptions.yaml:2' }]);
  });

  it('bad entries give one error each with file:line', () => {
    const { errors } = parseExceptions(
      'exceptions:\n  - check: a\n    asset: x\n    owner: o\n    reason: r\n    expires: 31/01/2027\n  - check: b\n    asset: y\n    ownr: o\n    reason: r\n    expires: 2027-01-01\n',
      'exc.yaml',
    );
    const text = errors.map((e) => e.format());
    expect(text[0]).toMatch(/^exc\.yaml:6:\d+: "expires" must be a date written YYYY-MM-DD, got "31\/01\/2027"/);
    expect(text.some((t) => /^exc\.yaml:9:\d+: Unknown key "ownr" \(did you mean "owner"\?\)/.test(t))).toBe(true);
    expect(text.some((t) => /^exc\.yaml:7:\d+: Missing or non-text "owner"/.test(t))).toBe(true);
  });

  it('globs match whole ids, across / and :', () => {
    expect(compileGlob('acs:oss:*:demo-*').test('acs:oss:*:1234567890123456:demo-data')).toBe(true);
    expect(compileGlob('alibaba-cis-2.?').test('alibaba-cis-2.10')).toBe(false);
    expect(compileGlob('alibaba-cis-2.?').test('alibaba-cis-2.1')).toBe(true);
  });
});

describe('applying exceptions', () => {
  async function scanWith(yaml: string): Promise<ScanResult> {
    const result = await demoScan();
    applyExceptions(result, entries(yaml), () => [{ key: 'env', value: 'prod' }], TODAY);
    return result;
  }
  const finding = (r: ScanResult, check: string) => r.checks.find((c) => c.id === check)!.findings[0]!;

  it('active: the finding is excepted with its owner and no longer gates', async () => {
    const before = await demoScan();
    const r = await scanWith(`exceptions:\n  - { check: alibaba-cis-2.1, asset: "${ROOT}", owner: sec-team, reason: accepted, expires: 2026-11-25 }\n`);
    expect(finding(r, 'alibaba-cis-2.1').exception).toMatchObject({ status: 'active', owner: 'sec-team', expires: '2026-11-25' });
    expect(r.checks.find((c) => c.id === 'alibaba-cis-2.1')!.excepted).toBe(true);
    expect(r.summary.findings.high).toBe(before.summary.findings.high - 1);
    expect(r.exceptions).toMatchObject({ active: [{ check: 'alibaba-cis-2.1', matched: 1 }], expired: [], stale: [] });
  });

  it('expired: no longer applies, the finding stays open and shows the expired exception', async () => {
    const before = await demoScan();
    const r = await scanWith(`exceptions:\n  - { check: alibaba-cis-2.1, asset: "${ROOT}", owner: sec-team, reason: accepted, expires: 2026-11-24 }\n`);
    expect(finding(r, 'alibaba-cis-2.1').exception).toMatchObject({ status: 'expired' });
    expect(r.summary.findings.high).toBe(before.summary.findings.high);
    expect(r.exceptions!.expired).toHaveLength(1);
    expect(r.summary.exceptions).toEqual({ active: 0, expired: 1, stale: 0, excepted: 0 });
  });

  it('stale: an entry that matches nothing is reported', async () => {
    const r = await scanWith(`exceptions:\n  - { check: alibaba-cis-2.1, asset: "acs:ram::999:root", owner: o, reason: r, expires: 2030-01-01 }\n`);
    expect(r.exceptions!.stale).toEqual([expect.objectContaining({ asset: 'acs:ram::999:root', matched: 0 })]);
    expect(finding(r, 'alibaba-cis-2.1').exception).toBeUndefined();
  });

  it('by tag and by glob', async () => {
    const r = await scanWith(`exceptions:\n  - { check: "alibaba-cis-7.*", tags: { env: prod }, owner: k8s, reason: r, expires: 2030-01-01 }\n  - { check: alibaba-cis-5.3, asset: "acs:oss:*", owner: data, reason: r, expires: 2030-01-01 }\n`);
    for (const check of r.checks.filter((c) => /^alibaba-cis-(7\.|5\.3$)/.test(c.id))) {
      for (const f of check.findings) expect(f.exception?.status, `${check.id} ${f.asset?.id}`).toBe('active');
    }
    expect(r.checks.find((c) => c.id === 'alibaba-cis-2.1')!.findings[0]!.exception).toBeUndefined();
  });
});

describe('assay scan --exceptions', () => {
  const DEMO = 'test/demo/demo-account.snapshot.json';
  it('shows excepted, expired and stale, and gates only on what is open', async () => {
    const file = join(tmp, 'exceptions.yaml');
    writeFileSync(file, `exceptions:\n  - { check: alibaba-cis-2.1, asset: "${ROOT}", owner: sec-team, reason: "org trail", expires: 2999-12-31 }\n  - { check: alibaba-cis-1.1, asset: "${ROOT}", owner: old, reason: r, expires: 2020-01-01 }\n  - { check: alibaba-cis-9.9, asset: "*", owner: nobody, reason: r, expires: 2999-12-31 }\n`);
    const run = await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1', '--check', 'alibaba-cis-1.1', '--exceptions', file, '--fail-on', 'high');
    expect(run.stdout).toMatch(/Exceptions: 1 active, 1 expired, 1 stale/);
    expect(run.stdout).toMatch(/~ AlibabaAccount .*\[excepted: sec-team until 2999-12-31\]/);
    expect(run.stdout).toMatch(/expired .*alibaba-cis-1\.1/);
    expect(run.stdout).toMatch(/stale .*alibaba-cis-9\.9/);
    // 2.1 (high) is excepted; 1.1 is medium: nothing open at or above high.
    expect(run.code).toBe(0);
    expect((await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1', '--fail-on', 'high')).code).toBe(1);
  });

  it('a bad exceptions file is a usage error naming file:line', async () => {
    const file = join(tmp, 'bad.yaml');
    writeFileSync(file, 'exceptions:\n  - check: alibaba-cis-2.1\n    asset: x\n    owner: o\n    reason: r\n    expires: tomorrow\n');
    const run = await cli('scan', '--snapshot', DEMO, '--exceptions', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\.yaml:6:\d+: "expires" must be a date/);
  });

  it('every problem of an exceptions file is reported once, at its own file:line:col', async () => {
    const file = join(tmp, 'two-bad.yaml');
    writeFileSync(file, 'exceptions:\n  - check: alibaba-cis-2.1\n    asset: x\n    owner: o\n    expires: 2027-01-01\n  - check: alibaba-cis-1.1\n    asset: y\n    owner: o\n    reason: r\n    expires: soon\n');
    const run = await cli('scan', '--snapshot', DEMO, '--exceptions', file);
    expect(run.code).toBe(2);
    const located = run.stderr.split('\n').filter((line) => line.includes('two-bad.yaml:'));
    expect(located).toEqual([
      expect.stringMatching(/two-bad\.yaml:2:\d+: Missing or non-text "reason".*\[EXCEPTIONS_INVALID\]$/),
      expect.stringMatching(/two-bad\.yaml:10:\d+: "expires" must be a date.*\[EXCEPTIONS_INVALID\]$/),
    ]);
    expect(located[0].match(/two-bad\.yaml:/g)).toHaveLength(1);
  });
});
