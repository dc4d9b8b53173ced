import type { RpcProduct } from '../handler.js';

/**
 * Cloud Firewall (cloudfw 2017-12-07), world keyed by site (cn-hangzhou / ap-southeast-1). A site
 * without `userBuyVersion` answers like an account with no instance: InstanceStatus `free`.
 */
export const cloudfw: RpcProduct = {
  name: 'cloudfw',
  display: 'Cloudfw',
  version: '2017-12-07',
  // cloudfw20171207's endpoint map: own hosts for the two sites, the central host elsewhere.
  host: (r) => (r === 'cn-hangzhou' ? 'cloudfw.cn-hangzhou.aliyuncs.com' : r === 'ap-southeast-1' || r === 'ap-southeast-3' ? 'cloudfw.ap-southeast-1.aliyuncs.com' : 'cloudfw.aliyuncs.com'),
  ramCode: 'yundun-cloudfirewall',
  actions: {
    DescribeUserBuyVersion(call) {
      const buy = call.world.cloudfw?.[call.region]?.userBuyVersion;
      const uid = Number(call.world.account.AccountId);
      if (!buy) return { AliUid: uid, UserStatus: false, InstanceStatus: 'free', LogStatus: false };
      return { AliUid: uid, ...buy };
    },
    // OpenStatus is a string, "true" or "false".
    DescribeSlsAnalyzeOpenStatus: (call) => ({ OpenStatus: String(call.world.cloudfw?.[call.region]?.slsAnalyzeOpenStatus ?? false) }),
    DescribeLogStoreInfo: (call) => ({ ...(call.world.cloudfw?.[call.region]?.logStoreInfo ?? {}) }),
  },
};
