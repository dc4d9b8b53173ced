import type { RpcProduct } from '../handler.js';
import { byPage, pageMax } from '../paging.js';

/**
 * Anti-DDoS Pro/Premium (ddoscoo 2020-01-01): account-wide per site, world keyed by site
 * (cn-hangzhou / ap-southeast-1). A site without an entry is an account that bought nothing there:
 * no websites and no Log Service authorization.
 */
export const ddoscoo: RpcProduct = {
  name: 'ddoscoo',
  display: 'ddoscoo',
  version: '2020-01-01',
  host: (r) => `ddoscoo.${r}.aliyuncs.com`,
  ramCode: 'yundun-ddoscoo',
  actions: {
    DescribeWebAccessLogDispatchStatus(call) {
      const domains = call.world.ddoscoo?.[call.region]?.domains ?? [];
      const r = byPage(domains, call.params.PageNumber, call.params.PageSize, 10, pageMax(call.world, 'ddoscoo:DescribeWebAccessLogDispatchStatus', 100));
      // A bare array of {Domain, Enable}.
      return { TotalCount: r.TotalCount, SlsConfigStatus: r.items.map((d) => ({ Domain: d.Domain, Enable: d.Enable })) };
    },
    DescribeSlsAuthStatus: (call) => ({ SlsAuthStatus: call.world.ddoscoo?.[call.region]?.slsAuthStatus ?? false }),
  },
};
