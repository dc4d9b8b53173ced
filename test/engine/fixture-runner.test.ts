import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { runFixtures } from '../../engine/testing/run-fixtures.js';
import { bundledSchema } from '../helpers/engine.js';

const CHECK = `# id: t-acl
# title: Buckets are private
# severity: high
# scope: alibabaOssBuckets
# expect: Public eq []
query T { Public: alibabaOssBuckets(where: { acl: { ne: "private" } }) { id } }
`;

function setup(fixtures: string | null) {
  const dir = mkdtempSync(join(tmpdir(), 'assay-fixtures-'));
  writeFileSync(join(dir, 'acl.graphql'), CHECK);
  if (fixtures !== null) {
    mkdirSync(join(dir, 'fixtures'));
    writeFileSync(join(dir, 'fixtures', 'acl.yaml'), fixtures);
  }
  const loaded = loadChecks([dir], bundledSchema(), dir);
  return runFixtures(loaded.checks, bundledSchema(), dir);
}

describe('the check tester', () => {
  it('passes correct expectations', async () => {
    const report = await setup(`
valid:
  - name: private
    assets: [{ type: AlibabaOssBucket, id: a, acl: private }]
invalid:
  - name: public
    assets: [{ type: AlibabaOssBucket, id: a, acl: private }, { type: AlibabaOssBucket, id: b, acl: public-read }]
    failing: [b]
`);
    expect(report.results.map((r) => r.ok)).toEqual([true, true]);
    expect(report.untested).toEqual([]);
  });

  it('reports a wrong status, wrong failing set and wrong reason', async () => {
    const report = await setup(`
valid:
  - name: actually public
    assets: [{ type: AlibabaOssBucket, id: a, acl: public-read }]
invalid:
  - name: wrong set
    assets: [{ type: AlibabaOssBucket, id: a, acl: public-read }, { type: AlibabaOssBucket, id: b, acl: public-read }]
    failing: [a]
    reason: /nothing like this/
`);
    expect(report.results[0].problems).toEqual(['expected status pass, got fail']);
    expect(report.results[1].problems[0]).toBe('expected failing assets [a], got [a, b]');
    expect(report.results[1].problems[1]).toMatch(/does not match \/nothing like this\//);
  });

  it('flags a check without fixtures, or without a failing case', async () => {
    expect((await setup(null)).untested[0].missing).toMatch(/no fixture file/);
    const onlyValid = await setup('valid: [{ name: empty, assets: [{ type: AlibabaOssBucket, id: a, acl: private }] }]');
    expect(onlyValid.untested[0].missing).toBe('needs an invalid (failing) case');
  });

  it('rejects unknown types and fields with suggestions, and bad files', async () => {
    const report = await setup(`
valid:
  - name: typo
    assets: [{ type: AlibabaOssBuckt, id: a }]
invalid:
  - name: field typo
    assets: [{ type: AlibabaOssBucket, id: a, acll: x }]
`);
    expect(report.results[0].problems[0]).toMatch(/unknown type "AlibabaOssBuckt"[\s\S]*Did you mean "AlibabaOssBucket"/);
    expect(report.results[1].problems[0]).toMatch(/no field "acll"[\s\S]*Did you mean "acl"/);
    const bad = await setup('valid: [{ nam: x }]');
    expect(bad.errors[0].message).toMatch(/does not match the format/);
  });

  it('shares assets through anchors and merge keys, and refuses aliases that expand without bound', async () => {
    const shared = await setup(`
anchors:
  bucket: &bucket { type: AlibabaOssBucket, id: a, acl: private }
valid:
  - name: private
    assets: [*bucket]
invalid:
  - name: public
    assets: [*bucket, { <<: *bucket, id: b, acl: public-read }]
    failing: [b]
`);
    expect(shared.errors).toEqual([]);
    expect(shared.results.map((r) => r.ok)).toEqual([true, true]);
    const lines = ['l0: &l0 [x]'];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
    const bomb = await setup(lines.join('\n'));
    expect(bomb.errors.map((e) => [e.code, e.message])).toEqual([['FIXTURE_INVALID', expect.stringMatching(/^Invalid YAML: Excessive alias count/)]]);
  });
});
