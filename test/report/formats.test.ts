import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Ajv04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ScanResult } from '../../engine/runner/results.js';
import { renderSarif } from '../../engine/report/sarif.js';
import { renderJunit } from '../../engine/report/junit.js';
import { buildOcsf, OCSF_COMPLIANCE_FINDING } from '../../engine/report/ocsf.js';
import { renderCsv, CSV_COLUMNS } from '../../engine/report/csv.js';
import { renderJsonl } from '../../engine/report/jsonl.js';
import { renderMarkdown } from '../../engine/report/markdown.js';
import { renderHtml } from '../../engine/report/html.js';
import { findingFingerprint } from '../../engine/report/common.js';
import { demoScan, HOSTILE } from './scan-fixture.js';

const require = createRequire(import.meta.url);
// A CommonJS default export: NodeNext sees the module object.
const Ajv04 = ((Ajv04Module as unknown as { default?: typeof Ajv04Module }).default ?? Ajv04Module) as unknown as new (o: object) => { compile(s: object): { (d: unknown): boolean; errors?: unknown[] | null } };
let result: ScanResult;
let findings: number;

beforeAll(async () => {
  result = await demoScan();
  findings = result.checks.reduce((n, c) => n + c.findings.length, 0);
});

describe('SARIF 2.1.0', () => {
  it('validates against the published SARIF 2.1.0 JSON schema', () => {
    // The schema as published (schemastore, draft-04), shipped in @microsoft/jest-sarif.
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // unicodeRegExp off: one pattern in the published schema (language) is not valid under the u flag.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    const validate = ajv.compile(schema);
    const sarif = JSON.parse(renderSarif(result));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // And the validator rejects a broken document (a result without its message).
    delete sarif.runs[0].results[0].message;
    expect(validate(sarif)).toBe(false);
  });

  it('has one rule per check and one result per finding, assets as logical locations', () => {
    const run = JSON.parse(renderSarif(result)).runs[0];
    expect(run.tool.driver.rules).toHaveLength(result.checks.length);
    expect(run.results).toHaveLength(findings);
    const seed = run.results.find((r: { ruleId: string }) => r.ruleId === 'alibaba-cis-2.1');
    expect(seed.locations[0].logicalLocations[0].fullyQualifiedName).toBe('acs:ram::1234567890123456:root');
    expect(seed.level).toBe('error');
    const rule = run.tool.driver.rules.find((r: { id: string }) => r.id === 'alibaba-cis-2.1');
    expect(rule.help.text).toMatch(/Remediation:/);
    expect(rule.properties['security-severity']).toBe('8.0');
  });
});

describe('finding fingerprints', () => {
  it('are sha256 of check id, NUL, asset id: stable across versions (code scanning matches on them)', () => {
    const expected = createHash('sha256').update('alibaba-cis-2.1\u0000acs:ram::1234567890123456:root').digest('hex');
    expect(findingFingerprint('alibaba-cis-2.1', 'acs:ram::1234567890123456:root')).toBe(expected);
    expect(findingFingerprint('alibaba-cis-2.1', null)).toBe(createHash('sha256').update('alibaba-cis-2.1\u0000').digest('hex'));
    const seed = JSON.parse(renderSarif(result)).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'alibaba-cis-2.1');
    expect(seed.partialFingerprints['assayFinding/v1']).toBe(expected);
  });
});

describe('JUnit XML', () => {
  it('validates against the Jenkins JUnit XSD', () => {
    const xsd = readFileSync(require.resolve('junit-processor/schemas/jenkins-junit.xsd'), 'utf8');
    const xmllint = require('xmllint') as { validateXML(o: { xml: string; schema: string }): { errors: string[] | null } };
    const out = xmllint.validateXML({ xml: renderJunit(result), schema: xsd });
    expect(out.errors).toBeNull();
    // The validator is not a rubber stamp: a testsuite without its required name fails.
    const broken = renderJunit(result).replace(/<testsuite name="[^"]*"/, '<testsuite');
    expect(xmllint.validateXML({ xml: broken, schema: xsd }).errors?.join('\n')).toMatch(/name.*required|required.*name/i);
  });

  it('a testcase per check × asset: every failed asset is a failed test', () => {
    const xml = renderJunit(result);
    expect((xml.match(/<failure /g) ?? []).length).toBe(findings);
    expect(xml).toMatch(/<testsuite name="cis-alibaba-v2.0.0 2.0.0"/);
    expect(xml).not.toContain('<script>');
  });
});

describe('OCSF Compliance Finding', () => {
  it('emits class 2003 events with the attributes OCSF 1.1 requires', () => {
    const events = buildOcsf(result);
    expect(events).toHaveLength(findings);
    for (const e of events) {
      // Required by the Compliance Finding class (and its Finding base) in OCSF 1.1.
      for (const key of ['activity_id', 'category_uid', 'class_uid', 'type_uid', 'time', 'severity_id', 'metadata', 'finding_info', 'compliance']) {
        expect(e, key).toHaveProperty(key);
      }
      expect(e.class_uid).toBe(OCSF_COMPLIANCE_FINDING.class_uid);
      expect(e.type_uid).toBe(200301);
      expect([1, 2, 3, 4, 5]).toContain(e.severity_id);
      expect(e).toHaveProperty('metadata.product.name', 'assay');
      expect(e).toHaveProperty('metadata.version');
      expect(e).toHaveProperty('finding_info.uid');
      expect(e).toHaveProperty('finding_info.title');
      expect(e).toHaveProperty('compliance.status_id', 3);
    }
    const seed = events.find((e) => (e.compliance as { control: string }).control === 'alibaba-cis-2.1')!;
    expect(seed.compliance).toMatchObject({ requirements: expect.arrayContaining(['cis-alibaba-v2.0.0:2.1']) });
    expect(seed.resources).toEqual([expect.objectContaining({ uid: 'acs:ram::1234567890123456:root', type: 'AlibabaAccount' })]);
  });
});

describe('CSV, JSON Lines, Markdown', () => {
  it('CSV has a header and one row per finding; formula cells are defused', () => {
    const csv = renderCsv(result);
    expect(csv.startsWith(CSV_COLUMNS.join(',') + '\r\n')).toBe(true);
    // Quoted fields may hold line breaks: count record starts instead of lines.
    const records = csv.split('\r\n').filter((l) => /^alibaba-cis-/.test(l));
    expect(records.length).toBe(findings);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('JSON Lines: one parseable finding a line', () => {
    const lines = renderJsonl(result).trim().split('\n');
    expect(lines).toHaveLength(findings);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('checkId');
  });

  it('Markdown escapes resource names (no raw HTML, links or cell breaks)', () => {
    const md = renderMarkdown(result);
    expect(md).toContain('## Assay');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('[x](http://evil)');
    for (const row of md.split('\n').filter((l) => l.startsWith('| ') && l.includes('demo-actiontrail') === false && l.includes('HYPERLINK'))) {
      expect(row.split(/(?<!\\)\|/).length).toBe(6);
    }
  });
});

describe('HTML', () => {
  it('is self-contained and escapes every cloud-provided string', () => {
    const html = renderHtml(result);
    expect(html).not.toMatch(/<(link|img)\b/i);
    expect(html).not.toMatch(/\bsrc=["']?https?:/i);
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;');
    expect((html.match(/<script>/g) ?? []).length).toBe(1);
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/);
  });
});
