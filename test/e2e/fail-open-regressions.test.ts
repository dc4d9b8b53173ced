import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { collectAlibaba } from '../../connectors/alibaba/collect.js';
import { productsForTypes } from '../../connectors/alibaba/product-types.js';
import { loadChecks } from '../../engine/checks/load-checks.js';
import { packageRoot } from '../../engine/package-root.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { loadWorld, startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { FaultRule, Obj, World } from '../emulator/types.js';
import { bundledSchema } from '../helpers/engine.js';

// The four fail-opens of issue 18 §1, each as it was reported: a real collection over HTTP
// against the emulator with the fault, then the checks that read the failed call. Each case
// passed, skipped or failed (for the wrong reason) before the connector checked every answer's
// shape; the fault matrix (test/fault-matrix) holds every other call to the same rule.

const { checks } = loadChecks([join(packageRoot(), 'checks/alibaba/cis-v2.0.0')], bundledSchema(), packageRoot());
const ACK_CHECKS = checks.filter((c) => /^alibaba-cis-7\.\d$/.test(c.metadata.id) && !c.metadata.manual).map((c) => c.metadata.id);
const ALERT_CHECKS = checks.filter((c) => /^alibaba-cis-2\.(1\d|2[0-2])$/.test(c.metadata.id) && !c.metadata.manual).map((c) => c.metadata.id);

async function scan(world: World, faults: FaultRule[], ids: string[]): Promise<Record<string, string>> {
  const emulator: RunningEmulator = await startEmulator({ world, faults });
  try {
    const selected = checks.filter((c) => ids.includes(c.metadata.id));
    const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
    const { graph } = await collectAlibaba({
      endpoint: emulator.url,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: auditor.AccessKeySecret },
      products: productsForTypes(selected.flatMap((c) => [...c.reads.types, ...c.reads.fields])),
      maxRetries: 1,
      retryBaseDelayMs: 1,
      timeoutMs: 500,
    });
    const result = await runChecks(selected, { assay: bundledSchema(), graph });
    return Object.fromEntries(result.checks.map((c) => [c.id, c.status]));
  } finally {
    await emulator.close();
  }
}

const demo = (): World => loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
const allError = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, 'error']));

describe('fail-open regressions (issue 18 §1)', () => {
  let world: World;
  beforeAll(() => {
    // The ActionTrail bucket: private ACL, public only through its policy.
    world = demo();
    const bucket = world.oss!.buckets!.find((b) => b.Name === 'demo-actiontrail-logs') as Obj;
    bucket.Acl = 'private';
    bucket.Policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['oss:GetObject'], Principal: ['*'], Resource: ['acs:oss:*:1234567890123456:demo-actiontrail-logs/*'] }] };
  });
  afterAll(() => undefined);

  it('the bucket public only through its policy fails 5.1 and 2.2 when the policy can be read', async () => {
    expect(await scan(world, [], ['alibaba-cis-5.1', 'alibaba-cis-2.2'])).toEqual({ 'alibaba-cis-5.1': 'fail', 'alibaba-cis-2.2': 'fail' });
  });

  it.each(['deny', 'throttle', 'error'] as const)('GetBucketPolicy %s (ali-oss resolves it): 5.1, 2.2, 5.4, 5.7 error, never pass', async (kind) => {
    const ids = ['alibaba-cis-5.1', 'alibaba-cis-2.2', 'alibaba-cis-5.4', 'alibaba-cis-5.7'];
    expect(await scan(world, [{ product: 'oss', action: 'GetBucketPolicy', kind }], ids)).toEqual(allError(ids));
  });

  it('an HTML 502 from CS DescribeClustersV1 errors every ACK check instead of skipping them', async () => {
    expect(ACK_CHECKS.length).toBeGreaterThan(5);
    expect(await scan(demo(), [{ product: 'cs', action: 'DescribeClustersV1', kind: 'http502' }], ACK_CHECKS)).toEqual(allError(ACK_CHECKS));
  });

  it('an HTML 502 from CS ListClusterAddonInstances errors 7.5 (it passed through meta_data)', async () => {
    expect(await scan(demo(), [{ product: 'cs', action: 'ListClusterAddonInstances', kind: 'http502' }], ['alibaba-cis-7.5'])).toEqual({ 'alibaba-cis-7.5': 'error' });
  });

  it('an HTML page from SLS ListProject errors 2.23 and the alert checks (read as "no projects" before)', async () => {
    expect(ALERT_CHECKS.length).toBe(13);
    const ids = ['alibaba-cis-2.23', ...ALERT_CHECKS];
    expect(await scan(demo(), [{ product: 'sls', action: 'ListProject', kind: 'html', status: 503 }], ids)).toEqual(allError(ids));
  });

  it.each(['deny', 'error', 'reset', 'timeout'] as const)('SLS ListProject %s errors 2.23: logstores live under projects', async (kind) => {
    expect(await scan(demo(), [{ product: 'sls', action: 'ListProject', kind }], ['alibaba-cis-2.23'])).toEqual({ 'alibaba-cis-2.23': 'error' });
  });
});
