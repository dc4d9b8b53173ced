import { required, wrap, type Call, type RpcProduct } from '../handler.js';
import { byPage } from '../paging.js';

const data = (call: Call) => call.world.vpc?.[call.region] ?? {};

export const vpc: RpcProduct = {
  name: 'vpc',
  display: 'Vpc',
  version: '2016-04-28',
  host: (r) => `vpc.${r}.aliyuncs.com`,
  actions: {
    DescribeVpcs(call) {
      required(call, 'RegionId');
      const ids = call.params.VpcId ? call.params.VpcId.split(',') : undefined;
      const items = (data(call).vpcs ?? []).filter((v) => (!ids || ids.includes(String(v.VpcId))) && (!call.params.VpcName || v.VpcName === call.params.VpcName));
      const r = byPage(items, call.params.PageNumber, call.params.PageSize, 10, 50);
      return { TotalCount: r.TotalCount, PageNumber: r.PageNumber, PageSize: r.PageSize, Vpcs: wrap('Vpc', r.items) };
    },
    DescribeFlowLogs(call) {
      required(call, 'RegionId');
      const p = call.params;
      const items = (data(call).flowLogs ?? []).filter((f) =>
        (['ResourceType', 'ResourceId', 'FlowLogId', 'FlowLogName', 'Status', 'TrafficType', 'ProjectName', 'LogStoreName'] as const).every((k) => !p[k] || String(f[k]) === p[k]) &&
        (!p.VpcId || f.VpcId === p.VpcId || (f.ResourceType === 'VPC' && f.ResourceId === p.VpcId)),
      );
      const r = byPage(items, p.PageNumber, p.PageSize, 20, 50);
      // Counters and Success are strings in the real response (reference §2.3).
      return { Success: 'true', TotalCount: String(r.TotalCount), PageNumber: String(r.PageNumber), PageSize: String(r.PageSize), FlowLogs: wrap('FlowLog', r.items) };
    },
  },
};
