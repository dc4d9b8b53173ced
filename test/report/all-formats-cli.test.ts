import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/run-cli.js';

const DEMO = 'test/demo/demo-account.snapshot.json';

describe('assay scan --output (repeatable)', () => {
  it('one scan of the demo account writes every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-out-'));
    const files = { json: 'r.json', jsonl: 'r.jsonl', csv: 'r.csv', sarif: 'r.sarif', junit: 'r.xml', ocsf: 'r.ocsf.json', markdown: 'r.md', html: 'r.html' };
    const args = Object.entries(files).flatMap(([format, file]) => ['--output', `${format}=${join(dir, file)}`]);
    const run = await cli('scan', '--snapshot', DEMO, '--output', 'table', ...args);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL\s+high\s+alibaba-cis-2.1/);
    for (const file of Object.values(files)) expect(existsSync(join(dir, file)), file).toBe(true);
    const json = JSON.parse(readFileSync(join(dir, files.json), 'utf8'));
    const findings = json.checks.reduce((n: number, c: { findings: unknown[] }) => n + c.findings.length, 0);
    expect(JSON.parse(readFileSync(join(dir, files.sarif), 'utf8')).runs[0].results).toHaveLength(findings);
    expect(JSON.parse(readFileSync(join(dir, files.ocsf), 'utf8'))).toHaveLength(findings);
    expect(readFileSync(join(dir, files.jsonl), 'utf8').trim().split('\n')).toHaveLength(findings);
    expect(readFileSync(join(dir, files.junit), 'utf8')).toMatch(/^<\?xml/);
    expect(readFileSync(join(dir, files.html), 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(join(dir, files.markdown), 'utf8')).toMatch(/^## Assay/);
  });

  it('an unknown format is a usage error with a suggestion', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--output', 'sarf');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown output format "sarf"[\s\S]*sarif/);
  });
});
