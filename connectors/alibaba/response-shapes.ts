import type { ResponseShape } from './response-shape.js';

/**
 * The success shape of every API the connector calls, by `product:Action` (syntax in
 * response-shape.ts). Paths are the wire names of the official SDK response models
 * (`@alicloud/<product><version>`, `names()`), down to the envelope the collector reads; a list
 * is required where the model always returns it (an empty list is `[]`, not absent).
 *
 * RPC answers carry a `RequestId` (checked for every RPC call in clients.ts, with the HTTP
 * status); OSS answers are ali-oss results, whose `res.status` is the HTTP status. A call with no
 * entry here cannot succeed (context.ts): adding a call means declaring its shape.
 */
export const RESPONSE_SHAPES: Record<string, ResponseShape> = {
  // ActionTrail 2020-07-06
  'actiontrail:DescribeRegions': ['Regions.Region[]'],
  'actiontrail:DescribeTrails': ['TrailList[]'],
  'actiontrail:GetTrailStatus': ['IsLogging'],

  // ECS 2014-05-26
  'ecs:DescribeRegions': ['Regions.Region[]'],
  'ecs:DescribeInstances': ['Instances.Instance[]'],
  'ecs:DescribeDisks': ['Disks.Disk[]'],
  'ecs:DescribeSecurityGroups': ['SecurityGroups.SecurityGroup[]'],
  'ecs:DescribeSecurityGroupAttribute': ['Permissions.Permission[]'],

  // VPC 2016-04-28
  'vpc:DescribeVpcs': ['Vpcs.Vpc[]'],
  'vpc:DescribeFlowLogs': ['FlowLogs.FlowLog[]'],

  // RAM 2015-05-01
  'ram:GetAccountAlias': ['AccountAlias'],
  'ram:GetPasswordPolicy': ['PasswordPolicy{}'],
  'ram:GetSecurityPreference': ['SecurityPreference{}'],
  'ram:ListAccessKeys': ['AccessKeys.AccessKey[]'],
  'ram:ListUsers': ['Users.User[]'],
  'ram:GetUser': ['User{}'],
  'ram:GetLoginProfile': ['LoginProfile{}'],
  'ram:GetUserMFAInfo': ['MFADevice{}'],
  'ram:ListPoliciesForUser': ['Policies.Policy[]'],
  'ram:ListPolicies': ['Policies.Policy[]'],
  'ram:GetPolicy': ['Policy{}'],

  // IMS 2019-08-15 (credential report; Content is absent while the report is being generated)
  'ims:GenerateCredentialReport': ['State'],
  'ims:GetCredentialReport': [],

  // RDS 2014-08-15
  'rds:DescribeDBInstances': ['Items.DBInstance[]'],
  'rds:DescribeDBInstanceSSL': [],
  'rds:DescribeDBInstanceTDE': ['TDEStatus'],
  'rds:DescribeDBInstanceIPArrayList': ['Items.DBInstanceIPArray[]'],
  'rds:DescribeSQLCollectorPolicy': ['SQLCollectorStatus'],
  'rds:DescribeSQLCollectorRetention': ['ConfigValue'],
  'rds:DescribeParameters': ['RunningParameters.DBInstanceParameter[]'],

  // KMS 2016-01-20
  'kms:ListKeys': ['Keys.Key[]'],
  'kms:DescribeKey': ['KeyMetadata{}'],

  // Security Center (Sas 2018-12-03)
  'sas:DescribeVersionConfig': ['Version'],
  'sas:DescribeNoticeConfig': ['NoticeConfigList[]'],
  'sas:DescribeVulConfig': ['TargetConfigs[]'],
  'sas:DescribeLogMeta': ['LogMetaList[]'],
  'sas:DescribeCloudCenterInstances': ['Instances[]', 'PageInfo{}'],
  'sas:DescribeVulList': ['VulRecords[]'],
  'sas:DescribeConcernNecessity': ['ConcernNecessity[]'],

  // ACK (CS 2015-12-15, ROA: snake_case bodies, no RequestId in the body)
  'cs:DescribeClustersV1': ['clusters[]', 'page_info{}'],
  'cs:DescribeClusterDetail': ['cluster_id'],
  'cs:ListClusterAddonInstances': ['addons[]'],
  'cs:DescribeClusterNodePools': ['nodepools[]'],
  'cs:ListClusterChecks': ['checks[]'],

  // OSS (ali-oss results: `res.status` is the HTTP status, `res.data` the XML body (its root element
// per the oss20190517 models); ListBuckets has `buckets: null` when empty; a policy is JSON)
  'oss:ListBuckets': ['res.status=200', '<ListAllMyBucketsResult>', 'owner{}', '?buckets[]'],
  'oss:GetBucketInfo': ['res.status=200', '<BucketInfo>', 'bucket{}'],
  'oss:GetBucketAcl': ['res.status=200', '<AccessControlPolicy>', 'acl'],
  'oss:GetBucketPolicy': ['res.status=200', 'policy{}'],
  'oss:GetBucketLogging': ['res.status=200', '<BucketLoggingStatus>', 'enable'],

  // Log Service (SLS REST API 0.6.0, via @alicloud/log)
  'sls:ListProject': ['projects[]'],
  'sls:ListLogStores': ['logstores[]'],
  'sls:GetLogStore': ['logstoreName'],
  'sls:ListAlerts': ['results[]'],

  // Anti-DDoS Pro (ddoscoo 2020-01-01)
  'ddoscoo:DescribeSlsAuthStatus': ['SlsAuthStatus'],
  'ddoscoo:DescribeWebAccessLogDispatchStatus': ['SlsConfigStatus[]'],

  // WAF 3.0 (waf-openapi 2021-10-01); no InstanceId is the documented "not purchased" answer
  'waf:DescribeInstance': [],
  'waf:DescribeUserWafLogStatus': ['LogStatus'],
  'waf:DescribeDefenseResources': ['Resources[]'],
  'waf:DescribeResourceLogStatus': ['Result[]'],
  // WAF 2.0 (waf-openapi 2019-09-10)
  'waf2:DescribeInstanceInfo': ['InstanceInfo{}'],

  // Cloud Firewall (cloudfw 2017-12-07)
  'cloudfw:DescribeUserBuyVersion': [],
  'cloudfw:DescribeSlsAnalyzeOpenStatus': ['OpenStatus'],
  'cloudfw:DescribeLogStoreInfo': [],

  // ResourceManager 2020-03-31 (organization member discovery, not part of a collection)
  'resourcemanager:ListAccounts': ['Accounts.Account[]', 'TotalCount'],
};

export function responseShape(product: string, action: string): ResponseShape | undefined {
  return RESPONSE_SHAPES[`${product}:${action}`];
}

/**
 * The documented error answers that mean "there is none" (data, not a gap) for calls made with
 * `notFoundIsEmpty`. Any other not-found answer — `InvalidAction.NotFound` from a gateway, a 404
 * page — is a failed call.
 */
const NONE_ANSWERS: Record<string, readonly string[]> = {
  'ram:GetLoginProfile': ['EntityNotExist.User.LoginProfile'],
  'ram:GetUserMFAInfo': ['EntityNotExist.User.MFADevice'],
  'oss:GetBucketPolicy': ['NoSuchBucketPolicy'],
};

export function noneAnswerCodes(product: string, action: string): readonly string[] {
  return NONE_ANSWERS[`${product}:${action}`] ?? [];
}
