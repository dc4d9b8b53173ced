import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { bundledChecksDir } from '../../engine/bundled.js';
import { packageRoot } from '../../engine/package-root.js';
import { findPack, findPacks, loadPackChecks } from '../../engine/packs/load-packs.js';
import { loadSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { bundledSchema } from '../helpers/engine.js';

/** The benchmark's 85 recommendations: how many each of its 8 sections has (same in v1.0.0 and v2.0.0). */
const SECTION_SIZES = [16, 23, 5, 6, 9, 9, 9, 8];
const RECOMMENDATIONS = SECTION_SIZES.flatMap((size, s) => Array.from({ length: size }, (_, i) => `${s + 1}.${i + 1}`));

const packs = findPacks([bundledChecksDir()]);

describe.each(['cis-alibaba-v2.0.0', 'cis-alibaba-v1.0.0'])('pack %s', (name) => {
  const pack = findPack(packs, name);
  const loaded = loadPackChecks(pack, bundledSchema(), packageRoot());

  it('loads without errors', () => {
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
  });

  it('has a check for every one of the 85 recommendations', () => {
    const recs = loaded.checks.map((c) => c.pack?.recommendation);
    expect(RECOMMENDATIONS).toHaveLength(85);
    expect(recs.sort()).toEqual([...RECOMMENDATIONS].sort());
  });

  it('states its framework id on every check', () => {
    for (const check of loaded.checks) {
      expect(check.metadata.frameworks?.[pack.manifest.framework!], check.metadata.id).toBe(check.pack?.recommendation);
    }
  });
});

it('v1.0.0 and v2.0.0 differ where the benchmarks do (1.13 password expiry)', () => {
  const v1 = loadPackChecks(findPack(packs, 'cis-alibaba-v1.0.0'), bundledSchema(), packageRoot());
  const v2 = loadPackChecks(findPack(packs, 'cis-alibaba-v2.0.0'), bundledSchema(), packageRoot());
  const rec113 = (checks: typeof v1.checks) => checks.find((c) => c.pack?.recommendation === '1.13')!.metadata.id;
  expect(rec113(v1.checks)).toBe('alibaba-cis-v1-1.13');
  expect(rec113(v2.checks)).toBe('alibaba-cis-1.13');
});

describe('the demo account', () => {
  it('fails at least one check in every section and errors on none', async () => {
    const assay = bundledSchema();
    const { checks } = loadPackChecks(findPack(packs, 'cis-alibaba-v2.0.0'), assay, packageRoot());
    const graph = loadSnapshot(join(packageRoot(), 'test/demo/demo-account.snapshot.json'));
    const result = await runChecks(checks, { assay, graph });
    const errored = result.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.message}`);
    expect(errored).toEqual([]);
    const failingSections = new Set(result.checks.filter((c) => c.status === 'fail').map((c) => c.pack!.recommendation!.split('.')[0]));
    expect([...failingSections].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});
