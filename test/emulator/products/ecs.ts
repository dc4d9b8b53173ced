import { apiError } from '../errors.js';
import { jsonList, required, strip, wrap, type Call, type RpcProduct } from '../handler.js';
import { byPage, byToken } from '../paging.js';
import type { Obj } from '../types.js';

const SG_SIDE_CARS = ['Permissions', 'InnerAccessPolicy'];

const data = (call: Call) => call.world.ecs?.[call.region] ?? {};

/** ECS lists page by NextToken/MaxResults when either is given, else PageNumber/PageSize. */
function page(call: Call, items: Obj[], item: string, list: string, maxToken: number) {
  const p = call.params;
  if (p.NextToken !== undefined || p.MaxResults !== undefined) {
    const r = byToken(items, p.NextToken, p.MaxResults, 10, 10, maxToken);
    return { TotalCount: items.length, NextToken: r.NextToken, [list]: wrap(item, r.items) };
  }
  const r = byPage(items, p.PageNumber, p.PageSize, 10, 100);
  return { TotalCount: r.TotalCount, PageNumber: r.PageNumber, PageSize: r.PageSize, NextToken: '', [list]: wrap(item, r.items) };
}

function match(call: Call, obj: Obj, filters: string[]): boolean {
  return filters.every((f) => call.params[f] === undefined || call.params[f] === '' || String(obj[f]) === call.params[f]);
}

export const ecs: RpcProduct = {
  name: 'ecs',
  display: 'Ecs',
  version: '2014-05-26',
  host: (r) => `ecs.${r}.aliyuncs.com`,
  actions: {
    DescribeRegions: (call) => ({
      Regions: wrap('Region', (call.world.regions ?? []).map((r) => ({ RegionId: r.RegionId, LocalName: r.LocalName ?? r.RegionId, RegionEndpoint: r.RegionEndpoint ?? `ecs.${String(r.RegionId)}.aliyuncs.com`, Status: r.Status ?? 'available' }))),
    }),
    DescribeInstances(call) {
      required(call, 'RegionId');
      const ids = jsonList(call, 'InstanceIds');
      const items = (data(call).instances ?? []).filter((i) => (!ids || ids.includes(String(i.InstanceId))) && match(call, i, ['Status', 'InstanceNetworkType', 'ZoneId', 'InstanceName']) && (!call.params.VpcId || (i.VpcAttributes as Obj | undefined)?.VpcId === call.params.VpcId));
      return page(call, items, 'Instance', 'Instances', 100);
    },
    DescribeDisks(call) {
      required(call, 'RegionId');
      const ids = jsonList(call, 'DiskIds');
      const type = call.params.DiskType && call.params.DiskType !== 'all' ? call.params.DiskType : undefined;
      const enc = call.params.Encrypted;
      const items = (data(call).disks ?? []).filter((d) => (!ids || ids.includes(String(d.DiskId))) && (!type || d.Type === type) && (enc === undefined || String(d.Encrypted) === enc) && match(call, d, ['InstanceId', 'Status', 'Category']));
      return page(call, items, 'Disk', 'Disks', 500);
    },
    DescribeSecurityGroups(call) {
      required(call, 'RegionId');
      const ids = jsonList(call, 'SecurityGroupIds');
      const items = (data(call).securityGroups ?? []).filter((g) => (!ids || ids.includes(String(g.SecurityGroupId))) && match(call, g, ['VpcId', 'SecurityGroupId', 'SecurityGroupName', 'SecurityGroupType']));
      return { RegionId: call.region, ...page(call, items.map((g) => strip(g, SG_SIDE_CARS)), 'SecurityGroup', 'SecurityGroups', 100) };
    },
    DescribeSecurityGroupAttribute(call) {
      required(call, 'RegionId');
      const id = required(call, 'SecurityGroupId');
      const group = (data(call).securityGroups ?? []).find((g) => g.SecurityGroupId === id);
      if (!group) throw apiError(404, 'InvalidSecurityGroupId.NotFound', 'The specified SecurityGroupId does not exist.');
      const dir = call.params.Direction && call.params.Direction !== 'all' ? call.params.Direction : undefined;
      const rules = ((group.Permissions ?? []) as Obj[]).filter((r) => !dir || r.Direction === dir);
      const r = byToken(rules, call.params.NextToken, call.params.MaxResults, 500, 10, 1000);
      return {
        RegionId: call.region,
        SecurityGroupId: id,
        SecurityGroupName: group.SecurityGroupName ?? '',
        Description: group.Description ?? '',
        VpcId: group.VpcId ?? '',
        InnerAccessPolicy: group.InnerAccessPolicy ?? 'Accept',
        NextToken: r.NextToken,
        Permissions: wrap('Permission', r.items),
      };
    },
  },
};
