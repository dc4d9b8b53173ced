import type { RpcProduct } from '../handler.js';

export const sas: RpcProduct = {
  name: 'sas',
  display: 'Sas',
  version: '2018-12-03',
  // One endpoint for China, one for the rest (reference §2.9).
  host: (r) => (r.startsWith('cn-') ? 'tds.cn-shanghai.aliyuncs.com' : 'tds.ap-southeast-1.aliyuncs.com'),
  denyCode: 'NoPermission',
  actions: {
    DescribeVersionConfig: (call) => ({ Version: 1, HighestVersion: 1, IsTrialVersion: 0, IsPostpay: false, MVAuthCount: 0, ...(call.world.sas?.versionConfig ?? {}) }),
    // Bare arrays, unlike ECS-style wrappers.
    DescribeNoticeConfig: (call) => ({ NoticeConfigList: call.world.sas?.noticeConfigs ?? [] }),
    DescribeVulConfig(call) {
      const all = call.world.sas?.vulConfigs ?? [];
      const list = call.params.Type ? all.filter((c) => c.Type === call.params.Type) : all;
      return { TotalCount: list.length, TargetConfigs: list };
    },
    DescribeCloudCenterInstances(call) {
      const all = call.world.sas?.instances ?? [];
      const size = Math.min(100, Math.max(1, Number(call.params.PageSize ?? 20) || 20));
      const page = Math.max(1, Number(call.params.CurrentPage ?? 1) || 1);
      const items = all.slice((page - 1) * size, page * size);
      return { Success: true, Instances: items, PageInfo: { CurrentPage: page, PageSize: size, TotalCount: all.length, Count: items.length } };
    },
    // Type is required; Dealed=n keeps the unhandled ones (Status 1 unfixed, 4 fixing, 5 fix failed).
    DescribeVulList(call) {
      const dealed = call.params.Dealed;
      const all = (call.world.sas?.vulnerabilities ?? [])
        .filter((v) => v.Type === call.params.Type)
        .filter((v) => (dealed === 'n' ? [1, 4, 5].includes(Number(v.Status)) : dealed === 'y' ? ![1, 4, 5].includes(Number(v.Status)) : true));
      const size = Math.min(100, Math.max(1, Number(call.params.PageSize ?? 10) || 10));
      const page = Math.max(1, Number(call.params.CurrentPage ?? 1) || 1);
      const items = all.slice((page - 1) * size, page * size);
      return { TotalCount: all.length, PageSize: size, CurrentPage: page, VulRecords: items };
    },
    DescribeLogMeta: (call) => ({ TotalCount: (call.world.sas?.logMeta ?? []).length, LogMetaList: call.world.sas?.logMeta ?? [] }),
  },
};
