import { describe, expect, it } from 'vitest';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { runFixtures } from '../../engine/testing/run-fixtures.js';
import { bundledSchema } from '../helpers/engine.js';

// Every bundled check against its fixtures: the same run as `assay test`.
const assay = bundledSchema();
const loaded = loadChecks([bundledChecksDir()], assay, packageRoot());
const report = await runFixtures(loaded.checks, assay, packageRoot());

describe('bundled checks', () => {
  it('all load', () => {
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
    expect(loaded.checks.length).toBeGreaterThan(0);
  });

  it('every automated check has a passing and a failing fixture, and fixture files are valid', () => {
    expect(report.errors.map((e) => e.format())).toEqual([]);
    expect(report.untested).toEqual([]);
  });

  for (const result of report.results) {
    it(`${result.checkId} ${result.kind}: ${result.name}`, () => {
      expect(result.problems).toEqual([]);
    });
  }
});
