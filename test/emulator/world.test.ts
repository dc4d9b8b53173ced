import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorld, validateWorld, WorldError } from './index.js';

const here = (p: string) => new URL(p, import.meta.url).pathname;

describe('world files', () => {
  it('loads the shipped worlds', () => {
    const demo = loadWorld(here('./worlds/demo.world.json'));
    expect(demo.account.AccountId).toBe('1234567890123456');
    expect(demo.regions?.map((r) => r.RegionId)).toEqual(['cn-hangzhou', 'cn-shanghai', 'ap-southeast-1']);
    expect(loadWorld(here('./worlds/minimal.world.json')).credentials).toHaveLength(1);
  });

  it('names the JSON path of a missing field', () => {
    const bad = { account: { AccountId: '1234567890123456' }, credentials: [{ AccessKeyId: 'k', AccountId: '1234567890123456', Type: 'root' }] };
    expect(() => validateWorld(bad)).toThrow(/\$\.credentials\[0\]\.AccessKeySecret is required/);
  });

  it('names the path of a bad enum deep inside a section', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-world-'));
    const file = join(dir, 'w.json');
    const world = JSON.parse(JSON.stringify(loadWorld(here('./worlds/minimal.world.json')))) as Record<string, unknown>;
    world.ecs = { 'cn-hangzhou': { securityGroups: [{ SecurityGroupId: 'sg-1', Permissions: [{ Direction: 'inbound', IpProtocol: 'TCP', PortRange: '22/22', Policy: 'Accept' }] }] } };
    writeFileSync(file, JSON.stringify(world));
    let err: unknown;
    try {
      loadWorld(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(WorldError);
    expect((err as Error).message).toContain('$.ecs["cn-hangzhou"].securityGroups[0].Permissions[0].Direction must be one of');
    expect((err as Error).message).toContain(file);
  });

  it('rejects unknown top-level sections and non-JSON files', () => {
    expect(() => validateWorld({ account: { AccountId: '1234567890123456' }, credentials: [{ AccessKeyId: 'k', AccessKeySecret: 's', AccountId: '1234567890123456', Type: 'root' }], ec2: {} })).toThrow(/\$\.ec2 is not a known property/);
    const dir = mkdtempSync(join(tmpdir(), 'emu-world-'));
    writeFileSync(join(dir, 'x.json'), '{ nope');
    expect(() => loadWorld(join(dir, 'x.json'))).toThrow(/is not JSON/);
  });
});
