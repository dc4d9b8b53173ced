import { apiError } from '../errors.js';
import { required, strip, type Call, type RpcProduct } from '../handler.js';
import { byPage, pageMax } from '../paging.js';
import type { Obj } from '../types.js';

/** World resources carry their log switch in this side-car key. */
const SIDE_CARS = ['ResourceLogStatus'];

/**
 * WAF 3.0 (waf-openapi 2021-10-01), world keyed by site (cn-hangzhou / ap-southeast-1). Without an
 * instance, DescribeInstance answers with only a RequestId (no InstanceId), as for an account that
 * has not bought WAF 3.0.
 */
function instanceOf(call: Call): Obj {
  const id = required(call, 'InstanceId');
  const site = call.world.waf?.[call.region];
  if (!site?.instance || site.instance.InstanceId !== id) throw apiError(400, 'InvalidParameter.InstanceId', 'The specified InstanceId is invalid.');
  return site.instance;
}

export const waf: RpcProduct = {
  name: 'waf',
  display: 'waf-openapi',
  version: '2021-10-01',
  host: (r) => `wafopenapi.${r}.aliyuncs.com`,
  ramCode: 'yundun-waf',
  actions: {
    DescribeInstance: (call) => ({ ...(call.world.waf?.[call.region]?.instance ?? {}) }),
    DescribeUserWafLogStatus(call) {
      instanceOf(call);
      // Never enabled: no LogStatus at all.
      return { ...(call.world.waf?.[call.region]?.logStatus ?? {}) };
    },
    DescribeDefenseResources(call) {
      instanceOf(call);
      const all = call.world.waf?.[call.region]?.resources ?? [];
      const r = byPage(all, call.params.PageNumber, call.params.PageSize, 10, pageMax(call.world, 'waf:DescribeDefenseResources', 100));
      return { TotalCount: r.TotalCount, Resources: r.items.map((x) => strip(x, SIDE_CARS)) };
    },
    DescribeResourceLogStatus(call) {
      instanceOf(call);
      const names = required(call, 'Resources').split(',').map((s) => s.trim()).filter(Boolean);
      const all = call.world.waf?.[call.region]?.resources ?? [];
      const result = names.flatMap((name) => {
        const res = all.find((x) => x.Resource === name);
        return res ? [{ Resource: name, Status: res.ResourceLogStatus === true }] : [];
      });
      return { Result: result };
    },
  },
};
