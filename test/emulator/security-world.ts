/**
 * A world for the Anti-DDoS / WAF 3.0 / Cloud Firewall tests: both API sites, enough websites and
 * protected objects to need several pages, one misconfiguration per product, and an international
 * site where nothing was bought.
 */
import type { World } from './types.js';

export const SECURITY_UID = '1000000000000002';
export const SECURITY_ROOT = { accessKeyId: 'LTAI5tSecurityRootKey1', accessKeySecret: 'security-root-secret-00000000000' };

/** 60 mainland websites (more than one 50-item page); www-7 has full log off. */
export const DDOS_DOMAINS = Array.from({ length: 60 }, (_, i) => ({ Domain: `www-${i}.example.com`, Enable: i !== 7 }));
/** 25 protected objects (several DescribeResourceLogStatus batches); alb-3 does not collect logs. */
export const WAF_RESOURCES = Array.from({ length: 25 }, (_, i) => ({ Resource: `alb-${i}`, Product: 'alb', ResourceOrigin: 'custom', ResourceLogStatus: i !== 3 }));

export function securityWorld(): World {
  return {
    account: { AccountId: SECURITY_UID, HomeRegion: 'cn-hangzhou' },
    credentials: [{ AccessKeyId: SECURITY_ROOT.accessKeyId, AccessKeySecret: SECURITY_ROOT.accessKeySecret, AccountId: SECURITY_UID, Type: 'root' }],
    regions: [{ RegionId: 'cn-hangzhou' }, { RegionId: 'ap-southeast-1' }],
    ddoscoo: { 'cn-hangzhou': { slsAuthStatus: true, domains: DDOS_DOMAINS } },
    waf: {
      'cn-hangzhou': {
        instance: { InstanceId: 'waf_v3prepaid_public_cn-sec1', Edition: 'ultimate', Status: 1, PayType: 'PREPAY', RegionId: 'cn-hangzhou', StartTime: 1700000000000, EndTime: 4809859200000, InDebt: '0' },
        logStatus: { LogStatus: 'normal', LogRegionId: 'cn-hangzhou', StatusUpdateTime: 1706771796859 },
        resources: WAF_RESOURCES,
      },
    },
    cloudfw: {
      'cn-hangzhou': {
        userBuyVersion: { InstanceId: 'vipcloudfw-cn-sec1', Version: 3, UserStatus: true, InstanceStatus: 'normal', LogStatus: false, StartTime: 1692504764000, Expire: 1726934400000 },
        slsAnalyzeOpenStatus: false,
        logStoreInfo: { ProjectName: 'cloudfirewall-project-1000000000000002-cn-hangzhou', LogStoreName: 'cloudfirewall-logstore', RegionId: 'cn-hangzhou', Ttl: 180, Quota: 50000000, Used: 0 },
      },
    },
  };
}
