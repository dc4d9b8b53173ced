import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { AssaySchema } from '../schema/build-schema.js';
import type { CheckDefinition } from '../checks/check-definition.js';
import { runCheck } from '../runner/run-checks.js';
import { AssayError } from '../errors/assay-error.js';
import { readYaml } from '../yaml/read-yaml.js';
import type { FixtureCase, FixtureFile } from './fixture-file.js';
import { fixtureGraph } from './fixture-graph.js';
import { validateFixtureFile as generatedFixtureValidator } from './fixture-validator.generated.js';

// fixtureFileSchema, compiled ahead (npm run generate:validators; a test keeps the two in step).
const validateFixtureFile = generatedFixtureValidator as unknown as ValidateFunction<FixtureFile>;

export interface FixtureCaseResult {
  checkId: string;
  file: string;
  kind: 'valid' | 'invalid' | 'case';
  name: string;
  ok: boolean;
  /** What differed, one line each. */
  problems: string[];
}

export interface FixtureReport {
  results: FixtureCaseResult[];
  /** Checks with no fixture file, or without both a passing and a failing case. */
  untested: Array<{ checkId: string; file: string; missing: string }>;
  errors: AssayError[];
}

/** The fixture file of a check: `fixtures/<check-file-name>.yaml` beside it. */
export function fixturePathFor(checkFile: string, baseDir = process.cwd()): string {
  const name = basename(checkFile).replace(/\.graphql$/, '');
  return join(baseDir, dirname(checkFile), 'fixtures', `${name}.yaml`);
}

/** Reads and validates a fixture file. */
export function readFixtureFile(path: string): FixtureFile {
  const read = readYaml(readFileSync(path, 'utf8'), { merge: true });
  if ('error' in read) throw new AssayError('FIXTURE_INVALID', `Invalid YAML: ${read.error}`, { file: path });
  const value = read.value;
  if (!validateFixtureFile(value)) {
    const error = validateFixtureFile.errors![0];
    throw new AssayError('FIXTURE_INVALID', `Fixture file does not match the format at ${error.instancePath || '(top level)'}: ${error.message}.`, { file: path });
  }
  return value as FixtureFile;
}

/** Runs every check's fixtures; a check without a passing and a failing case is reported. */
export async function runFixtures(checks: CheckDefinition[], assay: AssaySchema, baseDir = process.cwd()): Promise<FixtureReport> {
  const report: FixtureReport = { results: [], untested: [], errors: [] };
  for (const check of checks) {
    const path = fixturePathFor(check.file, baseDir);
    if (!existsSync(path)) {
      report.untested.push({ checkId: check.metadata.id, file: check.file, missing: `no fixture file (${path})` });
      continue;
    }
    let fixtures: FixtureFile;
    try {
      fixtures = readFixtureFile(path);
    } catch (error) {
      report.errors.push(error as AssayError);
      continue;
    }
    if (fixtures.check && fixtures.check !== check.metadata.id) {
      report.errors.push(new AssayError('FIXTURE_INVALID', `Fixture file is for "${fixtures.check}", not "${check.metadata.id}".`, { file: path }));
      continue;
    }
    const groups: Array<['valid' | 'invalid' | 'case', FixtureCase[] | undefined]> = [
      ['valid', fixtures.valid],
      ['invalid', fixtures.invalid],
      ['case', fixtures.cases],
    ];
    for (const [kind, cases] of groups) {
      for (const testCase of cases ?? []) {
        report.results.push(await runCase(check, assay, fixtures, kind, testCase, path));
      }
    }
    if (!check.metadata.manual) {
      const missing = [!fixtures.valid?.length && 'a valid (passing) case', !fixtures.invalid?.length && 'an invalid (failing) case'].filter(Boolean);
      if (missing.length) report.untested.push({ checkId: check.metadata.id, file: check.file, missing: `needs ${missing.join(' and ')}` });
    }
  }
  return report;
}

async function runCase(
  check: CheckDefinition,
  assay: AssaySchema,
  fixtures: FixtureFile,
  kind: 'valid' | 'invalid' | 'case',
  testCase: FixtureCase,
  file: string,
): Promise<FixtureCaseResult> {
  const result: FixtureCaseResult = { checkId: check.metadata.id, file, kind, name: testCase.name, ok: false, problems: [] };
  let graph;
  try {
    graph = fixtureGraph(assay.model, testCase.assets ?? [], testCase.gaps, fixtures.defaults);
  } catch (error) {
    result.problems.push(error instanceof AssayError ? error.format() : String(error));
    return result;
  }
  const outcome = await runCheck(check, assay, graph);
  const expected = testCase.status ?? (kind === 'valid' ? 'pass' : kind === 'invalid' ? 'fail' : undefined);
  if (expected && outcome.status !== expected) {
    result.problems.push(`expected status ${expected}, got ${outcome.status}${outcome.message ? ` (${outcome.message})` : ''}`);
  }
  if (testCase.failing) {
    const failing = outcome.findings.map((f) => f.asset?.id ?? '(check)').sort();
    const want = [...testCase.failing].sort();
    if (JSON.stringify(failing) !== JSON.stringify(want)) {
      result.problems.push(`expected failing assets [${want.join(', ')}], got [${failing.join(', ')}]`);
    }
  }
  if (testCase.reason) {
    for (const finding of outcome.findings) {
      if (!matches(finding.reason, testCase.reason)) result.problems.push(`reason "${finding.reason}" does not match ${testCase.reason}`);
    }
  }
  if (testCase.message && !matches(outcome.message ?? '', testCase.message)) {
    result.problems.push(`message "${outcome.message ?? ''}" does not match ${testCase.message}`);
  }
  result.ok = result.problems.length === 0;
  return result;
}

function matches(text: string, pattern: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  return regex ? new RegExp(regex[1], regex[2]).test(text) : text.includes(pattern);
}
