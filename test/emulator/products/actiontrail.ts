import { apiError } from '../errors.js';
import { bool, required, strip, wrap, type Call, type RpcProduct } from '../handler.js';
import type { Obj } from '../types.js';

const SIDE_CARS = ['TrailStatus'];

/** Trails visible from a region: home trails, plus multi-region (shadow) trails when asked. */
function visible(call: Call, includeShadow: boolean): Obj[] {
  const orgs = bool(call.params.IncludeOrganizationTrail);
  return (call.world.actiontrail?.trails ?? []).filter((t) => {
    if (t.IsOrganizationTrail === true && !orgs) return false;
    if (t.HomeRegion === call.region) return true;
    return includeShadow && t.TrailRegion === 'All';
  });
}

export const actiontrail: RpcProduct = {
  name: 'actiontrail',
  display: 'Actiontrail',
  version: '2020-07-06',
  host: (r) => `actiontrail.${r}.aliyuncs.com`,
  actions: {
    DescribeRegions: (call) => ({
      Regions: wrap('Region', (call.world.regions ?? []).map((r) => ({ RegionId: r.RegionId, LocalName: r.LocalName ?? r.RegionId, RegionEndpoint: `actiontrail.${String(r.RegionId)}.aliyuncs.com` }))),
    }),
    DescribeTrails(call) {
      const names = call.params.NameList ? call.params.NameList.split(',').map((s) => s.trim()) : undefined;
      const trails = visible(call, bool(call.params.IncludeShadowTrails)).filter((t) => !names || names.includes(String(t.Name)));
      // A bare array, unlike most POP lists (reference §2.1).
      return { TrailList: trails.map((t) => strip(t, SIDE_CARS)) };
    },
    GetTrailStatus(call) {
      const name = required(call, 'Name');
      const trail = visible(call, true).find((t) => t.Name === name) ?? (call.params.IsOrganizationTrail === 'true' ? call.world.actiontrail?.trails?.find((t) => t.Name === name) : undefined);
      if (!trail) throw apiError(404, 'TrailNotFoundException', 'The specified trail does not exist.');
      const s = (trail.TrailStatus ?? {}) as Obj;
      return {
        IsLogging: trail.Status === 'Enable',
        StartLoggingTime: trail.StartLoggingTime ?? '',
        StopLoggingTime: trail.StopLoggingTime ?? '',
        LatestDeliveryTime: '',
        LatestDeliveryError: '',
        LatestDeliveryLogServiceTime: '',
        LatestDeliveryLogServiceError: '',
        OssBucketStatus: !!trail.OssBucketName,
        SlsLogStoreStatus: !!trail.SlsProjectArn,
        ...s,
      };
    },
  },
};
