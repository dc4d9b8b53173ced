import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPack } from '../../engine/packs/find-packs.js';

function manifest(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'assay-pack-')), 'pack.yaml');
  writeFileSync(file, text);
  return file;
}

describe('pack manifests', () => {
  it('reads a manifest and resolves its include paths beside it', () => {
    const file = manifest('name: mine\ntitle: Mine\nversion: 1.0.0\nframework: custom\ninclude: [checks]\n');
    const pack = readPack(file);
    expect(pack.manifest).toMatchObject({ name: 'mine', version: '1.0.0' });
    expect(pack.checkPaths).toEqual([join(file, '..', 'checks')]);
  });

  it('reports a manifest that is not YAML as PACK_INVALID with the YAML error, and one with duplicate keys likewise', () => {
    expect(() => readPack(manifest('name: [mine\n'))).toThrow(expect.objectContaining({ code: 'PACK_INVALID', message: expect.stringMatching(/^Invalid YAML: /) }));
    expect(() => readPack(manifest('name: a\nname: b\n'))).toThrow(expect.objectContaining({ code: 'PACK_INVALID', message: expect.stringMatching(/^Invalid YAML: Map keys must be unique at line 2/) }));
  });

  it('reports aliases that expand too far as PACK_INVALID instead of expanding them', () => {
    const lines = ['l0: &l0 [x]'];
    for (let i = 1; i <= 6; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: 9 }, () => `*l${i - 1}`).join(', ')}]`);
    expect(() => readPack(manifest(lines.join('\n')))).toThrow(expect.objectContaining({ code: 'PACK_INVALID', message: expect.stringMatching(/^Invalid YAML: Excessive alias count/) }));
  });
});
