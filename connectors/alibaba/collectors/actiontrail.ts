import type { CollectContext } from '../context.js';
import { accountArn, ossBucketArn, trailArn } from '../ids.js';
import { bool, dateTime, plain, str } from '../normalize.js';
import { rpc } from '../rpc.js';

const TYPE = 'AlibabaActionTrail';

type Trail = Record<string, unknown>;

/** Regions from ActionTrail DescribeRegions (the fallback when ECS cannot list them). */
export async function actiontrailRegions(ctx: CollectContext, homeRegion: string): Promise<string[] | undefined> {
  const res = await rpc<{ Regions?: { Region?: { RegionId?: string }[] } }>(ctx, { product: 'actiontrail', action: 'DescribeRegions', region: homeRegion, types: [] }, {});
  if (!res.ok) return undefined;
  return (res.value.Regions?.Region ?? []).map((r) => r.RegionId).filter((r): r is string => !!r);
}

/**
 * Trails from every region's DescribeTrails (with shadow trails, deduplicated by ARN),
 * then GetTrailStatus per trail in its home region. Ids are the TrailArn.
 */
export async function collectActionTrail(ctx: CollectContext, regions: string[]): Promise<void> {
  const seen = new Set<string>();
  const trails: { id: string; home: string; trail: Trail }[] = [];
  await Promise.all(
    regions.map(async (region) => {
      // Shadow trails: multi-region trails homed elsewhere, so a region filter still sees them.
      const res = await rpc<{ TrailList?: Trail[] }>(ctx, { product: 'actiontrail', action: 'DescribeTrails', region, types: [TYPE] }, { IncludeShadowTrails: true, IncludeOrganizationTrail: true });
      if (!res.ok) return;
      for (const trail of res.value.TrailList ?? []) {
        const home = str(trail.HomeRegion) ?? region;
        const id = str(trail.TrailArn) ?? trailArn(home, ctx.accountId, String(trail.Name));
        if (seen.has(id)) continue;
        seen.add(id);
        trails.push({ id, home, trail });
      }
    }),
  );

  await Promise.all(trails.map(async ({ id, home, trail }) => {
    const name = String(trail.Name ?? '');
    const status = await rpc<Record<string, unknown>>(
      ctx,
      {
        product: 'actiontrail',
        action: 'GetTrailStatus',
        region: home,
        // Everything GetTrailStatus fills in (the logging times fall back to DescribeTrails' copy).
        fields: ['isLogging', 'latestDeliveryTime', 'latestDeliveryError', 'latestDeliveryLogServiceTime', 'latestDeliveryLogServiceError', 'ossBucketStatus', 'slsLogStoreStatus', 'startLoggingTime', 'stopLoggingTime'].map((f) => `${TYPE}.${f}`),
      },
      { Name: name, ...(trail.IsOrganizationTrail === true ? { IsOrganizationTrail: true } : {}) },
    );
    const s = status.ok ? status.value : {};
    const ownerAccountId = accountOfTrailArn(id) ?? ctx.accountId;
    const ossBucketName = str(trail.OssBucketName);
    const slsProjectArn = str(trail.SlsProjectArn);
    ctx.addAsset({
      id,
      type: TYPE,
      region: home,
      name,
      tags: [],
      raw: plain(status.ok ? { ...trail, TrailStatus: withoutRequestId(s) } : trail),
      homeRegion: home,
      trailRegion: str(trail.TrailRegion),
      eventRW: str(trail.EventRW),
      status: str(trail.Status),
      isLogging: status.ok ? bool(s.IsLogging) : null,
      isOrganizationTrail: bool(trail.IsOrganizationTrail) ?? false,
      ownerAccountId,
      // CIS 2.1: a trail another account shares here counts only as an organization trail.
      ownedByOtherAccount: ownerAccountId !== ctx.accountId,
      organizationId: str(trail.OrganizationId),
      ossBucketName,
      ossBucketLocation: str(trail.OssBucketLocation),
      ossKeyPrefix: str(trail.OssKeyPrefix),
      ossWriteRoleArn: str(trail.OssWriteRoleArn),
      slsProjectArn,
      slsWriteRoleArn: str(trail.SlsWriteRoleArn),
      maxComputeProjectArn: str(trail.MaxComputeProjectArn),
      createTime: dateTime(trail.CreateTime),
      updateTime: dateTime(trail.UpdateTime),
      startLoggingTime: dateTime(s.StartLoggingTime ?? trail.StartLoggingTime),
      stopLoggingTime: dateTime(s.StopLoggingTime ?? trail.StopLoggingTime),
      latestDeliveryTime: dateTime(s.LatestDeliveryTime),
      latestDeliveryError: str(s.LatestDeliveryError),
      latestDeliveryLogServiceTime: dateTime(s.LatestDeliveryLogServiceTime),
      latestDeliveryLogServiceError: str(s.LatestDeliveryLogServiceError),
      ossBucketStatus: status.ok ? bool(s.OssBucketStatus) : null,
      slsLogStoreStatus: status.ok ? bool(s.SlsLogStoreStatus) : null,
    });
    ctx.graph.addEdge(accountArn(ctx.accountId), 'trails', id);
    // Edges to assets that were not collected (another account's bucket) resolve to nothing.
    if (ossBucketName) ctx.graph.addEdge(id, 'ossBucket', ossBucketArn(ctx.accountId, ossBucketName));
    if (slsProjectArn) ctx.graph.addEdge(id, 'slsProject', slsProjectArn);
  }));
}

/** The account id in a TrailArn (`acs:actiontrail:<region>:<account>:trail/<name>`). */
export function accountOfTrailArn(arn: string): string | null {
  return /^acs:actiontrail:[^:]*:([^:]+):trail\//.exec(arn)?.[1] ?? null;
}

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { RequestId: _ignored, ...rest } = body;
  return rest;
}
