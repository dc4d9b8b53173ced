import { beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanResult } from '../../engine/runner/results.js';
import { renderJson, renderJsonChunks } from '../../engine/report/json.js';
import { buildSarif, renderSarif, renderSarifChunks } from '../../engine/report/sarif.js';
import { buildOcsf, renderOcsf } from '../../engine/report/ocsf.js';
import { writeReports } from '../../cli/output/write-reports.js';
import type { CliIo } from '../../cli/io.js';
import { demoScan } from './scan-fixture.js';

let result: ScanResult;

beforeAll(async () => {
  result = await demoScan();
});

function io(cwd: string, out: string[] = []): CliIo {
  return { stdout: (t) => out.push(t), stderr: () => {}, isTTY: false, env: {}, cwd };
}

describe('reports written in pieces', () => {
  it('are the text of the whole document stringified at once', () => {
    expect(renderJson(result)).toBe(JSON.stringify(result, null, 2) + '\n');
    expect(renderSarif(result)).toBe(JSON.stringify(buildSarif(result), null, 2) + '\n');
    expect(renderOcsf(result)).toBe(JSON.stringify(buildOcsf(result), null, 2) + '\n');
  });

  it('come in many small pieces, not one text: SARIF results a slice at a time', () => {
    const json = [...renderJsonChunks(result)];
    const total = json.reduce((n, p) => n + p.length, 0);
    expect(json.length).toBeGreaterThan(100);
    expect(Math.max(...json.map((p) => p.length))).toBeLessThan(total / 5);
    const sarif = [...renderSarifChunks(result)];
    const perPiece = sarif.map((p) => p.split('"assayFinding/v1"').length - 1);
    expect(perPiece.reduce((a, b) => a + b, 0)).toBe(result.checks.reduce((n, c) => n + c.findings.length, 0));
    expect(Math.max(...perPiece)).toBeLessThanOrEqual(256);
  });

  it('are written to their file whole, with nothing left beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-reports-'));
    const out: string[] = [];
    writeReports(result, [{ format: 'json', file: 'scan.json' }, { format: 'sarif', file: 'scan.sarif' }, { format: 'json' }], io(dir, out));
    expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe(renderJson(result));
    expect(readFileSync(join(dir, 'scan.sarif'), 'utf8')).toBe(renderSarif(result));
    expect(out.join('')).toBe(renderJson(result));
    expect(readdirSync(dir).sort()).toEqual(['scan.json', 'scan.sarif']);
  });

  it('leave no partial file when rendering fails half way, and keep the earlier report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-reports-'));
    writeFileSync(join(dir, 'scan.json'), 'the earlier report\n');
    // A value JSON cannot write, in the last check: the first checks are already written when it fails.
    const broken = structuredClone(result);
    (broken.checks.at(-1) as unknown as Record<string, unknown>).extra = 10n;
    expect(() => writeReports(broken, [{ format: 'json', file: 'scan.json' }], io(dir))).toThrow(/BigInt/);
    expect(readFileSync(join(dir, 'scan.json'), 'utf8')).toBe('the earlier report\n');
    expect(readdirSync(dir)).toEqual(['scan.json']);
    expect(existsSync(join(dir, 'other.json'))).toBe(false);
  });

  it('are written 0600 whatever they replace, through a symbolic link only when asked, and to devices in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-reports-'));
    writeFileSync(join(dir, 'scan.json'), 'old');
    chmodSync(join(dir, 'scan.json'), 0o640);
    writeFileSync(join(dir, 'target.sarif'), 'old');
    symlinkSync(join(dir, 'target.sarif'), join(dir, 'link.sarif'));
    expect(() => writeReports(result, [{ format: 'sarif', file: 'link.sarif' }], io(dir))).toThrow(expect.objectContaining({ code: 'OUTPUT_SYMLINK' }));
    expect(readFileSync(join(dir, 'target.sarif'), 'utf8')).toBe('old');
    writeReports(result, [{ format: 'json', file: 'scan.json' }, { format: 'sarif', file: 'link.sarif' }, { format: 'csv', file: '/dev/null' }], io(dir), { followSymlinks: true });
    expect(statSync(join(dir, 'scan.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'target.sarif'), 'utf8')).toBe(renderSarif(result));
    expect(lstatSync(join(dir, 'link.sarif')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.sarif', 'scan.json', 'target.sarif']);
  });
});
