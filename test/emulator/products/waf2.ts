import type { RpcProduct } from '../handler.js';

/**
 * WAF 2.0 (waf-openapi 2019-09-10), only DescribeInstanceInfo: the connector uses it to notice a
 * legacy instance. Without `legacyInstance` in the world's site it answers PayType 0 (none opened).
 */
export const waf2: RpcProduct = {
  name: 'waf2',
  display: 'waf-openapi',
  version: '2019-09-10',
  host: (r) => `wafopenapi.${r}.aliyuncs.com`,
  ramCode: 'yundun-waf',
  actions: {
    DescribeInstanceInfo: (call) => ({ InstanceInfo: call.world.waf?.[call.region]?.legacyInstance ?? { PayType: 0 } }),
  },
};
