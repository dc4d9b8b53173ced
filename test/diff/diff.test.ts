import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffScans } from '../../engine/diff/diff-scans.js';
import type { ScanResult } from '../../engine/runner/results.js';
import { demoScan } from '../report/scan-fixture.js';
import { cli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'assay-diff-'));
const ROOT = 'acs:ram::1234567890123456:root';

/** A copy of a scan with one check's findings changed. */
function edit(result: ScanResult, check: string, change: (c: ScanResult['checks'][number]) => void): ScanResult {
  const copy = structuredClone(result);
  change(copy.checks.find((c) => c.id === check)!);
  return copy;
}

describe('diffScans', () => {
  it('new, resolved, unchanged by check id + asset id; an unevaluated check is not resolved', async () => {
    const base = await demoScan();
    const total = base.checks.reduce((n, c) => n + c.findings.length, 0);
    // 2.1 fixed, 1.1 could not be evaluated, a new 5.3 finding appeared.
    let next = edit(base, 'alibaba-cis-2.1', (c) => { c.findings = []; c.status = 'pass'; });
    next = edit(next, 'alibaba-cis-1.1', (c) => { c.findings = []; c.status = 'error'; });
    next = edit(next, 'alibaba-cis-5.3', (c) => { c.findings.push({ ...c.findings[0]!, asset: { ...c.findings[0]!.asset!, id: 'acs:oss:*:1234567890123456:new-bucket' } }); });
    const diff = diffScans(base, next);
    expect(diff.new.map((f) => `${f.checkId} ${f.asset?.id}`)).toEqual(['alibaba-cis-5.3 acs:oss:*:1234567890123456:new-bucket']);
    expect(diff.resolved.map((f) => `${f.checkId} ${f.asset?.id}`)).toEqual([`alibaba-cis-2.1 ${ROOT}`]);
    expect(diff.notEvaluated.map((f) => f.checkId)).toEqual(['alibaba-cis-1.1']);
    expect(diff.unchanged).toHaveLength(total - 2);
  });
});

describe('assay diff and scan --baseline', () => {
  const DEMO = 'test/demo/demo-account.snapshot.json';

  it('diff prints the counts and gates on new findings only when asked', async () => {
    const base = await demoScan();
    const oldFile = join(tmp, 'old.json');
    const newFile = join(tmp, 'new.json');
    writeFileSync(oldFile, JSON.stringify(edit(base, 'alibaba-cis-2.1', (c) => { c.findings = []; c.status = 'pass'; })));
    writeFileSync(newFile, JSON.stringify(base));
    const run = await cli('diff', oldFile, newFile);
    expect(run.stdout).toMatch(/^Findings: 1 new, 0 resolved, \d+ unchanged/);
    expect(run.stdout).toMatch(/\+ high\s+alibaba-cis-2.1/);
    expect(run.code).toBe(0);
    expect((await cli('diff', oldFile, newFile, '--fail-on-new')).code).toBe(1);
    expect((await cli('diff', newFile, oldFile, '--fail-on-new')).code).toBe(0);
    const json = JSON.parse((await cli('diff', newFile, oldFile, '--output', 'json')).stdout);
    expect(json.summary).toMatchObject({ new: 0, resolved: 1 });
  });

  it('scan --baseline reports the comparison; --fail-on-new ignores known findings', async () => {
    const baseline = join(tmp, 'baseline.json');
    const first = await cli('scan', '--snapshot', DEMO, '--output', `json=${baseline}`);
    expect(first.code).toBe(1);
    const again = await cli('scan', '--snapshot', DEMO, '--baseline', baseline, '--fail-on-new');
    expect(again.stdout).toMatch(/Baseline .*baseline\.json: 0 new, 0 resolved, \d+ unchanged/);
    expect(again.code).toBe(0);
  });

  it('a file that is not a scan result is one clear error', async () => {
    const bogus = join(tmp, 'bogus.json');
    writeFileSync(bogus, '{"hello": 1}');
    const run = await cli('diff', bogus, bogus);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bogus\.json: Not an Assay scan result/);
  });
});
