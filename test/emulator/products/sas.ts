import type { Call, RpcProduct } from '../handler.js';
import { byPage, pageMax } from '../paging.js';
import type { Obj } from '../types.js';

/**
 * Security Center (Sas 2018-12-03). Two sites, as the SDK's endpoint map has them: tds.cn-shanghai
 * answers for assets in cn-* regions, tds.ap-southeast-1 for the rest. The site is the endpoint:
 * a request whose endpoint names a region (path prefix) sees that site's assets; one that does
 * not (a plain local URL, no Host to go by) sees every asset. RegionId is ignored, as the real
 * service does (DescribeCloudCenterInstances documents it only as a deprecated filter).
 * Settings are the same on both sites.
 */
const siteOf = (region: string): string => (region.startsWith('cn-') ? 'cn-shanghai' : 'ap-southeast-1');

function onSite(call: Call): (region: unknown) => boolean {
  const site = call.endpointRegion ? siteOf(call.endpointRegion) : null;
  return (region) => site === null || siteOf(String(region ?? '')) === site;
}

/** Handled states per DescribeVulList Dealed: n = not fixed (1 unfixed, 2 fix failed, 3 rollback failed, 4 fixing, 5 rolling back, 6 verifying). */
const UNHANDLED = new Set([1, 2, 3, 4, 5, 6]);

export const sas: RpcProduct = {
  name: 'sas',
  display: 'Sas',
  version: '2018-12-03',
  host: (r) => `tds.${siteOf(r)}.aliyuncs.com`,
  denyCode: 'NoPermission',
  actions: {
    DescribeVersionConfig: (call) => ({ Version: 1, HighestVersion: 1, MergedVersion: 1, IsTrialVersion: 0, IsPostpay: false, MVAuthCount: 0, ...(call.world.sas?.versionConfig ?? {}) }),
    // Bare arrays, unlike ECS-style wrappers.
    DescribeNoticeConfig: (call) => ({ NoticeConfigList: call.world.sas?.noticeConfigs ?? [] }),
    DescribeVulConfig(call) {
      const all = call.world.sas?.vulConfigs ?? [];
      const list = call.params.Type ? all.filter((c) => c.Type === call.params.Type) : all;
      return { TotalCount: list.length, TargetConfigs: list };
    },
    // Vulnerability levels scanned; the console's default is high and medium.
    DescribeConcernNecessity: (call) => ({ ConcernNecessity: call.world.sas?.concernNecessity ?? ['asap', 'later'] }),
    DescribeCloudCenterInstances(call) {
      const inSite = onSite(call);
      const all = (call.world.sas?.instances ?? []).filter((i) => inSite(i.RegionId));
      const r = byPage(all, call.params.CurrentPage, call.params.PageSize, 20, pageMax(call.world, 'sas:DescribeCloudCenterInstances', 100));
      return { Success: true, Instances: r.items, PageInfo: { CurrentPage: r.PageNumber, PageSize: r.PageSize, TotalCount: r.TotalCount, Count: r.items.length } };
    },
    // Type is required; Dealed=n keeps the unhandled ones.
    DescribeVulList(call) {
      const dealed = call.params.Dealed;
      const inSite = onSite(call);
      const regionOf = new Map((call.world.sas?.instances ?? []).map((i) => [i.Uuid, i.RegionId]));
      const all = (call.world.sas?.vulnerabilities ?? [])
        .filter((v) => v.Type === call.params.Type)
        .filter((v) => inSite(regionOf.get(v.Uuid)))
        .filter((v) => (dealed === 'n' ? UNHANDLED.has(Number(v.Status)) : dealed === 'y' ? !UNHANDLED.has(Number(v.Status)) : true));
      const r = byPage(all, call.params.CurrentPage, call.params.PageSize, 10, pageMax(call.world, 'sas:DescribeVulList', 100));
      return { TotalCount: r.TotalCount, PageSize: r.PageSize, CurrentPage: r.PageNumber, VulRecords: r.items };
    },
    // From defaults to aegis (Server Guard), which has none of Security Center's log settings.
    DescribeLogMeta(call) {
      const list = call.params.From === 'sas' ? call.world.sas?.logMeta ?? [] : [];
      return { TotalCount: list.length, LogMetaList: list };
    },
  },
};
