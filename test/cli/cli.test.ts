import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../helpers/run-cli.js';
import { graphToSnapshot } from '../../connectors/snapshot/save-snapshot.js';
import { AlibabaGraphBuilder, COMPLIANT } from '../helpers/alibaba-graph.js';

const DEMO = 'test/demo/demo-account.snapshot.json';
const tmp = mkdtempSync(join(tmpdir(), 'assay-cli-'));

describe('assay scan', () => {
  it('prints the ActionTrail finding with its reason for the demo account and exits 1', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Checks: 1 — 1 fail/);
    expect(run.stdout).toMatch(/FAIL\s+high\s+alibaba-cis-2.1/);
    expect(run.stdout).toMatch(/✗ AlibabaAccount .*acs:ram::1234567890123456:root.*records only Write events/);
  });

  it('writes the whole result as JSON', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--output', 'json', '--check', 'alibaba-cis-2.1');
    const result = JSON.parse(run.stdout);
    expect(result.formatVersion).toBe(1);
    expect(result.checks).toHaveLength(1);
    expect(result.checks[0].findings[0].asset.id).toBe('acs:ram::1234567890123456:root');
  });

  it('--fail-on gates the exit code by severity', async () => {
    // The demo's ActionTrail finding is high: critical gating lets it through, high does not.
    const only21 = ['scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.1'];
    expect((await cli(...only21, '--fail-on', 'critical')).code).toBe(0);
    expect((await cli(...only21, '--fail-on', 'high')).code).toBe(1);
    expect((await cli(...only21, '--fail-on', 'none')).code).toBe(0);
  });

  it('exits 0 when everything passes', async () => {
    const b = new AlibabaGraphBuilder();
    b.trail({ name: 'ok', ...COMPLIANT });
    const path = join(tmp, 'ok.json');
    writeFileSync(path, JSON.stringify(graphToSnapshot(b.graph)));
    const run = await cli('scan', '--snapshot', path, '--check', 'alibaba-cis-2.1');
    expect(run.stdout).toMatch(/1 pass/);
    expect(run.code).toBe(0);
  });

  it('a check that cannot be evaluated (gap) exits 1 even with --fail-on none', async () => {
    const b = new AlibabaGraphBuilder();
    b.trail({ name: 'ok', ...COMPLIANT });
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'DescribeTrails', region: 'cn-shanghai', code: 'Forbidden.RAM', message: 'denied', types: ['AlibabaActionTrail'], permission: 'actiontrail:DescribeTrails' });
    const path = join(tmp, 'gap.json');
    writeFileSync(path, JSON.stringify(graphToSnapshot(b.graph)));
    const run = await cli('scan', '--snapshot', path, '--check', 'alibaba-cis-2.1', '--fail-on', 'none');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ERROR.*alibaba-cis-2.1[\s\S]*DescribeTrails in cn-shanghai failed with Forbidden.RAM/);
  });

  it('an unknown check id is a usage error with a suggestion', async () => {
    const run = await cli('scan', '--snapshot', DEMO, '--check', 'alibaba-cis-2.l');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No check with id "alibaba-cis-2.l"[\s\S]*Did you mean "alibaba-cis-2.1"/);
  });

  it('a corrupt snapshot is one clear error and exit 2', async () => {
    const path = join(tmp, 'corrupt.json');
    writeFileSync(path, '{ not json');
    const run = await cli('scan', '--snapshot', path);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/corrupt.json: Snapshot is not valid JSON/);
  });

  it('a bad check file is reported with file:line:col, the others still run, exit 2', async () => {
    const dir = mkdtempSync(join(tmp, 'checks-'));
    writeFileSync(join(dir, 'good.graphql'), readFileSync('checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql', 'utf8'));
    writeFileSync(join(dir, 'bad.graphql'), '# id: bad\n# title: Bad\n# severity: low\n# expect: X eq []\nquery Bad { X: alibabaTrails { id } }\n');
    const run = await cli('scan', '--snapshot', DEMO, '--checks', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad.graphql:5:13: Cannot query field "alibabaTrails" on type "Query"/);
    expect(run.stdout).toMatch(/FAIL\s+high\s+alibaba-cis-2.1/);
  });

  it('hostile resource names cannot write terminal escapes', async () => {
    const b = new AlibabaGraphBuilder();
    b.trail({ name: 'evil\u001b[2J\u001b]0;pwned\u0007', ...COMPLIANT, eventRW: 'Write' });
    const path = join(tmp, 'evil.json');
    writeFileSync(path, JSON.stringify(graphToSnapshot(b.graph)));
    const run = await cli('scan', '--snapshot', path);
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout).not.toContain('\u0007');
    expect(run.stdout).toContain('evil\\u001b[2J');
  });
});

describe('assay query, checks, schema', () => {
  it('query prints JSON data', async () => {
    const run = await cli('query', '{ alibabaActionTrails(where: { eventRW: { eq: "Write" } }) { name ossBucket { name } } }', '--snapshot', DEMO);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).data.alibabaActionTrails).toEqual([{ name: 'demo-write-only-trail', ossBucket: { name: 'demo-actiontrail-logs' } }]);
  });

  it('query reports GraphQL errors and exits 2', async () => {
    const run = await cli('query', '{ alibabaActionTrails { nmae } }', '--snapshot', DEMO);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors[0].message).toMatch(/Did you mean "name"/);
  });

  it('query runs a check file with the shared fragments', async () => {
    const run = await cli('query', '--file', 'checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql', '--snapshot', DEMO);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).data.AlibabaLogging1[0].id).toBe('acs:ram::1234567890123456:root');
  });

  it('checks list and validate', async () => {
    const list = await cli('checks', 'list');
    expect(list.stdout).toMatch(/alibaba-cis-2.1\s+high\s+L1\s+query\s+automated\s+cis-alibaba-v1.0.0,cis-alibaba-v2.0.0\s+Ensure ActionTrail/);
    // 1.13 differs between the versions: each pack has its own check.
    expect(list.stdout).toMatch(/alibaba-cis-v1-1.13\s+\S+\s+L1\s+query\s+automated\s+cis-alibaba-v1.0.0\s+Ensure RAM password policy expires passwords within 90 days/);
    expect(list.stdout).toMatch(/alibaba-cis-1.13\s+\S+\s+L1\s+query\s+automated\s+cis-alibaba-v2.0.0\s+/);
    expect(list.stdout).toMatch(/alibaba-cis-8.8\s+\S+\s+L\d\s+manual\s+manual\s+/);
    const validate = await cli('checks', 'validate');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/check\(s\) valid\./);
  });

  it('schema prints the SDL with generated filters', async () => {
    const run = await cli('schema');
    expect(run.stdout).toMatch(/type AlibabaActionTrail implements Asset/);
    expect(run.stdout).toMatch(/input AlibabaActionTrailWhere/);
  });

  it('help, unknown commands and missing arguments', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/assay scan/);
    const scanHelp = await cli('scan', '--help');
    expect(scanHelp.stdout).toMatch(/--fail-on/);
    const unknown = await cli('scna');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean scan/);
    expect((await cli('scan', '--output', 'yaml', '--snapshot', DEMO)).code).toBe(2);
  });
});

describe('assay scan --follow-symlinks', () => {
  it('a report path that is a symbolic link is refused (exit 2, target untouched) unless the flag is given', async () => {
    const { symlinkSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'assay-links-'));
    writeFileSync(join(dir, 'target.json'), 'keep');
    symlinkSync(join(dir, 'target.json'), join(dir, 'link.json'));
    const scan = (...extra: string[]) => cli('scan', '--snapshot', 'test/demo/demo-account.snapshot.json', '--check', 'alibaba-cis-2.1', '-o', `json=${join(dir, 'link.json')}`, ...extra);
    const refused = await scan();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/symbolic link.*--follow-symlinks/s);
    expect(readFileSync(join(dir, 'target.json'), 'utf8')).toBe('keep');
    const followed = await scan('--follow-symlinks');
    expect(followed.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'target.json'), 'utf8')).checks[0].id).toBe('alibaba-cis-2.1');
  });
});
