import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { graphql } from 'graphql';
import { collectAlibaba, type CollectProgress } from '../../../connectors/alibaba/index.js';
import { bundledSchema } from '../../helpers/engine.js';

/**
 * A minimal stand-in server (no signature checks, one region) that exercises every collector
 * end to end through the official clients. The real fidelity tests run against test/emulator.
 */
const UID = '1234567890123456';
const R = 'cn-hangzhou';
let server: Server;
let url = '';
let denyTrails = false;
/** Fault injection for the resilience tests. */
let faults: { failRate: number; slowAction?: string; slowMs?: number } = { failRate: 0 };
let failedRequests = 0;

const rpc: Record<string, (p: URLSearchParams) => unknown> = {
  GetCallerIdentity: () => ({ AccountId: UID, Arn: `acs:ram::${UID}:user/auditor`, IdentityType: 'RAMUser' }),
  DescribeRegions: () => ({ Regions: { Region: [{ RegionId: R }] } }),
  DescribeTrails: () => ({ TrailList: [{ Name: 't1', HomeRegion: R, TrailRegion: 'All', EventRW: 'All', Status: 'Enable', OssBucketName: 'logs', SlsProjectArn: `acs:log:${R}:${UID}:project/audit`, TrailArn: `acs:actiontrail:${R}:${UID}:trail/t1`, OssKeyPrefix: '' }] }),
  GetTrailStatus: () => ({ IsLogging: true, OssBucketStatus: true }),
  DescribeInstances: () => ({ Instances: { Instance: [{ InstanceId: 'i-1', InstanceName: 'web', InstanceNetworkType: 'vpc', SecurityGroupIds: { SecurityGroupId: ['sg-1'] }, PublicIpAddress: { IpAddress: ['1.2.3.4'] }, VpcAttributes: { VpcId: 'vpc-1', PrivateIpAddress: { IpAddress: [] } }, Tags: { Tag: [{ TagKey: 'env', TagValue: 'prod' }] }, CreationTime: '2017-12-10T04:04Z' }] }, NextToken: '' }),
  DescribeDisks: () => ({ Disks: { Disk: [{ DiskId: 'd-1', InstanceId: 'i-1', Encrypted: false, Status: 'In_use', Size: 40 }] } }),
  DescribeSecurityGroups: () => ({ SecurityGroups: { SecurityGroup: [{ SecurityGroupId: 'sg-1', SecurityGroupName: 'open', VpcId: 'vpc-1' }] } }),
  DescribeSecurityGroupAttribute: () => ({ InnerAccessPolicy: 'Accept', Permissions: { Permission: [{ Direction: 'ingress', IpProtocol: 'TCP', PortRange: '22/22', SourceCidrIp: '0.0.0.0/0', Policy: 'Accept', Priority: '1' }] } }),
  DescribeVpcs: () => ({ TotalCount: 1, Vpcs: { Vpc: [{ VpcId: 'vpc-1', VpcName: 'main', IsDefault: false, OwnerId: 1234567890123456789n }] } }),
  DescribeFlowLogs: () => ({ TotalCount: '1', PageSize: '50', FlowLogs: { FlowLog: [{ FlowLogId: 'fl-1', ResourceType: 'VPC', ResourceId: 'vpc-1', Status: 'Active' }] } }),
  ListUsers: () => ({ IsTruncated: false, Users: { User: [{ UserName: 'alice', UserId: '1' }, { UserName: 'bob', UserId: '2' }] } }),
  GetUser: (p) => ({ User: { UserName: p.get('UserName'), LastLoginDate: '2026-01-01T00:00:00Z' } }),
  GetLoginProfile: (p) => (p.get('UserName') === 'alice' ? { LoginProfile: { UserName: 'alice', MFABindRequired: false } } : error('EntityNotExist.User.LoginProfile', 404)),
  GetUserMFAInfo: () => error('EntityNotExist.User.MFADevice', 404),
  ListAccessKeys: () => ({ AccessKeys: { AccessKey: [{ AccessKeyId: 'LTAIkey', Status: 'Active', CreateDate: '2020-01-01T00:00:00Z' }] } }),
  ListPoliciesForUser: () => ({ Policies: { Policy: [{ PolicyName: 'admin', PolicyType: 'Custom' }] } }),
  ListPolicies: () => ({ IsTruncated: false, Policies: { Policy: [{ PolicyName: 'admin', PolicyType: 'Custom', DefaultVersion: 'v1' }] } }),
  GetPolicy: () => ({ Policy: { PolicyName: 'admin' }, DefaultPolicyVersion: { VersionId: 'v1', PolicyDocument: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' } }),
  GetAccountAlias: () => ({ AccountAlias: 'stub-account' }),
  GetPasswordPolicy: () => ({ PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: false, MaxLoginAttemps: 5 } }),
  GetSecurityPreference: () => ({ SecurityPreference: { LoginProfilePreference: { EnableSaveMFATicket: true } } }),
  GenerateCredentialReport: () => ({ State: 'COMPLETED' }),
  GetCredentialReport: () => ({
    Content: Buffer.from('user,user_last_logon,mfa_active,access_key_1_exist,access_key_1_active,access_key_2_exist\n<root>,2026-11-20T09:12:00Z,FALSE,TRUE,TRUE,FALSE\nalice@x.onaliyun.com,-,FALSE,N/A,N/A,FALSE\n').toString('base64'),
    IsTruncated: 'false',
  }),
  DescribeDBInstances: () => ({ TotalRecordCount: 1, Items: { DBInstance: [{ DBInstanceId: 'rm-1', Engine: 'PostgreSQL' }] } }),
  DescribeDBInstanceSSL: () => ({ SSLEnabled: 'off' }),
  DescribeDBInstanceTDE: () => ({ TDEStatus: 'Enabled' }),
  DescribeDBInstanceIPArrayList: () => ({ Items: { DBInstanceIPArray: [{ DBInstanceIPArrayName: 'default', SecurityIPList: '0.0.0.0/0,10.0.0.1' }] } }),
  DescribeSQLCollectorPolicy: () => ({ SQLCollectorStatus: 'Enable' }),
  DescribeSQLCollectorRetention: () => ({ ConfigValue: '180' }),
  DescribeParameters: () => ({ RunningParameters: { DBInstanceParameter: [{ ParameterName: 'log_connections', ParameterValue: 'on' }] } }),
  ListKeys: () => ({ TotalCount: 1, Keys: { Key: [{ KeyId: 'k-1', KeyArn: `acs:kms:${R}:${UID}:key/k-1` }] } }),
  DescribeKey: () => ({ KeyMetadata: { KeyId: 'k-1', KeyState: 'Enabled', AutomaticRotation: 'Disabled', Creator: UID } }),
  DescribeVersionConfig: () => ({ Version: 1, IsTrialVersion: 0 }),
  DescribeNoticeConfig: () => ({ NoticeConfigList: [{ Project: 'sas_suspicious', Route: 0 }] }),
  DescribeVulConfig: () => ({ TargetConfigs: [{ Type: 'cve', Config: 'on' }] }),
  DescribeConcernNecessity: () => ({ ConcernNecessity: ['asap', 'later'] }),
  DescribeLogMeta: () => ({ LogMetaList: [{ LogStore: 'sas-log', Status: 'disabled' }] }),
  DescribeVulList: () => ({ TotalCount: 0, VulRecords: [] }),
  DescribeCloudCenterInstances: () => ({ Instances: [{ InstanceId: 'i-1', ClientStatus: 'offline' }], PageInfo: { TotalCount: 1 } }),
  // Anti-DDoS, WAF 3.0 and Cloud Firewall as for an account that bought none of them.
  DescribeWebAccessLogDispatchStatus: () => ({ TotalCount: 0, SlsConfigStatus: [] }),
  DescribeSlsAuthStatus: () => ({ SlsAuthStatus: false }),
  DescribeInstance: () => ({}),
  DescribeInstanceInfo: () => ({ InstanceInfo: { PayType: 0 } }),
  DescribeUserBuyVersion: () => ({ UserStatus: false, InstanceStatus: 'free', LogStatus: false }),
};

function error(code: string, status: number): { __status: number; Code: string; Message: string } {
  return { __status: status, Code: code, Message: `${code} message` };
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => resolve(b));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const host = String(req.headers.host ?? '');
    const text = await body(req);
    const params = new URLSearchParams(text || u.search);
    const action = params.get('Action');
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? `__BIG${v}__` : v)).replace(/"__BIG(\d+)__"/g, '$1'));
    };
    const xml = (s: string) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(`<?xml version="1.0" encoding="UTF-8"?>${s}`);
    };
    if (params.get('AccessKeyId') === 'LTAIbad') return json(404, { Code: 'InvalidAccessKeyId.NotFound', Message: 'Specified access key is not found.' });
    if (action && action !== 'GetCallerIdentity' && faults.failRate > 0 && Math.random() < faults.failRate) {
      failedRequests++;
      if (failedRequests % 3 === 0) {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html>502 Bad Gateway</html>');
      }
      return failedRequests % 2 ? json(400, { Code: 'Throttling.User', Message: 'Request was denied due to user flow control.' }) : json(503, { Code: 'ServiceUnavailable', Message: 'temporary failure' });
    }
    if (action && action === faults.slowAction) await new Promise((r) => setTimeout(r, faults.slowMs ?? 0));
    if (action) {
      if (action === 'DescribeTrails' && denyTrails) return json(403, { Code: 'Forbidden.RAM', Message: 'denied' });
      const handler = rpc[action];
      const out = handler ? handler(params) : error('InvalidAction.NotFound', 404);
      const status = (out as { __status?: number }).__status ?? 200;
      return json(status, { RequestId: 'req', ...(out as object), __status: undefined });
    }
    if (req.headers['x-acs-version'] === '2015-12-15') {
      if (u.pathname === '/api/v1/clusters') return json(200, { clusters: [{ cluster_id: 'c-1', name: 'k8s', master_url: '{"api_server_endpoint":"https://1.2.3.4:6443"}', meta_data: '{"AuditProjectName":""}' }], page_info: { total_count: 1 } });
      if (u.pathname === '/clusters/c-1') return json(200, { cluster_id: 'c-1', name: 'k8s', master_url: '{"api_server_endpoint":"https://1.2.3.4:6443"}', meta_data: '{"AuditProjectName":""}' });
      if (u.pathname.endsWith('/addon_instances')) return json(200, { addons: [{ name: 'kubernetes-dashboard', state: 'active' }] });
      if (u.pathname.endsWith('/nodepools')) return json(200, { nodepools: [{ kubernetes_config: { cms_enabled: false } }] });
      if (u.pathname.endsWith('/checks')) return json(200, { checks: [] });
    }
    if (String(req.headers.authorization ?? '').startsWith('LOG ')) {
      const project = host.includes('.127.0.0.1') ? host.split('.127.0.0.1')[0] : host.split('.')[0] === '127' ? '' : host.split('.')[0];
      if (!project || u.pathname === '/' && !host.startsWith('audit')) return json(200, { count: 1, total: 1, projects: [{ projectName: 'audit', region: R }] });
      if (u.pathname === '/logstores') return json(200, { count: 1, total: 1, logstores: ['actiontrail'] });
      if (u.pathname === '/logstores/actiontrail') return json(200, { logstoreName: 'actiontrail', ttl: 90 });
      if (u.pathname === '/alerts') return json(200, { count: 1, total: 1, results: [{ name: 'ram-changes', status: 'ENABLED', configuration: { queryList: [{ query: 'event.serviceName: ResourceManager' }] } }] });
    }
    if (String(req.headers.authorization ?? '').startsWith('OSS ')) {
      if (host.startsWith('logs.')) {
        if (u.search.includes('bucketInfo')) return xml('<BucketInfo><Bucket><Name>logs</Name><ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule><BlockPublicAccess>false</BlockPublicAccess></Bucket></BucketInfo>');
        if (u.search.includes('acl')) return xml('<AccessControlPolicy><Owner><ID>1</ID></Owner><AccessControlList><Grant>public-read</Grant></AccessControlList></AccessControlPolicy>');
        if (u.search.includes('logging')) return xml('<BucketLoggingStatus></BucketLoggingStatus>');
        if (u.search.includes('policy')) {
          res.writeHead(404, { 'content-type': 'application/xml' });
          return res.end('<Error><Code>NoSuchBucketPolicy</Code><Message>none</Message></Error>');
        }
      }
      return xml(`<ListAllMyBucketsResult><Owner><ID>${UID}</ID></Owner><Buckets><Bucket><Name>logs</Name><Location>oss-${R}</Location><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><StorageClass>Standard</StorageClass></Bucket></Buckets></ListAllMyBucketsResult>`);
    }
    json(404, { Code: 'NotFound', Message: `no route ${req.method} ${u.pathname}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const creds = { accessKeyId: 'LTAItest', accessKeySecret: 'stub-secret-value', securityToken: 'stub-token-value' };

describe('collectAlibaba against a stub server', () => {
  it('collects every product into typed, linked assets with no gaps', async () => {
    const { graph, stats } = await collectAlibaba({ credentials: creds, endpoint: url, env: {}, timeoutMs: 2000 });
    expect(graph.gaps).toEqual([]);
    expect(stats.regions).toEqual([R]);
    expect(graph.types.sort()).toEqual(
      ['AlibabaAccount', 'AlibabaAckCluster', 'AlibabaActionTrail', 'AlibabaEcsDisk', 'AlibabaEcsInstance', 'AlibabaEcsSecurityGroup', 'AlibabaKmsKey', 'AlibabaOssBucket', 'AlibabaRamPolicy', 'AlibabaRamUser', 'AlibabaRdsInstance', 'AlibabaSlsAlert', 'AlibabaSlsLogstore', 'AlibabaSlsProject', 'AlibabaVpc', 'AlibabaVpcFlowLog'].sort(),
    );
    const data = await graphql({
      schema: bundledSchema().schema,
      contextValue: { graph },
      source: `{
        alibabaAccounts { passwordPolicy { maxLoginAttempts requireSymbols } rootHasAccessKey rootMfaActive rootLastLogon rootAccessKeys { active } securityCenter { version advancedOrBetter noticeConfigs { enabled } }
          trails { name isLogging ossBucket { name acl loggingEnabled encryption } slsProject { name logstores { ttl } alerts { enabled queries { query } } } }
          ramUsers { name consoleLogin mfaEnabled policies { allowsFullAdmin } } }
        alibabaEcsInstances { name hasPublicIp securityGroups { rules { portFrom sourceCidrIp priority } } disks { encrypted } vpc { name flowLogs { active } } }
        alibabaRdsInstances { sslEnabled tdeEnabled openToWorld sqlCollectorRetentionDays parameters }
        alibabaKmsKeys { rotationEnabled }
        alibabaVpcs { ownerId }
        alibabaAckClusters { publicApiServer dashboardEnabled cloudMonitorEnabled logServiceEnabled }
      }`,
    });
    expect(data.errors).toBeUndefined();
    expect(data.data).toMatchObject({
      alibabaAccounts: [{
        passwordPolicy: { maxLoginAttempts: 5, requireSymbols: false },
        rootHasAccessKey: true,
        rootMfaActive: false,
        rootLastLogon: '2026-11-20T09:12:00Z',
        rootAccessKeys: [{ active: true }],
        securityCenter: { version: 1, advancedOrBetter: false, noticeConfigs: [{ enabled: false }] },
        trails: [{ name: 't1', isLogging: true, ossBucket: { name: 'logs', acl: 'public-read', loggingEnabled: false, encryption: null }, slsProject: { name: 'audit', logstores: [{ ttl: 90 }], alerts: [{ enabled: true, queries: [{ query: 'event.serviceName: ResourceManager' }] }] } }],
        ramUsers: [
          { name: 'alice', consoleLogin: true, mfaEnabled: false, policies: [{ allowsFullAdmin: true }] },
          { name: 'bob', consoleLogin: false, mfaEnabled: false, policies: [{ allowsFullAdmin: true }] },
        ],
      }],
      alibabaEcsInstances: [{ name: 'web', hasPublicIp: true, securityGroups: [{ rules: [{ portFrom: 22, sourceCidrIp: '0.0.0.0/0', priority: 1 }] }], disks: [{ encrypted: false }], vpc: { name: 'main', flowLogs: [{ active: true }] } }],
      alibabaRdsInstances: [{ sslEnabled: false, tdeEnabled: true, openToWorld: true, sqlCollectorRetentionDays: 180, parameters: { log_connections: 'on' } }],
      alibabaKmsKeys: [{ rotationEnabled: false }],
      alibabaVpcs: [{ ownerId: '1234567890123456789' }],
      alibabaAckClusters: [{ publicApiServer: true, dashboardEnabled: true, cloudMonitorEnabled: false, logServiceEnabled: false }],
    });
    const dump = JSON.stringify({ assets: [...graph.assets()], gaps: graph.gaps, stats });
    expect(dump).not.toContain('stub-secret-value');
    expect(dump).not.toContain('stub-token-value');
  });

  it('reports progress and writes no secret to the console', async () => {
    const events: CollectProgress[] = [];
    const logged: string[] = [];
    const spies = (['log', 'warn', 'error', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' '))));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (logged.push(String(chunk)), true));
    try {
      await collectAlibaba({ credentials: creds, endpoint: url, env: {}, products: ['oss', 'sls', 'actiontrail'], onProgress: (e) => events.push(e) });
    } finally {
      spies.forEach((s) => s.mockRestore());
      stderr.mockRestore();
    }
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['start', 'product-start', 'product-end', 'call', 'end']));
    expect(events.at(-1)).toMatchObject({ kind: 'end', stats: { gaps: 0 } });
    expect(JSON.stringify(events) + logged.join('\n')).not.toMatch(/stub-secret-value|stub-token-value/);
  });

  it('turns a denied DescribeTrails into a gap and still collects the rest', async () => {
    denyTrails = true;
    try {
      const { graph } = await collectAlibaba({ credentials: creds, endpoint: url, env: {}, products: ['actiontrail', 'ecs'], timeoutMs: 2000 });
      expect(graph.gaps).toEqual([expect.objectContaining({ product: 'actiontrail', action: 'DescribeTrails', code: 'Forbidden.RAM', types: ['AlibabaActionTrail'], permission: 'actiontrail:DescribeTrails' })]);
      expect(graph.assetsOfType('AlibabaEcsInstance')).toHaveLength(1);
    } finally {
      denyTrails = false;
    }
  });

  it('rejects a wrong key at GetCallerIdentity with one CREDENTIALS_INVALID error and no secret', async () => {
    const err = await collectAlibaba({ credentials: { accessKeyId: 'LTAIbad', accessKeySecret: 'wrong-secret-value' }, endpoint: url, env: {} }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AssayError', code: 'CREDENTIALS_INVALID' });
    expect(JSON.stringify({ m: (err as Error).message, e: err })).not.toMatch(/wrong-secret-value|Signature=/);
  });

  it('rides out throttling, 5xx and HTML 502s with retries', async () => {
    faults = { failRate: 0.2 };
    try {
      const { graph, stats } = await collectAlibaba({ credentials: creds, endpoint: url, env: {}, products: ['ecs', 'vpc', 'ram', 'rds', 'kms', 'actiontrail'], retryBaseDelayMs: 1, retryMaxDelayMs: 10, maxRetries: 8 });
      expect(graph.gaps).toEqual([]);
      expect(stats.retries).toBeGreaterThan(0);
      expect(stats.throttled).toBeGreaterThan(0);
    } finally {
      faults = { failRate: 0 };
    }
  });

  it('retries a timing-out call, then records a gap naming the fields it leaves unknown', async () => {
    faults = { failRate: 0, slowAction: 'GetTrailStatus', slowMs: 300 };
    try {
      const { graph, stats } = await collectAlibaba({ credentials: creds, endpoint: url, env: {}, products: ['actiontrail'], timeoutMs: 100, maxRetries: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
      expect(stats.actions['actiontrail:GetTrailStatus']).toMatchObject({ calls: 3, retries: 2, failures: 1 });
      expect(graph.gaps).toEqual([expect.objectContaining({ action: 'GetTrailStatus', code: 'RequestTimeoutError', fields: expect.arrayContaining(['AlibabaActionTrail.isLogging']) })]);
      expect(graph.assetsOfType('AlibabaActionTrail')[0]).toMatchObject({ name: 't1', isLogging: null });
    } finally {
      faults = { failRate: 0 };
    }
  });
});
