import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatorSources } from '../../scripts/standalone-validators.js';
import { packageRoot } from '../../engine/package-root.js';

describe('validators compiled ahead (ajv standalone code)', () => {
  it('are what their schemas compile to now: after a schema change, run npm run generate:validators', () => {
    const sources = validatorSources();
    expect(sources.length).toBeGreaterThan(0);
    for (const { file, source } of sources) expect(readFileSync(join(packageRoot(), file), 'utf8'), file).toBe(source);
  });
});
