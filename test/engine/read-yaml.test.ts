import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseDocument } from 'yaml';
import { quickLoad } from '../../engine/yaml/read-yaml.js';
import { CheckHeader } from '../../engine/checks/check-header.js';
import { bundledChecksDir, packageRoot } from '../../engine/package-root.js';
import { findCheckFiles } from '../../engine/checks/load-checks.js';
import { findPacks } from '../../engine/packs/find-packs.js';
import { fixturePathFor } from '../../engine/testing/run-fixtures.js';

/** What `yaml` makes of a text, as the engine read it before js-yaml: a value, or its first error. */
function slow(text: string): { value: unknown } | { error: string } {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return document.errors.length ? { error: document.errors[0].message } : { value: document.toJS() };
}

/** The bundled check files, pack manifests and fixture files, found as the engine finds them. */
const checkFiles = findCheckFiles([bundledChecksDir()]);
const manifestFiles = findPacks([bundledChecksDir()]).map((pack) => pack.file);
const fixtureFiles = checkFiles.map((file) => fixturePathFor(relative(packageRoot(), file), packageRoot())).filter((file) => existsSync(file));

describe('quickLoad (js-yaml) against yaml', () => {
  it('reads every bundled check header and pack manifest as yaml does', () => {
    const headers = checkFiles.map((f) => CheckHeader.read(readFileSync(f, 'utf8')).text);
    const manifests = manifestFiles.map((f) => readFileSync(f, 'utf8'));
    expect(headers.length).toBeGreaterThan(80);
    expect(manifests.length).toBeGreaterThan(1);
    for (const text of [...headers, ...manifests]) {
      const quick = quickLoad(text);
      expect(quick, text.slice(0, 80)).toBeDefined();
      expect(quick).toEqual(slow(text));
    }
  });

  // Scalars of the core schema, block and flow styles, quoting: the same value from both.
  const agreed = [
    'd: 2026-01-01', 'b: yes', 'o: 0o17', 'h: 0x1F', 'i: .inf', 'n: ~', 'k: NULL', 'k: True', 'k: 1e3', 'k: 1_000', 'k: +1',
    'k: 012', 'k: 12:30', 'k: !!str 12', 'e: ""', "s: 'it''s'", 'key: "x\\ty"', 'm: |\n  line1\n  line2\n', 'f: >\n  a\n  b\n',
    'l: [1, "two", {three: 3}]', '? complex\n: v', '- a\n- b', 'm:\n  <<: {k: 1}\n  j: 2', 'frameworks:\n  cis: ["1.1", "1.2"]',
  ];
  it.each(agreed)('gives yaml\'s value for %j', (text) => {
    expect(quickLoad(text)).toEqual(slow(text));
  });

  it('keeps a __proto__ key as an own property, as yaml does, and pollutes nothing', () => {
    const text = 'id: x\n__proto__: { polluted: 1 }\n';
    const quick = (quickLoad(text) as { value: object }).value;
    const yamlValue = (slow(text) as { value: object }).value;
    expect(Object.keys(quick)).toEqual(['id', '__proto__']);
    expect(Object.keys(yamlValue)).toEqual(['id', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // What js-yaml refuses is left to yaml, which either reports the error or reads it as before.
  const refused = ['a: 1\na: 2', '', '# only comment', 'a: [1, 2', 'a:\n\t- 1', 'a: 1\n---\nb: 2', 'k: !custom x', 'x: &a {k: 1}\ny: *a'];
  it.each(refused)('leaves %j to yaml', (text) => {
    expect(quickLoad(text)).toBeUndefined();
  });
});

describe('quickLoad with merge keys (fixture files) against yaml', () => {
  const slowMerge = (text: string) => {
    const document = parseDocument(text, { uniqueKeys: true, merge: true });
    return document.errors.length ? { error: document.errors[0].message } : { value: document.toJS({ maxAliasCount: 10_000 }) };
  };

  it('reads every bundled fixture file as yaml does', () => {
    const fixtures = fixtureFiles.map((f) => readFileSync(f, 'utf8'));
    expect(fixtures.length).toBeGreaterThan(80);
    for (const text of fixtures) {
      const quick = quickLoad(text, { merge: true });
      expect(quick, text.slice(0, 80)).toBeDefined();
      expect(quick).toEqual(slowMerge(text));
    }
  });

  it('merges like yaml: explicit keys win, later merged maps lose to earlier ones', () => {
    const text = 'a: &a {k: 1, x: a}\nb: &b {k: 2, y: b}\nc:\n  <<: [*a, *b]\n  k: 3\n';
    expect(quickLoad(text, { merge: true })).toEqual(slowMerge(text));
    expect(quickLoad(text, { merge: true })).toEqual({ value: { a: { k: 1, x: 'a' }, b: { k: 2, y: 'b' }, c: { k: 3, x: 'a', y: 'b' } } });
  });

  it('leaves a text whose aliases expand past the bound to yaml, which refuses it', () => {
    // Nine levels of nine aliases each ("billion laughs").
    const lines = ['l0: &l0 [x]'];
    for (let i = 1; i <= 9; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
    const text = lines.join('\n');
    expect(quickLoad(text, { merge: true })).toBeUndefined();
    expect(() => slowMerge(text)).toThrow(/Excessive alias count/);
  });
});

describe('CheckHeader.readValue', () => {
  it('reports yaml\'s error and its file position when the header is not YAML', () => {
    const header = CheckHeader.read('# id: a\n# id: b\nquery Q { x }\n');
    const read = header.readValue();
    expect(read).toEqual({ error: expect.stringContaining('Map keys must be unique'), position: { line: 2, column: 3 } });
  });

  it('reads what only yaml accepts (an alias) with yaml', () => {
    const read = CheckHeader.read('# a: &x 1\n# b: *x\n').readValue();
    expect(read).toEqual({ value: { a: 1, b: 1 } });
  });
});
