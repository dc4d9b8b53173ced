import type { CollectContext } from '../context.js';
import { kmsKeyArn, resourceArn } from '../ids.js';
import { bool, dateTime, list, num, plain, str, tags } from '../normalize.js';
import { rpc, rpcTokenPages } from '../rpc.js';

type Obj = Record<string, unknown>;
const INSTANCE = 'AlibabaEcsInstance';
const DISK = 'AlibabaEcsDisk';
const GROUP = 'AlibabaEcsSecurityGroup';

export const ecsInstanceId = (region: string, uid: string, id: string): string => resourceArn('ecs', region, uid, 'instance', id);
export const ecsDiskId = (region: string, uid: string, id: string): string => resourceArn('ecs', region, uid, 'disk', id);
export const ecsSecurityGroupId = (region: string, uid: string, id: string): string => resourceArn('ecs', region, uid, 'securitygroup', id);
export const vpcId = (region: string, uid: string, id: string): string => resourceArn('vpc', region, uid, 'vpc', id);

/** Regions from ECS DescribeRegions; undefined when the call failed (caller falls back). */
export async function ecsRegions(ctx: CollectContext, homeRegion: string): Promise<string[] | undefined> {
  const res = await rpc<{ Regions?: unknown }>(ctx, { product: 'ecs', action: 'DescribeRegions', region: homeRegion, types: [] }, {});
  if (!res.ok) return undefined;
  return list<Obj>(res.value.Regions, 'Region').map((r) => str(r.RegionId)).filter((r): r is string => !!r);
}

export async function collectEcs(ctx: CollectContext, region: string): Promise<void> {
  await Promise.all([instances(ctx, region), disks(ctx, region), securityGroups(ctx, region)]);
}

async function instances(ctx: CollectContext, region: string): Promise<void> {
  const { items } = await rpcTokenPages<Obj>(ctx, { product: 'ecs', action: 'DescribeInstances', region, types: [INSTANCE] }, {}, 100, (p) => list(p.Instances, 'Instance'));
  for (const item of items as Obj[]) {
    const instanceId = String(item.InstanceId);
    const id = ecsInstanceId(region, ctx.accountId, instanceId);
    const vpcAttrs = (item.VpcAttributes ?? {}) as Obj;
    const groupIds = list<string>(item.SecurityGroupIds, 'SecurityGroupId');
    const publicIps = list<string>(item.PublicIpAddress, 'IpAddress');
    const eip = str((item.EipAddress as Obj | undefined)?.IpAddress);
    ctx.addAsset({
      id,
      type: INSTANCE,
      region,
      name: str(item.InstanceName),
      tags: tags(item.Tags),
      raw: plain(item),
      instanceId,
      status: str(item.Status),
      instanceType: str(item.InstanceType),
      instanceNetworkType: str(item.InstanceNetworkType),
      zoneId: str(item.ZoneId),
      vpcId: str(vpcAttrs.VpcId),
      vSwitchId: str(vpcAttrs.VSwitchId),
      imageId: str(item.ImageId),
      osType: str(item.OSType),
      osName: str(item.OSName),
      publicIpAddresses: publicIps,
      eipAddress: eip,
      hasPublicIp: publicIps.length > 0 || eip !== null,
      privateIpAddresses: list<string>(vpcAttrs.PrivateIpAddress, 'IpAddress').concat(list<string>(item.InnerIpAddress, 'IpAddress')),
      securityGroupIds: groupIds,
      deletionProtection: bool(item.DeletionProtection),
      metadataHttpTokens: str((item.MetadataOptions as Obj | undefined)?.HttpTokens),
      creationTime: dateTime(item.CreationTime),
      resourceGroupId: str(item.ResourceGroupId),
    });
    for (const g of groupIds) ctx.graph.addEdge(id, 'securityGroups', ecsSecurityGroupId(region, ctx.accountId, g));
    if (str(vpcAttrs.VpcId)) ctx.graph.addEdge(id, 'vpc', vpcId(region, ctx.accountId, String(vpcAttrs.VpcId)));
  }
}

async function disks(ctx: CollectContext, region: string): Promise<void> {
  const { items } = await rpcTokenPages<Obj>(ctx, { product: 'ecs', action: 'DescribeDisks', region, types: [DISK] }, {}, 100, (p) => list(p.Disks, 'Disk'));
  for (const item of items as Obj[]) {
    const diskId = String(item.DiskId);
    const id = ecsDiskId(region, ctx.accountId, diskId);
    const instanceId = str(item.InstanceId);
    ctx.addAsset({
      id,
      type: DISK,
      region,
      name: str(item.DiskName),
      tags: tags(item.Tags),
      raw: plain(item),
      diskId,
      diskType: str(item.Type),
      category: str(item.Category),
      status: str(item.Status),
      encrypted: bool(item.Encrypted) ?? false,
      kmsKeyId: str(item.KMSKeyId),
      instanceId,
      size: num(item.Size),
      zoneId: str(item.ZoneId),
      deleteWithInstance: bool(item.DeleteWithInstance),
      creationTime: dateTime(item.CreationTime),
    });
    if (str(item.KMSKeyId)) ctx.graph.addEdge(id, 'kmsKey', kmsKeyArn(region, ctx.accountId, String(item.KMSKeyId)));
    if (instanceId) {
      const inst = ecsInstanceId(region, ctx.accountId, instanceId);
      ctx.graph.addEdge(id, 'instance', inst);
      ctx.graph.addEdge(inst, 'disks', id);
    }
  }
}

async function securityGroups(ctx: CollectContext, region: string): Promise<void> {
  const { items } = await rpcTokenPages<Obj>(ctx, { product: 'ecs', action: 'DescribeSecurityGroups', region, types: [GROUP] }, {}, 100, (p) => list(p.SecurityGroups, 'SecurityGroup'));
  await Promise.all((items as Obj[]).map(async (item) => {
    const groupId = String(item.SecurityGroupId);
    const id = ecsSecurityGroupId(region, ctx.accountId, groupId);
    const { rules, attr, complete } = await groupRules(ctx, region, groupId);
    ctx.addAsset({
      id,
      type: GROUP,
      region,
      name: str(item.SecurityGroupName),
      tags: tags(item.Tags),
      raw: plain(attr ? { ...item, Attribute: attr } : item),
      securityGroupId: groupId,
      description: str(item.Description),
      vpcId: str(item.VpcId),
      securityGroupType: str(item.SecurityGroupType),
      innerAccessPolicy: str(attr?.InnerAccessPolicy),
      rules: complete ? rules : null,
      creationTime: dateTime(item.CreationTime),
    });
    if (str(item.VpcId)) ctx.graph.addEdge(id, 'vpc', vpcId(region, ctx.accountId, String(item.VpcId)));
  }));
}

async function groupRules(ctx: CollectContext, region: string, groupId: string): Promise<{ rules: Obj[]; attr?: Obj; complete: boolean }> {
  const rules: Obj[] = [];
  let token: string | undefined;
  let attr: Obj | undefined;
  for (let i = 0; i < 1000; i++) {
    const res = await rpc<Obj>(
      ctx,
      { product: 'ecs', action: 'DescribeSecurityGroupAttribute', region, fields: [`${GROUP}.rules`, `${GROUP}.innerAccessPolicy`] },
      { SecurityGroupId: groupId, MaxResults: 1000, ...(token ? { NextToken: token } : {}) },
    );
    if (!res.ok) return { rules, attr, complete: false };
    const { Permissions: _p, RequestId: _r, ...rest } = res.value;
    attr = rest;
    for (const p of list<Obj>(res.value.Permissions, 'Permission')) rules.push(normalizeRule(p));
    const next = res.value.NextToken;
    if (typeof next !== 'string' || next === '' || next === token) break;
    token = next;
  }
  return { rules, attr, complete: true };
}

/** A Permission → rule object; ports split from "22/22", Priority to a number. */
export function normalizeRule(p: Obj): Obj {
  const range = str(p.PortRange);
  const [from, to] = range ? range.split('/').map((x) => Number(x)) : [];
  return {
    ruleId: str(p.SecurityGroupRuleId),
    direction: str(p.Direction),
    policy: str(p.Policy),
    ipProtocol: str(p.IpProtocol)?.toUpperCase() ?? null,
    portRange: range,
    portFrom: Number.isFinite(from) ? from : null,
    portTo: Number.isFinite(to) ? to : null,
    sourceCidrIp: str(p.SourceCidrIp),
    ipv6SourceCidrIp: str(p.Ipv6SourceCidrIp),
    sourceGroupId: str(p.SourceGroupId),
    sourcePrefixListId: str(p.SourcePrefixListId),
    destCidrIp: str(p.DestCidrIp),
    ipv6DestCidrIp: str(p.Ipv6DestCidrIp),
    destGroupId: str(p.DestGroupId),
    priority: num(p.Priority),
    nicType: str(p.NicType),
    description: str(p.Description),
    createTime: dateTime(p.CreateTime),
  };
}
