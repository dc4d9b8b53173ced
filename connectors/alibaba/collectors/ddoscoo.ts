import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, list, num, plain, str } from '../normalize.js';
import { numberedPages, rpc } from '../rpc.js';

type Obj = Record<string, unknown>;
const TYPE = 'AlibabaDdosCooDomain';
const PAGE_SIZE = 50;

/**
 * Anti-DDoS Pro/Premium websites and their full-log switch (CIS 2.6), per site. An account that
 * never bought the product has no websites: the list is empty and the check skips. Any error
 * (including one a not-activated account may get) is a gap, never an empty list: the real answer
 * for a not-activated account is not documented, so we do not guess it is "nothing".
 */
export async function collectDdosCoo(ctx: CollectContext, site: string): Promise<void> {
  const domains = await dispatchStatusPages(ctx, site);
  // Authorization matters only for websites: no call (and no possible gap) on a site without any.
  if (domains.length === 0) return;
  const auth = await rpc<Obj>(ctx, { product: 'ddoscoo', action: 'DescribeSlsAuthStatus', region: site, fields: [`${TYPE}.logServiceAuthorized`] }, {});
  const authorized = auth.ok ? bool(auth.value.SlsAuthStatus) : null;
  for (const d of domains) {
    const domain = str(d.Domain);
    if (!domain) continue;
    ctx.addAsset({
      id: resourceArn('ddoscoo', site, ctx.accountId, 'domain', domain),
      type: TYPE,
      region: site,
      name: domain,
      tags: [],
      raw: plain(d),
      domain,
      logEnabled: bool(d.Enable),
      logServiceAuthorized: authorized,
    });
  }
}

/**
 * PageNumber/PageSize over SlsConfigStatus until TotalCount (the model documents no maximum page
 * size, so a short page does not end the list); an incomplete list is a gap on the type.
 */
async function dispatchStatusPages(ctx: CollectContext, site: string): Promise<Obj[]> {
  const spec = { product: 'ddoscoo' as const, action: 'DescribeWebAccessLogDispatchStatus', region: site, types: [TYPE] };
  const { items } = await numberedPages<Obj, Obj>(
    ctx,
    spec,
    (page) => rpc<Obj>(ctx, spec, { PageNumber: page, PageSize: PAGE_SIZE }),
    (p) => ({ items: list<Obj>(p.SlsConfigStatus), total: num(p.TotalCount) }),
  );
  return items;
}
