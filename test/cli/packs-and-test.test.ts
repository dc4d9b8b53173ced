import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/run-cli.js';

const DEMO = 'test/demo/demo-account.snapshot.json';
const SEED = readFileSync('checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql', 'utf8');

describe('packs', () => {
  it('packs list shows the bundled CIS pack', async () => {
    const run = await cli('packs', 'list');
    expect(run.stdout).toMatch(/cis-alibaba-v2.0.0\s+2.0.0\s+\d+\s+CIS Alibaba Cloud Foundations Benchmark/);
  });

  it('scan --pack runs the pack and stamps results with it', async () => {
    const run = await cli('scan', '--pack', 'cis-alibaba-v2.0.0', '--snapshot', DEMO, '--output', 'json');
    const result = JSON.parse(run.stdout);
    const seed = result.checks.find((c: { id: string }) => c.id === 'alibaba-cis-2.1');
    expect(seed.pack).toEqual({ name: 'cis-alibaba-v2.0.0', version: '2.0.0', recommendation: '2.1' });
  });

  it('a scan that names no pack runs the default pack (one CIS version, not both)', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--output', 'json');
    const result = JSON.parse(run.stdout);
    expect(result.checks.length).toBeGreaterThan(0);
    expect(new Set(result.checks.map((c: { pack?: { name: string } }) => c.pack?.name))).toEqual(new Set(['cis-alibaba-v2.0.0']));
  });

  it('an unknown pack is a usage error with a suggestion', async () => {
    const run = await cli('scan', '--pack', 'cis-alibaba-v2', '--snapshot', DEMO);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Did you mean "cis-alibaba-v2.0.0"/);
  });

  it('a manifest listing a missing check is reported, the rest still runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-pack-'));
    writeFileSync(join(dir, 'seed.graphql'), SEED);
    writeFileSync(join(dir, 'pack.yaml'), 'name: mine\ntitle: Mine\nversion: "1"\ncontrols:\n  alibaba-cis-2.1: {}\n  alibaba-cis-2.2: {}\n');
    const run = await cli('scan', '--checks', dir, '--pack', 'mine', '--snapshot', DEMO);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/lists "alibaba-cis-2.2", but no check has that id/);
    expect(run.stdout).toMatch(/FAIL\s+high\s+alibaba-cis-2.1/);
  });
});

describe('assay test', () => {
  it('runs the bundled fixtures', async () => {
    const run = await cli('test', '--check', 'alibaba-cis-2.1');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/✓ alibaba-cis-2.1 invalid: write-only trail/);
    expect(run.stdout).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it('exits 1 when a fixture expectation does not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-test-'));
    writeFileSync(join(dir, 'seed.graphql'), SEED);
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'fixtures', 'seed.yaml'), 'valid:\n  - name: no trail passes (wrong)\n    assets: [{ type: AlibabaAccount, id: a }]\ninvalid:\n  - name: ok\n    assets: [{ type: AlibabaAccount, id: a }]\n    failing: [a]\n');
    const run = await cli('test', '--checks', dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ alibaba-cis-2.1 valid: no trail passes \(wrong\)\n\s+expected status pass, got fail/);
    expect(run.stdout).toMatch(/1 passed, 1 failed/);
  });
});
