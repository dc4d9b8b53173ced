import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../engine/package-root.js';

type Obj = Record<string, unknown>;

/** 24 region ids, as an account that uses most of Alibaba Cloud's public regions would see them. */
export const SYNTHETIC_REGIONS = [
  'cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-qingdao', 'cn-zhangjiakou', 'cn-huhehaote', 'cn-wulanchabu',
  'cn-chengdu', 'cn-heyuan', 'cn-guangzhou', 'cn-hongkong', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'ap-southeast-6',
  'ap-southeast-7', 'ap-northeast-1', 'ap-northeast-2', 'ap-south-1', 'us-east-1', 'us-west-1', 'eu-west-1', 'eu-central-1',
];

/**
 * A large emulator world for the collection benchmark: the demo world's cn-hangzhou resources
 * (ECS instances, disks, security groups, VPCs, flow logs, RDS, KMS) copied `copiesPerRegion`
 * times into each of the regions, with ids made unique by consistent renaming inside each copy,
 * and the demo's RAM users copied `ramUserCopies` times. Global products keep the demo's data.
 */
export function syntheticCollectionWorld(options: { regions?: number; copiesPerRegion?: number; ramUserCopies?: number } = {}): Obj {
  const demo = JSON.parse(readFileSync(join(packageRoot(), 'test/emulator/worlds/demo.world.json'), 'utf8')) as Obj;
  const regions = SYNTHETIC_REGIONS.slice(0, options.regions ?? SYNTHETIC_REGIONS.length);
  const copies = options.copiesPerRegion ?? 4;
  const template = {
    ecs: (demo.ecs as Obj)['cn-hangzhou'],
    vpc: (demo.vpc as Obj)['cn-hangzhou'],
    rds: (demo.rds as Obj)['cn-hangzhou'],
    kms: (demo.kms as Obj)['cn-hangzhou'],
  };
  const text = JSON.stringify(template);
  const world: Obj = { ...demo, regions: regions.map((id) => ({ RegionId: id, LocalName: id, RegionEndpoint: `ecs.${id}.aliyuncs.com`, Status: 'available' })) };
  for (const product of ['ecs', 'vpc', 'rds', 'kms'] as const) world[product] = {};
  regions.forEach((region, r) => {
    const merged: Record<string, Record<string, unknown[]>> = { ecs: {}, vpc: {}, rds: {}, kms: {} };
    for (let k = 0; k < copies; k++) {
      // Every id in the demo contains "demo": renaming it per copy keeps references consistent.
      const copy = JSON.parse(text.replaceAll('cn-hangzhou', region).replaceAll('demo', `r${r}c${k}`)) as Record<string, Record<string, unknown[]>>;
      for (const [product, lists] of Object.entries(copy)) {
        for (const [list, items] of Object.entries(lists)) (merged[product]![list] ??= []).push(...items);
      }
    }
    for (const product of Object.keys(merged)) (world[product] as Obj)[region] = merged[product];
  });
  const ram = demo.ram as Obj;
  const users = ram.users as Obj[];
  const userCopies = options.ramUserCopies ?? 10;
  world.ram = {
    ...ram,
    // Copy 0 keeps the demo's names: the scanning user (auditor) must still exist as itself.
    users: Array.from({ length: userCopies }, (_, k) =>
      users.map((u) => k === 0 ? u : JSON.parse(JSON.stringify(u).replaceAll(String(u.UserName), `${String(u.UserName)}-${k}`).replaceAll(String(u.UserId), `${String(u.UserId).slice(0, -3)}${String(k).padStart(3, '0')}`))),
    ).flat(),
  };
  // The same key may not appear twice: keep the demo's credentials and its auditor user name.
  return world;
}
