import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { rpc, type Key } from './test-clients.js';

type Obj = Record<string, any>;
const ROOT: Key = { accessKeyId: 'LTAI5tDemoRootKey0000001', accessKeySecret: 'demoRootSecret000000000000000001' };
const AUDITOR: Key = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };
const world = new URL('./worlds/demo.world.json', import.meta.url).pathname;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ world });
});
afterAll(() => emu.close());

const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: Obj) => e);

describe('RPC signatures (pop-core RPCClient)', () => {
  it('accepts GET and POST signed by a world key', async () => {
    const sts = rpc(emu.url, 'sts', AUDITOR);
    const me = await sts.request<Obj>('GetCallerIdentity', {});
    expect(me).toMatchObject({ AccountId: '1234567890123456', IdentityType: 'RAMUser', Arn: 'acs:ram::1234567890123456:user/auditor' });
    expect(me.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const viaPost = await sts.request<Obj>('GetCallerIdentity', {}, { method: 'POST' });
    expect(viaPost.IdentityType).toBe('RAMUser');
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (HTTP 400, full error body)', async () => {
    const e = await err(rpc(emu.url, 'ecs', { ...ROOT, accessKeySecret: 'wrong' }).request('DescribeRegions', {}));
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(Object.keys(e.data)).toEqual(expect.arrayContaining(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']));
    expect(e.data.HostId).toBe('ecs.cn-hangzhou.aliyuncs.com');
    expect(e.data.Recommend).toContain('q=SignatureDoesNotMatch');
    expect(e.entry.response.statusCode).toBe(400);
  });

  it('rejects an unknown key with InvalidAccessKeyId.NotFound (404)', async () => {
    const e = await err(rpc(emu.url, 'ram', { accessKeyId: 'LTAInobody', accessKeySecret: 'x' }).request('ListUsers', {}));
    expect(e.code).toBe('InvalidAccessKeyId.NotFound');
    expect(e.entry.response.statusCode).toBe(404);
  });

  it('rejects a reused SignatureNonce and a skewed clock', async () => {
    const ecs = rpc(emu.url, 'ecs', ROOT);
    await ecs.request('DescribeRegions', { SignatureNonce: 'nonce-once' });
    expect((await err(ecs.request('DescribeRegions', { SignatureNonce: 'nonce-once' }))).code).toBe('SignatureNonceUsed');
    const skewed = await startEmulator({ world, clock: () => Date.now() + 20 * 60 * 1000 });
    try {
      expect((await err(rpc(skewed.url, 'ecs', ROOT).request('DescribeRegions', {}))).code).toBe('InvalidTimeStamp.Expired');
    } finally {
      await skewed.close();
    }
  });

  it('answers unknown actions and versions like the gateway', async () => {
    expect((await err(rpc(emu.url, 'ecs', ROOT).request('DescribeNothing', {}))).code).toBe('InvalidAction.NotFound');
    const other = rpc(emu.url, 'ecs', ROOT);
    (other as unknown as { apiVersion: string }).apiVersion = '1999-01-01';
    expect((await err(other.request('DescribeRegions', {}))).code).toBe('InvalidVersion');
  });

  it('accepts a path-prefixed endpoint (/rpc/<product>/<region>) as well', async () => {
    const kms = rpc(`${emu.url}/kms/cn-shanghai`, 'kms', ROOT);
    const keys = await kms.request<Obj>('ListKeys', {});
    expect(keys.Keys.Key.map((k: Obj) => k.KeyId)).toEqual(['key-shz6demo00000001']);
  });
});

describe('STS AssumeRole', () => {
  it('issues a session whose key works only with its SecurityToken', async () => {
    const out = await rpc(emu.url, 'sts', AUDITOR).request<Obj>('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/AssayScannerRole', RoleSessionName: 'assay' });
    const c = out.Credentials;
    expect(c.AccessKeyId).toMatch(/^STS\./);
    const session: Key = { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken };
    const me = await rpc(emu.url, 'sts', session).request<Obj>('GetCallerIdentity', {});
    expect(me).toMatchObject({ IdentityType: 'AssumedRoleUser', RoleId: '300000000000000001', Arn: 'acs:ram::1234567890123456:assumed-role/assayscannerrole/assay' });
    const noToken = await err(rpc(emu.url, 'sts', { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret }).request('GetCallerIdentity', {}));
    expect(noToken.code).toBe('MissingSecurityToken');
    const wrongToken = await err(rpc(emu.url, 'sts', { ...session, securityToken: 'CAISforged' }).request('GetCallerIdentity', {}));
    expect(wrongToken.code).toBe('InvalidSecurityToken.MismatchWithAccessKey');
    expect((await err(rpc(emu.url, 'sts', AUDITOR).request('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/Nope', RoleSessionName: 'x' }))).code).toBe('EntityNotExist.Role');
  });
});

describe('products, pagination and response quirks', () => {
  it('ActionTrail: bare TrailList filtered by home region, shadow trails on request, GetTrailStatus', async () => {
    const at = (_region: string) => rpc(emu.url, 'actiontrail', ROOT);
    const sh = await at('cn-shanghai').request<Obj>('DescribeTrails', { RegionId: 'cn-shanghai' });
    expect(Array.isArray(sh.TrailList)).toBe(true);
    expect(sh.TrailList.map((t: Obj) => t.Name)).toEqual(['demo-shanghai-all-events']);
    expect(sh.TrailList[0].TrailStatus).toBeUndefined();
    const shadow = await at('cn-shanghai').request<Obj>('DescribeTrails', { RegionId: 'cn-shanghai', IncludeShadowTrails: true });
    expect(shadow.TrailList.map((t: Obj) => t.Name).sort()).toEqual(['demo-disabled-trail', 'demo-no-sink-trail', 'demo-shanghai-all-events', 'demo-write-only-trail']);
    const status = await at('cn-hangzhou').request<Obj>('GetTrailStatus', { RegionId: 'cn-hangzhou', Name: 'demo-disabled-trail' });
    expect(status.IsLogging).toBe(false);
    expect((await err(at('cn-hangzhou').request('GetTrailStatus', { RegionId: 'cn-hangzhou', Name: 'none' }))).code).toBe('TrailNotFoundException');
  });

  it('ECS: NextToken paging walks every rule; PageNumber paging reports TotalCount', async () => {
    const ecs = rpc(emu.url, 'ecs', ROOT);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await ecs.request<Obj>('DescribeSecurityGroups', { RegionId: 'cn-hangzhou', MaxResults: 1, ...(token ? { NextToken: token } : {}) });
      // MaxResults below 10 counts as 10, as documented.
      seen.push(...r.SecurityGroups.SecurityGroup.map((g: Obj) => g.SecurityGroupId));
      token = r.NextToken || undefined;
      pages++;
    } while (token);
    expect(pages).toBe(1);
    expect(seen).toHaveLength(3);
    const disks: string[] = [];
    for (let page = 1; ; page++) {
      const r = await ecs.request<Obj>('DescribeDisks', { RegionId: 'cn-hangzhou', PageNumber: page, PageSize: 1 });
      expect(r.TotalCount).toBe(4);
      disks.push(...r.Disks.Disk.map((d: Obj) => d.DiskId));
      if (page * r.PageSize >= r.TotalCount) break;
    }
    expect(new Set(disks).size).toBe(4);
    const attr = await ecs.request<Obj>('DescribeSecurityGroupAttribute', { RegionId: 'cn-hangzhou', SecurityGroupId: 'sg-bp1demoapp000000001', Direction: 'ingress' });
    expect(attr.Permissions.Permission.map((p: Obj) => p.PortRange)).toEqual(['1/65535', '-1/-1', '22/22']);
    expect(attr.Permissions.Permission[2].Ipv6SourceCidrIp).toBe('::/0');
    expect(typeof attr.Permissions.Permission[0].Priority).toBe('string');
    const inst = await ecs.request<Obj>('DescribeInstances', { RegionId: 'cn-hangzhou', InstanceIds: JSON.stringify(['i-bp1demolegacy0000001']) });
    expect(inst.Instances.Instance[0].InstanceNetworkType).toBe('classic');
    expect((await err(ecs.request('DescribeInstances', {}))).code).toBe('MissingParameter');
  });

  it('VPC: PageSize capped at 50, flow-log counters are strings', async () => {
    const vpc = rpc(emu.url, 'vpc', ROOT);
    const vpcs = await vpc.request<Obj>('DescribeVpcs', { RegionId: 'cn-shanghai', PageSize: 100 });
    expect(vpcs.PageSize).toBe(50);
    expect(vpcs.Vpcs.Vpc[0].VpcId).toBe('vpc-demo-sh01');
    const logs = await vpc.request<Obj>('DescribeFlowLogs', { RegionId: 'cn-hangzhou' });
    expect(logs).toMatchObject({ TotalCount: '1', PageNumber: '1', PageSize: '20', Success: 'true' });
  });

  it('RAM: Marker paging, 404s for missing login profile / MFA, MaxLoginAttemps spelling', async () => {
    const ram = rpc(emu.url, 'ram', AUDITOR);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const r = await ram.request<Obj>('ListUsers', { MaxItems: 2, ...(marker ? { Marker: marker } : {}) });
      names.push(...r.Users.User.map((u: Obj) => u.UserName));
      marker = r.IsTruncated ? r.Marker : undefined;
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(names).toEqual(['admin-alice', 'dev-bob', 'ci-deployer', 'auditor', 'ops-carol']);
    const noLogin = await err(ram.request('GetLoginProfile', { UserName: 'ci-deployer' }));
    expect([noLogin.code, noLogin.entry.response.statusCode]).toEqual(['EntityNotExist.User.LoginProfile', 404]);
    expect((await err(ram.request('GetUserMFAInfo', { UserName: 'dev-bob' }))).code).toBe('EntityNotExist.User.MFADevice');
    expect((await ram.request<Obj>('GetUserMFAInfo', { UserName: 'admin-alice' })).MFADevice.Type).toBe('VMFA');
    const pp = await ram.request<Obj>('GetPasswordPolicy', {});
    expect(pp.PasswordPolicy).toHaveProperty('MaxLoginAttemps', 0);
    const custom = await ram.request<Obj>('ListPolicies', { PolicyType: 'Custom' });
    expect(custom.Policies.Policy.map((p: Obj) => p.PolicyName)).toEqual(['ci-full-access', 'oss-logs-writer']);
    const v = await ram.request<Obj>('GetPolicyVersion', { PolicyName: 'ci-full-access', PolicyType: 'Custom', VersionId: 'v2' });
    expect(JSON.parse(v.PolicyVersion.PolicyDocument).Statement[0]).toMatchObject({ Action: '*', Resource: '*' });
    const ents = await ram.request<Obj>('ListEntitiesForPolicy', { PolicyName: 'ReadOnlyAccess', PolicyType: 'System' });
    expect(ents.Users.User.map((u: Obj) => u.UserName)).toEqual(['auditor']);
    expect(ents.Roles.Role.map((r: Obj) => r.RoleName)).toEqual(['AssayScannerRole']);
    const rootKeys = await rpc(emu.url, 'ram', ROOT).request<Obj>('ListAccessKeys', {});
    expect(rootKeys.AccessKeys.AccessKey.map((k: Obj) => k.AccessKeyId)).toEqual(['LTAI5tDemoRootKey0000001']);
  });

  it('IMS: credential report is base64 CSV with <root> first', async () => {
    const ims = rpc(emu.url, 'ims', ROOT);
    expect((await ims.request<Obj>('GenerateCredentialReport', {})).State).toBe('COMPLETED');
    const rep = await ims.request<Obj>('GetCredentialReport', {});
    const lines = Buffer.from(rep.Content, 'base64').toString().trim().split('\n');
    expect(lines[0]).toMatch(/^user,user_creation_time,user_last_logon/);
    expect(lines[1]).toMatch(/^<root>,/);
    expect(lines).toHaveLength(7);
  });

  it('RDS, KMS, Sas answer with their own shapes', async () => {
    const rds = rpc(emu.url, 'rds', ROOT);
    const list = await rds.request<Obj>('DescribeDBInstances', { RegionId: 'cn-hangzhou' });
    expect(list).toMatchObject({ TotalRecordCount: 1, PageRecordCount: 1 });
    expect(list.Items.DBInstance[0].SSL).toBeUndefined();
    expect((await rds.request<Obj>('DescribeDBInstanceSSL', { DBInstanceId: 'rm-bp1demomysql0001' })).SSLEnabled).toBe('No');
    expect((await rds.request<Obj>('DescribeDBInstanceSSL', { DBInstanceId: 'pgm-uf6demopg00001' })).SSLEnabled).toBe('on');
    const params = await rds.request<Obj>('DescribeParameters', { DBInstanceId: 'pgm-uf6demopg00001' });
    expect(params.RunningParameters.DBInstanceParameter.find((p: Obj) => p.ParameterName === 'log_disconnections').ParameterValue).toBe('off');
    expect((await rds.request<Obj>('DescribeDBInstanceIPArrayList', { DBInstanceId: 'rm-bp1demomysql0001' })).Items.DBInstanceIPArray[0].SecurityIPList).toBe('0.0.0.0/0');
    const kms = rpc(emu.url, 'kms', ROOT);
    const key = await kms.request<Obj>('DescribeKey', { RegionId: 'cn-hangzhou', KeyId: 'key-hzz6demo00000001' });
    expect(key.KeyMetadata.AutomaticRotation).toBe('Disabled');
    const sas = rpc(emu.url, 'sas', ROOT);
    expect((await sas.request<Obj>('DescribeVersionConfig', {})).Version).toBe(1);
    expect(Array.isArray((await sas.request<Obj>('DescribeNoticeConfig', {})).NoticeConfigList)).toBe(true);
    const agents = await sas.request<Obj>('DescribeCloudCenterInstances', { CurrentPage: 1, PageSize: 2 });
    expect(agents.PageInfo).toMatchObject({ TotalCount: 3, Count: 2 });
  });

  it('counts calls per product:action', () => {
    const s = emu.stats();
    expect(s.calls['sts:GetCallerIdentity']).toBeGreaterThan(0);
    expect(s.authFailures).toBeGreaterThan(0);
  });
});
