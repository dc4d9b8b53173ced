import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { collectAlibaba } from '../../connectors/alibaba/collect.js';
import { productsForTypes } from '../../connectors/alibaba/product-types.js';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { packageRoot } from '../../engine/package-root.js';
import type { CheckResult, CheckStatus } from '../../engine/runner/results.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import type { Gap } from '../../engine/graph/gap.js';
import { loadWorld, startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { Obj, World } from '../emulator/types.js';
import { bundledSchema } from '../helpers/engine.js';

// An account configured as the CIS Alibaba Cloud Foundations Benchmark v2.0.0's remediation and
// audit procedures say (test/emulator/worlds/compliant.world.json), collected over HTTP from the
// emulator by the real connector and scanned with every check of the pack. Every check must pass,
// be manual, or skip where the account has nothing in its scope by design; a check that fails here
// fails a configuration the benchmark accepts, and is listed below with the reason until fixed.

const PACK = 'cis-alibaba-v2.0.0';
const { checks: all } = loadChecks([join(packageRoot(), 'checks/alibaba/cis-v2.0.0')], bundledSchema(), packageRoot());
const checks = all.filter((c) => c.metadata.frameworks?.[PACK] !== undefined);

/** Checks with nothing in scope in this account, on purpose. */
const EXPECTED_SKIPS: Record<string, string> = {};

/**
 * Checks that fail this benchmark-conformant account: bugs (or benchmark contradictions) reported
 * to the lead. Each entry is expected to fail exactly as described; fixing the check makes this
 * test fail until the entry is removed, so the table only shrinks.
 */
const KNOWN_FAILURES: Record<string, { reason: string; failing: string[] }> = {
  'alibaba-cis-5.8': {
    reason:
      "5.8 and 5.9 are alternative Level 2 recommendations: 5.8's remediation is SSE-KMS with the KMS service key " +
      "(alias/acs/oss), 5.9's SSE-KMS with a customer key (BYOK), so no bucket meets both. This account follows 5.9 on every " +
      'bucket. Kept as the benchmark (and issue 18: "service key means SSE-KMS with Alibaba\'s service key") defines 5.8.',
    failing: ['compliant-actiontrail-logs', 'compliant-app-data', 'compliant-access-logs'],
  },
};

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Dates the benchmark measures against today (1.5 logon within 90 days, 1.6 keys younger than 90
 * days, 7.4 a cluster check within a week) are set relative to the clock; the file holds plausible
 * fixed ones. The root account's last logon stays long ago (1.1).
 */
function freshen(world: World, now: number): World {
  for (const user of (world.ram?.users ?? []) as Obj[]) {
    if (user.LoginProfile) user.LastLoginDate = iso(now - 3 * DAY);
    for (const key of (user.AccessKeys ?? []) as Obj[]) {
      key.CreateDate = iso(now - 30 * DAY);
      key.LastUsedDate = iso(now - DAY);
    }
  }
  for (const cluster of (world.cs?.clusters ?? []) as Obj[]) {
    for (const check of (cluster.checks ?? []) as Obj[]) {
      check.created_at = iso(now - 2 * DAY);
      check.finished_at = iso(now - 2 * DAY + 240_000);
    }
  }
  return world;
}

describe('a compliant account passes the CIS Alibaba v2.0.0 pack', () => {
  let emulator: RunningEmulator;
  let results: CheckResult[];
  let gaps: readonly Gap[];

  beforeAll(async () => {
    const world = freshen(loadWorld(join(packageRoot(), 'test/emulator/worlds/compliant.world.json')), Date.now());
    emulator = await startEmulator({ world, seed: 7 });
    const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
    const { graph } = await collectAlibaba({
      endpoint: emulator.url,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: auditor.AccessKeySecret },
      products: productsForTypes(checks.flatMap((c) => [...c.reads.types, ...c.reads.fields])),
      maxRetries: 1,
      retryBaseDelayMs: 1,
      timeoutMs: 2000,
    });
    gaps = graph.gaps;
    results = (await runChecks(checks, { assay: bundledSchema(), graph })).checks;
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('runs all 85 recommendations of the pack', () => {
    expect(checks).toHaveLength(85);
    expect(results).toHaveLength(85);
  });

  it('collects without gaps', () => {
    expect(gaps.map((g) => `${g.product}:${g.action} ${g.region ?? ''} ${g.code ?? ''}`)).toEqual([]);
  });

  it('every check passes, is manual, or skips only where nothing is in scope by design', () => {
    const expected = (r: CheckResult): CheckStatus | 'pass|manual' =>
      r.id in KNOWN_FAILURES ? 'fail' : r.id in EXPECTED_SKIPS ? 'skip' : 'pass|manual';
    const got = Object.fromEntries(results.map((r) => [r.id, expected(r) === 'pass|manual' && (r.status === 'pass' || r.status === 'manual') ? 'pass|manual' : r.status]));
    const want = Object.fromEntries(results.map((r) => [r.id, expected(r)]));
    const why = results.filter((r) => got[r.id] !== want[r.id]).map((r) => `${r.id} ${r.status}: ${r.message ?? r.findings.map((f) => f.reason).join(' | ')}`);
    expect(why).toEqual([]);
    expect(got).toEqual(want);
  });

  it('manual checks are the benchmark recommendations no API can answer', () => {
    const manual = results.filter((r) => r.status === 'manual').map((r) => r.id);
    expect(manual).toEqual(checks.filter((c) => c.metadata.manual).map((c) => c.metadata.id));
  });

  it('every asset in scope of every automated check passes (known failures aside)', () => {
    const verdicts = results.filter((r) => !(r.id in KNOWN_FAILURES)).flatMap((r) => r.assets.map((a) => ({ check: r.id, asset: a.asset.name ?? a.asset.id, status: a.status, reason: a.reason })));
    expect(verdicts.filter((v) => v.status !== 'pass')).toEqual([]);
    // Each automated check judged something: an empty scope would pass nothing.
    const judged = results.filter((r) => r.status === 'pass');
    for (const r of judged) expect(r.assets.length, r.id).toBeGreaterThan(0);
  });

  it.each(Object.entries(KNOWN_FAILURES))('known failure %s fails exactly the listed assets', (id, { failing }) => {
    const r = results.find((x) => x.id === id)!;
    expect(r.status).toBe('fail');
    expect(r.findings.map((f) => f.asset?.name).sort()).toEqual([...failing].sort());
  });
});
