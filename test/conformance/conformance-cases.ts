/**
 * One entry per `product:Action` the connector calls: the official model of its response body and
 * how to ask the emulator for every answer worth checking (one per world object the action can
 * answer about). The test asserts that this table covers every action the connector's collection
 * calls, so a new connector call without an entry fails the suite.
 */
import { XMLParser } from 'fast-xml-parser';
import type OSS from 'ali-oss';
import type { World } from '../emulator/index.js';
import { oss, roa, rpc, sls, slsGet, type API_VERSIONS, type Key } from '../emulator/test-clients.js';
import { ossRoot } from './oss-models.js';
import type { ModelRef, TeaModel } from './tea-model.js';
import { loadModel } from './tea-model.js';

type Obj = Record<string, unknown>;

export interface CaseEnv {
  url: string;
  key: Key;
  world: World;
}

/** What an answer is held to: an official model, or nothing (and why). */
export type ModelSource = { model: () => TeaModel; source: string } | { none: string };

export interface ConformanceCase {
  model: ModelSource;
  /** Answers decoded from XML (OSS): leaves are text. */
  xml?: boolean;
  answers(env: CaseEnv): Promise<unknown[]>;
}

const fromPackage = (ref: ModelRef): ModelSource => ({ model: () => loadModel(ref), source: `${ref.pkg} ${ref.className}${ref.property ? `.${ref.property}` : ''}` });
/** Darabonba v2 packages: `<Action>ResponseBody`. */
const body = (pkg: string, action: string): ModelSource => fromPackage({ pkg: `@alicloud/${pkg}`, className: `${action}ResponseBody` });
const NO_PACKAGE = (pkg: string): ModelSource => ({ none: `no official model on npm (@alicloud/${pkg} does not exist)` });

const regionsOf = (w: World) => (w.regions ?? []).map((r) => String(r.RegionId));
const each = <T>(items: T[], ask: (item: T) => Promise<unknown>) => Promise.all(items.map(ask));

/** An RPC action asked once per parameter set. */
function rpcCase(product: keyof typeof API_VERSIONS, model: ModelSource, action: string, params: (w: World) => Obj[]): ConformanceCase {
  return { model, answers: (env) => each(params(env.world), (p) => rpc(env.url, product, env.key).request(action, p, { method: 'POST' })) };
}
const perRegion = (w: World): Obj[] => regionsOf(w).map((RegionId) => ({ RegionId }));
const ecsItems = (kind: 'instances' | 'disks' | 'securityGroups') => (w: World) => Object.entries(w.ecs ?? {}).flatMap(([RegionId, d]) => (d[kind] ?? []).map((o) => ({ RegionId, o })));
const rdsInstances = (w: World): Obj[] => Object.entries(w.rds ?? {}).flatMap(([RegionId, d]) => (d.instances ?? []).map((i) => ({ RegionId, DBInstanceId: i.DBInstanceId })));
const users = (w: World) => w.ram?.users ?? [];
const SITES = ['cn-hangzhou', 'ap-southeast-1'];
const perSite = (): Obj[] => SITES.map((RegionId) => ({ RegionId }));

/** A decoded XML document: the root element's content, leaves as text. */
const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true });
function xmlContent(data: unknown, root: string): unknown {
  const doc = xmlParser.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(data)) as Obj;
  return doc[root];
}

type OssRaw = { res: { data: unknown } };
function ossCase(action: Exclude<keyof typeof ossRoot, 'ListBuckets'>, ask: (client: OSS, bucket: string) => Promise<OssRaw>): ConformanceCase {
  const { root, model } = ossRoot[action];
  return {
    model: { model, source: `@alicloud/oss20190517 (${root}; see oss-models.ts)` },
    xml: true,
    answers: (env) =>
      each(env.world.oss?.buckets ?? [], async (b) => {
        const client = oss(env.url, env.key, String(b.Location));
        return xmlContent((await ask(client, String(b.Name))).res.data, root);
      }),
  };
}

const slsProjects = (w: World) => w.sls?.projects ?? [];
const slsModel = (action: string): ModelSource => fromPackage({ pkg: '@alicloud/sls20201230', className: `${action}Response`, property: 'body' });

export const CONFORMANCE_CASES: Record<string, ConformanceCase> = {
  'sts:GetCallerIdentity': rpcCase('sts', body('sts20150401', 'GetCallerIdentity'), 'GetCallerIdentity', () => [{}]),

  'actiontrail:DescribeTrails': rpcCase('actiontrail', NO_PACKAGE('actiontrail20200706'), 'DescribeTrails', (w) => perRegion(w).map((p) => ({ ...p, IncludeShadowTrails: true, IncludeOrganizationTrail: true }))),
  'actiontrail:GetTrailStatus': rpcCase('actiontrail', NO_PACKAGE('actiontrail20200706'), 'GetTrailStatus', (w) => (w.actiontrail?.trails ?? []).map((t) => ({ RegionId: t.HomeRegion, Name: t.Name }))),

  'ecs:DescribeRegions': rpcCase('ecs', body('ecs20140526', 'DescribeRegions'), 'DescribeRegions', () => [{}]),
  'ecs:DescribeInstances': rpcCase('ecs', body('ecs20140526', 'DescribeInstances'), 'DescribeInstances', (w) => [...perRegion(w), ...perRegion(w).map((p) => ({ ...p, MaxResults: 100 }))]),
  'ecs:DescribeDisks': rpcCase('ecs', body('ecs20140526', 'DescribeDisks'), 'DescribeDisks', (w) => [...perRegion(w), ...perRegion(w).map((p) => ({ ...p, MaxResults: 100 }))]),
  'ecs:DescribeSecurityGroups': rpcCase('ecs', body('ecs20140526', 'DescribeSecurityGroups'), 'DescribeSecurityGroups', (w) => [...perRegion(w), ...perRegion(w).map((p) => ({ ...p, MaxResults: 100 }))]),
  'ecs:DescribeSecurityGroupAttribute': rpcCase('ecs', body('ecs20140526', 'DescribeSecurityGroupAttribute'), 'DescribeSecurityGroupAttribute', (w) => ecsItems('securityGroups')(w).map(({ RegionId, o }) => ({ RegionId, SecurityGroupId: o.SecurityGroupId, MaxResults: 1000 }))),

  'vpc:DescribeVpcs': rpcCase('vpc', body('vpc20160428', 'DescribeVpcs'), 'DescribeVpcs', (w) => perRegion(w).map((p) => ({ ...p, PageSize: 50 }))),
  'vpc:DescribeFlowLogs': rpcCase('vpc', body('vpc20160428', 'DescribeFlowLogs'), 'DescribeFlowLogs', (w) => perRegion(w).map((p) => ({ ...p, PageSize: 50 }))),

  'ram:ListUsers': rpcCase('ram', body('ram20150501', 'ListUsers'), 'ListUsers', () => [{ MaxItems: 1000 }]),
  'ram:GetUser': rpcCase('ram', body('ram20150501', 'GetUser'), 'GetUser', (w) => users(w).map((u) => ({ UserName: u.UserName }))),
  'ram:GetLoginProfile': rpcCase('ram', body('ram20150501', 'GetLoginProfile'), 'GetLoginProfile', (w) => users(w).filter((u) => u.LoginProfile).map((u) => ({ UserName: u.UserName }))),
  'ram:GetUserMFAInfo': rpcCase('ram', body('ram20150501', 'GetUserMFAInfo'), 'GetUserMFAInfo', (w) => users(w).filter((u) => u.MFADevice).map((u) => ({ UserName: u.UserName }))),
  'ram:ListAccessKeys': rpcCase('ram', body('ram20150501', 'ListAccessKeys'), 'ListAccessKeys', (w) => [{}, ...users(w).map((u) => ({ UserName: u.UserName }))]),
  'ram:ListPoliciesForUser': rpcCase('ram', body('ram20150501', 'ListPoliciesForUser'), 'ListPoliciesForUser', (w) => users(w).map((u) => ({ UserName: u.UserName }))),
  'ram:GetAccountAlias': rpcCase('ram', body('ram20150501', 'GetAccountAlias'), 'GetAccountAlias', () => [{}]),
  'ram:GetPasswordPolicy': rpcCase('ram', body('ram20150501', 'GetPasswordPolicy'), 'GetPasswordPolicy', () => [{}]),
  'ram:GetSecurityPreference': rpcCase('ram', body('ram20150501', 'GetSecurityPreference'), 'GetSecurityPreference', () => [{}]),
  'ram:ListPolicies': rpcCase('ram', body('ram20150501', 'ListPolicies'), 'ListPolicies', () => [{ MaxItems: 1000 }]),
  'ram:GetPolicy': rpcCase('ram', body('ram20150501', 'GetPolicy'), 'GetPolicy', (w) => (w.ram?.policies ?? []).map((p) => ({ PolicyName: p.PolicyName, PolicyType: p.PolicyType }))),

  'ims:GenerateCredentialReport': rpcCase('ims', body('ims20190815', 'GenerateCredentialReport'), 'GenerateCredentialReport', () => [{}]),
  'ims:GetCredentialReport': rpcCase('ims', body('ims20190815', 'GetCredentialReport'), 'GetCredentialReport', () => [{}]),

  'rds:DescribeDBInstances': rpcCase('rds', body('rds20140815', 'DescribeDBInstances'), 'DescribeDBInstances', (w) => [...perRegion(w).map((p) => ({ ...p, PageSize: 100 })), ...perRegion(w).map((p) => ({ ...p, MaxResults: 100 }))]),
  'rds:DescribeDBInstanceSSL': rpcCase('rds', body('rds20140815', 'DescribeDBInstanceSSL'), 'DescribeDBInstanceSSL', rdsInstances),
  'rds:DescribeDBInstanceTDE': rpcCase('rds', body('rds20140815', 'DescribeDBInstanceTDE'), 'DescribeDBInstanceTDE', rdsInstances),
  'rds:DescribeDBInstanceIPArrayList': rpcCase('rds', body('rds20140815', 'DescribeDBInstanceIPArrayList'), 'DescribeDBInstanceIPArrayList', rdsInstances),
  'rds:DescribeParameters': rpcCase('rds', body('rds20140815', 'DescribeParameters'), 'DescribeParameters', rdsInstances),
  'rds:DescribeSQLCollectorPolicy': rpcCase('rds', body('rds20140815', 'DescribeSQLCollectorPolicy'), 'DescribeSQLCollectorPolicy', rdsInstances),
  'rds:DescribeSQLCollectorRetention': rpcCase('rds', body('rds20140815', 'DescribeSQLCollectorRetention'), 'DescribeSQLCollectorRetention', rdsInstances),

  // KMS: only the 2019 generation (rpc-client) is on npm; its `…Response` classes are the bodies.
  'kms:ListKeys': rpcCase('kms', fromPackage({ pkg: '@alicloud/kms20160120', className: 'ListKeysResponse' }), 'ListKeys', (w) => perRegion(w).map((p) => ({ ...p, PageSize: 100 }))),
  'kms:DescribeKey': rpcCase('kms', fromPackage({ pkg: '@alicloud/kms20160120', className: 'DescribeKeyResponse' }), 'DescribeKey', (w) => Object.entries(w.kms ?? {}).flatMap(([RegionId, d]) => (d.keys ?? []).map((k) => ({ RegionId, KeyId: k.KeyId })))),

  'sas:DescribeVersionConfig': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeVersionConfig', perSite),
  'sas:DescribeNoticeConfig': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeNoticeConfig', perSite),
  'sas:DescribeVulConfig': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeVulConfig', perSite),
  'sas:DescribeConcernNecessity': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeConcernNecessity', perSite),
  'sas:DescribeLogMeta': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeLogMeta', () => perSite().map((p) => ({ ...p, From: 'sas' }))),
  'sas:DescribeCloudCenterInstances': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeCloudCenterInstances', () => perSite().map((p) => ({ ...p, PageSize: 100 }))),
  'sas:DescribeVulList': rpcCase('sas', NO_PACKAGE('sas20181203'), 'DescribeVulList', () => ['cve', 'sys', 'cms', 'app', 'emg'].map((Type) => ({ Type, PageSize: 100 }))),

  'ddoscoo:DescribeWebAccessLogDispatchStatus': rpcCase('ddoscoo', NO_PACKAGE('ddoscoo20200101'), 'DescribeWebAccessLogDispatchStatus', () => perSite().map((p) => ({ ...p, PageSize: 100 }))),
  'ddoscoo:DescribeSlsAuthStatus': rpcCase('ddoscoo', NO_PACKAGE('ddoscoo20200101'), 'DescribeSlsAuthStatus', perSite),
  'waf:DescribeInstance': rpcCase('waf', NO_PACKAGE('waf-openapi20211001'), 'DescribeInstance', perSite),
  'waf:DescribeUserWafLogStatus': rpcCase('waf', NO_PACKAGE('waf-openapi20211001'), 'DescribeUserWafLogStatus', wafInstances),
  'waf:DescribeDefenseResources': rpcCase('waf', NO_PACKAGE('waf-openapi20211001'), 'DescribeDefenseResources', (w) => wafInstances(w).map((p) => ({ ...p, PageSize: 100 }))),
  'waf:DescribeResourceLogStatus': rpcCase('waf', NO_PACKAGE('waf-openapi20211001'), 'DescribeResourceLogStatus', (w) => wafInstances(w).map((p) => ({ ...p, Resources: (w.waf?.[String(p.RegionId)]?.resources ?? []).map((r) => r.Resource).join(',') }))),
  'waf2:DescribeInstanceInfo': rpcCase('waf2', NO_PACKAGE('waf-openapi20190910'), 'DescribeInstanceInfo', perSite),
  'cloudfw:DescribeUserBuyVersion': rpcCase('cloudfw', NO_PACKAGE('cloudfw20171207'), 'DescribeUserBuyVersion', perSite),
  'cloudfw:DescribeSlsAnalyzeOpenStatus': rpcCase('cloudfw', NO_PACKAGE('cloudfw20171207'), 'DescribeSlsAnalyzeOpenStatus', perSite),
  'cloudfw:DescribeLogStoreInfo': rpcCase('cloudfw', NO_PACKAGE('cloudfw20171207'), 'DescribeLogStoreInfo', perSite),

  // ACK (ROA): ROAClient hands back the JSON body.
  'cs:DescribeClustersV1': { model: body('cs20151215', 'DescribeClustersV1'), answers: (env) => each(regionsOf(env.world), (region_id) => roa(env.url, env.key).request('GET', '/api/v1/clusters', { region_id, page_size: 100 })) },
  'cs:DescribeClusterDetail': { model: body('cs20151215', 'DescribeClusterDetail'), answers: (env) => each(clusters(env.world), (id) => roa(env.url, env.key).request('GET', `/clusters/${id}`)) },
  'cs:DescribeClusterNodePools': { model: body('cs20151215', 'DescribeClusterNodePools'), answers: (env) => each(clusters(env.world), (id) => roa(env.url, env.key).request('GET', `/clusters/${id}/nodepools`)) },
  'cs:ListClusterChecks': { model: body('cs20151215', 'ListClusterChecks'), answers: (env) => each(clusters(env.world), (id) => roa(env.url, env.key).request('GET', `/clusters/${id}/checks`)) },
  'cs:ListClusterAddonInstances': { model: body('cs20151215', 'ListClusterAddonInstances'), answers: (env) => each(clusters(env.world), (id) => roa(env.url, env.key).request('GET', `/clusters/${id}/addon_instances`)) },

  // OSS (XML): the raw document, decoded and held to the element's model.
  'oss:ListBuckets': {
    model: { model: ossRoot.ListBuckets.model, source: '@alicloud/oss20190517 (ListAllMyBucketsResult; see oss-models.ts)' },
    xml: true,
    answers: async (env) => [xmlContent(((await oss(env.url, env.key).listBuckets({ 'max-keys': 1000 } as OSS.ListBucketsQueryType)) as unknown as OssRaw).res.data, ossRoot.ListBuckets.root)],
  },
  'oss:GetBucketInfo': ossCase('GetBucketInfo', (c, b) => c.getBucketInfo(b) as unknown as Promise<OssRaw>),
  'oss:GetBucketAcl': ossCase('GetBucketAcl', (c, b) => c.getBucketACL(b) as unknown as Promise<OssRaw>),
  'oss:GetBucketLogging': ossCase('GetBucketLogging', (c, b) => c.getBucketLogging(b) as unknown as Promise<OssRaw>),
  // The policy document is the bucket owner's JSON text; the model's body is `string`, nothing more to hold.
  'oss:GetBucketPolicy': { model: { none: 'the body is the policy document itself (@alicloud/oss20190517 GetBucketPolicyResponse.body: string)' }, answers: async () => [] },

  // SLS (JSON REST): what @alicloud/log hands back.
  'sls:ListProject': { model: slsModel('ListProject'), answers: (env) => Promise.all([slsGet(sls(env.url, env.key), env.url, undefined, '/', { offset: 0, size: 500 })]) },
  'sls:ListLogStores': { model: slsModel('ListLogStores'), answers: (env) => each(slsProjects(env.world), (p) => slsGet(sls(env.url, env.key), env.url, String(p.projectName), '/logstores', { offset: 0, size: 500 })) },
  'sls:GetLogStore': { model: slsModel('GetLogStore'), answers: (env) => Promise.all(slsProjects(env.world).flatMap((p) => ((p.logstores ?? []) as Obj[]).map((l) => slsGet(sls(env.url, env.key), env.url, String(p.projectName), `/logstores/${String(l.logstoreName)}`)))) },
  'sls:ListAlerts': { model: slsModel('ListAlerts'), answers: (env) => each(slsProjects(env.world), (p) => slsGet(sls(env.url, env.key), env.url, String(p.projectName), '/alerts', { offset: 0, size: 200 })) },
};

function wafInstances(w: World): Obj[] {
  return SITES.flatMap((RegionId) => {
    const id = w.waf?.[RegionId]?.instance?.InstanceId;
    return id ? [{ RegionId, InstanceId: id }] : [];
  });
}

function clusters(w: World): string[] {
  return (w.cs?.clusters ?? []).map((c) => String(c.cluster_id));
}
