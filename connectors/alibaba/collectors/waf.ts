import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, list, num, plain, str } from '../normalize.js';
import { numberedPages, rpc } from '../rpc.js';

type Obj = Record<string, unknown>;
const TYPE = 'AlibabaWafInstance';
const RESOURCE = 'AlibabaWafProtectedResource';
const PAGE_SIZE = 50;
/** Protected objects per DescribeResourceLogStatus call (comma-separated Resources). */
const LOG_BATCH = 20;

/**
 * WAF 3.0 per site (CIS 2.7). DescribeInstance answers without an InstanceId when the account has
 * no WAF 3.0 instance (how Alibaba's Terraform provider reads it): no asset, so the check skips.
 * Any error is a gap. A WAF 2.0 instance is not evaluated: when one exists it is a gap on the type,
 * so the check errors ("could not be evaluated") instead of skipping as if there were no WAF.
 */
export async function collectWaf(ctx: CollectContext, site: string): Promise<void> {
  const [res, legacy] = await Promise.all([
    rpc<Obj>(ctx, { product: 'waf', action: 'DescribeInstance', region: site, types: [TYPE] }, {}),
    rpc<Obj>(ctx, { product: 'waf2', action: 'DescribeInstanceInfo', region: site, types: [TYPE] }, {}),
  ]);
  const instanceId = res.ok ? str(res.value.InstanceId) : null;
  if (legacy.ok) noteLegacyInstance(ctx, site, legacy.value, instanceId);
  if (!res.ok) return;
  const inst = res.value;
  if (!instanceId) return;

  const [logStatus, resources] = await Promise.all([
    rpc<Obj>(ctx, { product: 'waf', action: 'DescribeUserWafLogStatus', region: site, fields: [`${TYPE}.logServiceStatus`, `${TYPE}.logServiceEnabled`, `${TYPE}.logRegionId`] }, { InstanceId: instanceId }),
    protectedResources(ctx, site, instanceId),
  ]);
  const status = logStatus.ok ? str(logStatus.value.LogStatus) : null;
  const { RequestId: _r, Details: _d, ...rest } = inst;
  ctx.addAsset({
    id: resourceArn('waf', site, ctx.accountId, 'instance', instanceId),
    type: TYPE,
    region: site,
    name: instanceId,
    tags: [],
    raw: plain({ ...rest, ...(logStatus.ok ? { UserWafLogStatus: withoutRequestId(logStatus.value) } : {}) }),
    instanceId,
    edition: str(inst.Edition),
    status: num(inst.Status),
    payType: str(inst.PayType),
    logServiceStatus: status,
    // Never enabled reads as no status: not enabled, rather than unknown.
    logServiceEnabled: logStatus.ok ? status === 'normal' : null,
    logRegionId: logStatus.ok ? str(logStatus.value.LogRegionId) : null,
    resources,
  });
}

/**
 * WAF 2.0 DescribeInstanceInfo: PayType 0 means no WAF 2.0 instance. Anything else (an instance, or
 * no PayType at all) leaves the WAF list incomplete for this site.
 */
function noteLegacyInstance(ctx: CollectContext, site: string, body: Obj, v3InstanceId: string | null): void {
  const info = (body.InstanceInfo ?? {}) as Obj;
  const payType = num(info.PayType);
  if (payType === 0) return;
  const id = str(info.InstanceId);
  // The same instance seen through the old API is not a second one.
  if (id !== null && id === v3InstanceId) return;
  const known = payType !== null;
  ctx.addGap(
    { product: 'waf2', action: 'DescribeInstanceInfo', region: site, types: [TYPE] },
    {
      kind: 'other',
      code: known ? 'WafV2NotEvaluated' : 'WafV2StatusUnknown',
      message: known
        ? `A WAF 2.0 instance${id ? ` (${id})` : ''} exists on the ${site} site; its log settings are not collected. Check WAF 2.0 > Log Service for every domain by hand.`
        : `WAF 2.0 DescribeInstanceInfo on the ${site} site returned no PayType; whether a WAF 2.0 instance exists is unknown.`,
    },
  );
}

/** Every protected object with its log switch; null when the list is incomplete (a gap says why). */
async function protectedResources(ctx: CollectContext, site: string, instanceId: string): Promise<Obj[] | null> {
  // Until TotalCount: the model documents no maximum page size, so a short page does not end the list.
  const spec = { product: 'waf' as const, action: 'DescribeDefenseResources', region: site, fields: [`${TYPE}.resources`, `${RESOURCE}.resource`, `${RESOURCE}.product`, `${RESOURCE}.logEnabled`] };
  const { items, complete } = await numberedPages<Obj, Obj>(
    ctx,
    spec,
    (page) => rpc<Obj>(ctx, spec, { InstanceId: instanceId, PageNumber: page, PageSize: PAGE_SIZE }),
    (p) => ({ items: list<Obj>(p.Resources), total: num(p.TotalCount) }),
  );
  if (!complete) return null;
  const names = [...new Set(items.map((r) => str(r.Resource)).filter((r): r is string => r !== null))];
  const status = new Map<string, boolean | null>();
  const batches: string[][] = [];
  for (let i = 0; i < names.length; i += LOG_BATCH) batches.push(names.slice(i, i + LOG_BATCH));
  await Promise.all(batches.map(async (batch) => {
    const res = await rpc<Obj>(ctx, { product: 'waf', action: 'DescribeResourceLogStatus', region: site, fields: [`${RESOURCE}.logEnabled`] }, { InstanceId: instanceId, Resources: batch.join(',') });
    if (!res.ok) return;
    for (const r of list<Obj>(res.value.Result)) {
      const name = str(r.Resource);
      if (name) status.set(name, bool(r.Status));
    }
  }));
  return items.map((r) => {
    const name = str(r.Resource);
    return { resource: name, product: str(r.Product), logEnabled: name !== null ? status.get(name) ?? null : null };
  });
}

function withoutRequestId(body: Obj): Obj {
  const { RequestId: _ignored, ...rest } = body;
  return rest;
}
