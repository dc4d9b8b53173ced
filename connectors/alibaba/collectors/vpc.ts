import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, dateTime, list, num, plain, str, tags } from '../normalize.js';
import { rpcPages } from '../rpc.js';
import { vpcId } from './ecs.js';

type Obj = Record<string, unknown>;
const VPC = 'AlibabaVpc';
const FLOW_LOG = 'AlibabaVpcFlowLog';

export const flowLogId = (region: string, uid: string, id: string): string => resourceArn('vpc', region, uid, 'flowlog', id);

/** VPCs and flow logs; a flow log on a VPC (ResourceType=VPC) becomes a vpc→flowLogs edge. */
export async function collectVpc(ctx: CollectContext, region: string): Promise<void> {
  const [vpcs, flowLogs] = await Promise.all([
    // DescribeVpcs and DescribeFlowLogs page at most 50 items.
    rpcPages<Obj>(ctx, { product: 'vpc', action: 'DescribeVpcs', region, types: [VPC] }, {}, 50, (p) => list(p.Vpcs, 'Vpc'), (p) => num(p.TotalCount)),
    rpcPages<Obj>(ctx, { product: 'vpc', action: 'DescribeFlowLogs', region, types: [FLOW_LOG], fields: [`${VPC}.flowLogs`] }, {}, 50, (p) => list(p.FlowLogs, 'FlowLog'), (p) => num(p.TotalCount)),
  ]);
  for (const item of vpcs.items as Obj[]) {
    const id = vpcId(region, ctx.accountId, String(item.VpcId));
    ctx.addAsset({
      id,
      type: VPC,
      region,
      name: str(item.VpcName),
      tags: tags(item.Tags),
      raw: plain(item),
      vpcId: String(item.VpcId),
      status: str(item.Status),
      cidrBlock: str(item.CidrBlock),
      ipv6CidrBlock: str(item.Ipv6CidrBlock),
      isDefault: bool(item.IsDefault),
      vSwitchIds: list<string>(item.VSwitchIds, 'VSwitchId'),
      routeTableIds: list<string>(item.RouterTableIds),
      description: str(item.Description),
      ownerId: str(item.OwnerId),
      creationTime: dateTime(item.CreationTime),
    });
  }
  for (const item of flowLogs.items as Obj[]) {
    const id = flowLogId(region, ctx.accountId, String(item.FlowLogId));
    const resourceType = str(item.ResourceType);
    const resourceId = str(item.ResourceId);
    ctx.addAsset({
      id,
      type: FLOW_LOG,
      region,
      name: str(item.FlowLogName),
      tags: tags(item.Tags),
      raw: plain(item),
      flowLogId: String(item.FlowLogId),
      status: str(item.Status),
      active: str(item.Status) === 'Active',
      resourceType,
      resourceId,
      vpcId: str(item.VpcId) ?? (resourceType === 'VPC' ? resourceId : null),
      trafficType: str(item.TrafficType),
      projectName: str(item.ProjectName),
      logStoreName: str(item.LogStoreName),
      aggregationInterval: num(item.AggregationInterval),
      businessStatus: str(item.BusinessStatus),
      creationTime: dateTime(item.CreationTime),
    });
    const owner = str(item.VpcId) ?? (resourceType === 'VPC' ? resourceId : null);
    if (owner) ctx.graph.addEdge(vpcId(region, ctx.accountId, owner), 'flowLogs', id);
  }
}
