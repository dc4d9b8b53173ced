import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, num, plain, str } from '../normalize.js';
import { rpc } from '../rpc.js';

type Obj = Record<string, unknown>;
const TYPE = 'AlibabaCloudFirewall';

/**
 * Cloud Firewall per site (CIS 2.8). DescribeUserBuyVersion documents InstanceStatus `free` for
 * "no valid instance": then (or with no InstanceId and no Version) there is no asset and the check
 * skips. Any error is a gap.
 */
export async function collectCloudfw(ctx: CollectContext, site: string): Promise<void> {
  const res = await rpc<Obj>(ctx, { product: 'cloudfw', action: 'DescribeUserBuyVersion', region: site, types: [TYPE] }, {});
  if (!res.ok) return;
  const buy = res.value;
  const instanceStatus = str(buy.InstanceStatus);
  const version = num(buy.Version);
  const instanceId = str(buy.InstanceId);
  if (instanceStatus === 'free' || (!instanceId && !version)) return;

  const [open, store] = await Promise.all([
    rpc<Obj>(ctx, { product: 'cloudfw', action: 'DescribeSlsAnalyzeOpenStatus', region: site, fields: [`${TYPE}.logAnalysisEnabled`] }, {}),
    rpc<Obj>(ctx, { product: 'cloudfw', action: 'DescribeLogStoreInfo', region: site, fields: [`${TYPE}.logProject`, `${TYPE}.logStore`, `${TYPE}.logRegionId`, `${TYPE}.logTtl`] }, {}),
  ]);
  const s = store.ok ? store.value : {};
  const { RequestId: _r, AliUid: _u, ...rest } = buy;
  ctx.addAsset({
    // Trial editions have no meaningful InstanceId: one firewall per site then.
    id: resourceArn('cloudfw', site, ctx.accountId, 'instance', instanceId ?? 'default'),
    type: TYPE,
    region: site,
    name: instanceId ?? `Cloud Firewall (${site})`,
    tags: [],
    raw: plain({ ...rest, ...(open.ok ? { SlsAnalyzeOpenStatus: open.value.OpenStatus } : {}), ...(store.ok ? { LogStoreInfo: withoutRequestId(s) } : {}) }),
    instanceId,
    version,
    edition: version === null ? null : EDITIONS[version] ?? `Version ${version}`,
    userStatus: bool(buy.UserStatus),
    instanceStatus,
    logDeliveryEnabled: bool(buy.LogStatus),
    logAnalysisEnabled: open.ok ? bool(open.value.OpenStatus) : null,
    logProject: str(s.ProjectName),
    logStore: str(s.LogStoreName),
    logRegionId: str(s.RegionId),
    logTtl: num(s.Ttl),
  });
}

const EDITIONS: Record<number, string> = { 2: 'Premium', 3: 'Enterprise', 4: 'Ultimate', 10: 'Pay-as-you-go' };

function withoutRequestId(body: Obj): Obj {
  const { RequestId: _ignored, ...rest } = body;
  return rest;
}
