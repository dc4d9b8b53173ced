import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCheckSource } from '../../engine/checks/load-check.js';
import { runCheck } from '../../engine/runner/run-checks.js';
import { packageRoot } from '../../engine/package-root.js';
import { AlibabaGraphBuilder, COMPLIANT, type TrailFields } from '../helpers/alibaba-graph.js';
import { bundledSchema } from '../helpers/engine.js';
import { accountOfTrailArn } from '../../connectors/alibaba/collectors/actiontrail.js';

const FILE = 'checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql';
const { check, errors } = loadCheckSource(FILE, readFileSync(join(packageRoot(), FILE), 'utf8'), bundledSchema());

async function verdict(...trails: Array<Omit<TrailFields, 'name'>>) {
  const b = new AlibabaGraphBuilder();
  trails.forEach((t, i) => b.trail({ name: `trail-${i + 1}`, ...t }));
  const result = await runCheck(check!, bundledSchema(), b.graph);
  return { status: result.status, reason: result.findings[0]?.reason ?? '', result };
}

describe('alibaba-cis-2.1: ActionTrail exports copies of all log entries', () => {
  it('loads with the benchmark expectation', () => {
    expect(errors).toEqual([]);
    expect(check!.expectation?.text).toBe('AlibabaLogging1 eq []');
    expect(check!.metadata.severity).toBe('high');
  });

  it('an account with no trail fails (a row, not silence)', async () => {
    const { status, reason, result } = await verdict();
    expect(status).toBe('fail');
    expect(result.findings[0].asset?.type).toBe('AlibabaAccount');
    expect(reason).toMatch(/No ActionTrail trail exists/);
  });

  it('a compliant trail delivering to OSS passes', async () => {
    const { status, result } = await verdict(COMPLIANT);
    expect(status).toBe('pass');
    expect(result.assets).toHaveLength(1);
  });

  it('a compliant trail delivering only to SLS passes', async () => {
    expect((await verdict({ ...COMPLIANT, ossBucketName: null, slsProjectArn: 'acs:log:cn-hangzhou:1:project/p' })).status).toBe('pass');
  });

  const nearMisses: Array<[string, Partial<TrailFields>, RegExp]> = [
    ['write-only', { eventRW: 'Write' }, /records only Write events/],
    ['read-only', { eventRW: 'Read' }, /records only Read events/],
    ['single region', { trailRegion: 'cn-hangzhou' }, /applies only to region cn-hangzhou/],
    ['disabled', { status: 'Disable' }, /is not enabled \(status Disable\)/],
    ['never started (Fresh)', { status: 'Fresh', isLogging: false }, /is not enabled \(status Fresh\), is not logging/],
    ['enabled but not logging', { isLogging: false }, /is not logging/],
    ['logging status unknown', { isLogging: null }, /is not logging/],
    ['no sink', { ossBucketName: null, slsProjectArn: null }, /delivers to no OSS bucket or SLS project/],
  ];
  for (const [label, change, why] of nearMisses) {
    it(`a ${label} trail does not pass, and the reason says why`, async () => {
      const { status, reason } = await verdict({ ...COMPLIANT, ...change });
      expect(status).toBe('fail');
      expect(reason).toMatch(why);
    });
  }

  it('conditions met by different trails do not add up to a pass', async () => {
    const { status, reason } = await verdict(
      { ...COMPLIANT, eventRW: 'Write' },
      { ...COMPLIANT, trailRegion: 'cn-shanghai' },
      { ...COMPLIANT, status: 'Disable', isLogging: false },
      { ...COMPLIANT, ossBucketName: null },
    );
    expect(status).toBe('fail');
    expect(reason).toMatch(/trail "trail-1" records only Write events; trail "trail-2" applies only to region cn-shanghai; trail "trail-3" is not enabled/);
  });

  it('one good trail among bad ones passes', async () => {
    expect((await verdict({ ...COMPLIANT, eventRW: 'Write' }, COMPLIANT)).status).toBe('pass');
  });

  it('a trail another account owns counts only as an organization trail', async () => {
    const foreign = { ...COMPLIANT, ownerAccountId: '9999999999999999', ownedByOtherAccount: true };
    const shared = await verdict(foreign);
    expect(shared.status).toBe('fail');
    expect(shared.reason).toMatch(/belongs to account 9999999999999999 and is not an organization trail/);
    expect((await verdict({ ...foreign, isOrganizationTrail: true } as typeof COMPLIANT)).status).toBe('pass');
  });

  it('reads the owning account from the TrailArn', () => {
    expect(accountOfTrailArn('acs:actiontrail:cn-hangzhou:9999999999999999:trail/org-trail')).toBe('9999999999999999');
    expect(accountOfTrailArn('not-an-arn')).toBeNull();
  });

  it('errors instead of passing when trails or their status could not be collected', async () => {
    const b = new AlibabaGraphBuilder();
    b.trail({ name: 'ok', ...COMPLIANT });
    b.graph.addGap({ provider: 'alibaba', product: 'actiontrail', action: 'GetTrailStatus', region: 'cn-hangzhou', code: 'ServiceUnavailable', message: 'temporary failure', fields: ['AlibabaActionTrail.isLogging'] });
    expect((await runCheck(check!, bundledSchema(), b.graph)).status).toBe('error');
  });
});
