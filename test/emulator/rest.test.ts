import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from './index.js';
import { oss, roa, rpc, sls, slsGet, type Key } from './test-clients.js';

type Obj = Record<string, any>;
/** ali-oss methods missing from @types/ali-oss. */
type Untyped = Record<'getBucketEncryption' | 'getBucketVersioning', (name: string) => Promise<Obj>>;
const ROOT: Key = { accessKeyId: 'LTAI5tDemoRootKey0000001', accessKeySecret: 'demoRootSecret000000000000000001' };
const AUDITOR: Key = { accessKeyId: 'LTAI5tDemoAuditorKey001', accessKeySecret: 'demoAuditorSecret0000000000000001' };
const BAD: Key = { ...ROOT, accessKeySecret: 'not-the-secret' };
const UNKNOWN: Key = { accessKeyId: 'LTAIunknownkey', accessKeySecret: 'x' };

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ world: new URL('./worlds/demo.world.json', import.meta.url).pathname });
});
afterAll(() => emu.close());

const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: Obj) => e);

describe('ACK (pop-core ROAClient)', () => {
  it('lists clusters with page_info and serves detail, node pools, checks, addons', async () => {
    const cs = roa(emu.url, ROOT);
    const all = await cs.request<Obj>('GET', '/api/v1/clusters', { page_size: 1, page_number: 2 });
    expect(all.page_info).toEqual({ page_number: 2, page_size: 1, total_count: 2 });
    expect(all.clusters[0].nodepools).toBeUndefined();
    const hz = await cs.request<Obj>('GET', '/api/v1/clusters', { region_id: 'cn-hangzhou' });
    expect(hz.clusters.map((c: Obj) => c.name)).toEqual(['prod-public']);
    const id = hz.clusters[0].cluster_id;
    const detail = await cs.request<Obj>('GET', `/clusters/${id}`);
    expect(JSON.parse(detail.master_url).api_server_endpoint).toMatch(/^https:\/\/47\./);
    expect((await cs.request<Obj>('GET', `/clusters/${id}/nodepools`)).nodepools[0].kubernetes_config.cms_enabled).toBe(false);
    expect((await cs.request<Obj>('GET', `/clusters/${id}/checks`)).checks).toHaveLength(1);
    expect((await cs.request<Obj>('GET', `/clusters/${id}/addon_instances`)).addons.map((a: Obj) => a.name)).toContain('kubernetes-dashboard');
    const missing = await err(cs.request('GET', '/clusters/c-none'));
    expect(missing.statusCode).toBe(404);
    expect(missing.result.code).toBe('ErrorClusterNotFound');
  });

  it('rejects a wrong secret and an unknown key', async () => {
    const bad = await err(roa(emu.url, BAD).request('GET', '/api/v1/clusters'));
    expect([bad.code, bad.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
    const unknown = await err(roa(emu.url, UNKNOWN).request('GET', '/api/v1/clusters'));
    expect([unknown.code, unknown.statusCode]).toEqual(['InvalidAccessKeyId.NotFound', 404]);
  });

  it('accepts an STS session (x-acs-security-token)', async () => {
    const c = (await rpc(emu.url, 'sts', AUDITOR).request<Obj>('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/AssayScannerRole', RoleSessionName: 'roa' })).Credentials;
    const cs = roa(emu.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken });
    expect((await cs.request<Obj>('GET', '/api/v1/clusters')).clusters).toHaveLength(2);
  });
});

describe('OSS (ali-oss, IP endpoint)', () => {
  it('walks ListBuckets with markers and reads bucket configuration', async () => {
    const client = oss(emu.url, ROOT);
    const names: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const r = (await client.listBuckets({ 'max-keys': 3, ...(marker ? { marker } : {}) } as never, {})) as Obj;
      names.push(...r.buckets.map((b: Obj) => b.name));
      marker = r.isTruncated ? r.nextMarker : undefined;
      pages++;
    } while (marker);
    expect(pages).toBe(2);
    expect(names).toEqual(['demo-access-logs', 'demo-actiontrail-logs', 'demo-public-assets', 'demo-secure-data']);

    expect((await client.getBucketACL('demo-actiontrail-logs')).acl).toBe('public-read');
    const secure = await client.getBucketInfo('demo-secure-data') as Obj;
    expect(secure.bucket.ServerSideEncryptionRule.SSEAlgorithm).toBe('KMS');
    expect(secure.bucket.BucketPolicy.LogBucket).toBe('demo-access-logs');
    expect((await client.getBucketLogging('demo-secure-data')).enable).toBe(true);
    expect((await client.getBucketLogging('demo-actiontrail-logs')).enable).toBe(false);
    const enc = await (client as unknown as Untyped).getBucketEncryption('demo-secure-data') as Obj;
    expect(enc.encryption.SSEAlgorithm).toBe('KMS');
    const noEnc = await err((client as unknown as Untyped).getBucketEncryption('demo-actiontrail-logs'));
    expect([noEnc.code, noEnc.status]).toEqual(['NoSuchServerSideEncryptionRule', 404]);
    // ali-oss turns NoSuchBucketPolicy into { policy: null }.
    expect((await client.getBucketPolicy('demo-actiontrail-logs')).policy).toBeNull();
    expect((await (client as unknown as Untyped).getBucketVersioning('demo-secure-data')).versionStatus).toBe('Enabled');
  });

  it('refuses a bucket addressed through another region, and serves it through its own', async () => {
    const wrong = await err(oss(emu.url, ROOT, 'oss-cn-hangzhou').getBucketACL('demo-public-assets'));
    expect([wrong.code, wrong.status]).toEqual(['AccessDenied', 403]);
    const pol = await oss(emu.url, ROOT, 'oss-cn-shanghai').getBucketPolicy('demo-public-assets');
    expect(pol.policy?.Statement[0].Principal).toEqual(['*']);
    const lc = await oss(emu.url, ROOT, 'oss-cn-shanghai').getBucketLifecycle('demo-public-assets') as Obj;
    expect(lc.rules[0].id).toBe('expire-tmp');
  });

  it('verifies V4 signatures (authorizationV4) and path-style (sldEnable) requests', async () => {
    const v4 = oss(emu.url, ROOT, 'oss-cn-hangzhou', { authorizationV4: true } as never);
    expect((await v4.getBucketACL('demo-secure-data')).acl).toBe('private');
    expect(((await v4.listBuckets({}, {})) as Obj).buckets).toHaveLength(4);
    const badV4 = await err(oss(emu.url, BAD, 'oss-cn-hangzhou', { authorizationV4: true } as never).getBucketACL('demo-secure-data'));
    expect(badV4.code).toBe('SignatureDoesNotMatch');
    const sld = oss(`${emu.url.replace('127.0.0.1', 'localhost')}`, ROOT, 'oss-cn-hangzhou', { sldEnable: true } as never);
    expect((await sld.getBucketACL('demo-actiontrail-logs')).acl).toBe('public-read');
  });

  it('answers bad credentials with OSS XML errors', async () => {
    const bad = await err(oss(emu.url, BAD).getBucketACL('demo-secure-data'));
    expect([bad.code, bad.status]).toEqual(['SignatureDoesNotMatch', 403]);
    expect(bad.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const unknown = await err(oss(emu.url, UNKNOWN).getBucketACL('demo-secure-data'));
    expect([unknown.code, unknown.status]).toEqual(['InvalidAccessKeyId', 403]);
    const missing = await err(oss(emu.url, ROOT).getBucketACL('no-such-bucket'));
    expect(missing.code).toBe('NoSuchBucket');
  });

  it('accepts an STS session (x-oss-security-token)', async () => {
    const c = (await rpc(emu.url, 'sts', AUDITOR).request<Obj>('AssumeRole', { RoleArn: 'acs:ram::1234567890123456:role/AssayScannerRole', RoleSessionName: 'oss' })).Credentials;
    const client = oss(emu.url, { accessKeyId: c.AccessKeyId, accessKeySecret: c.AccessKeySecret, securityToken: c.SecurityToken });
    expect((await client.getBucketACL('demo-secure-data')).acl).toBe('private');
  });
});

describe('SLS (@alicloud/log)', () => {
  it('lists projects with offset/size and reads logstores, alerts, saved searches, dashboards', async () => {
    const client = sls(emu.url, ROOT);
    const first = await slsGet(client, emu.url, undefined, '/', { offset: 0, size: 1 });
    expect(first).toMatchObject({ count: 1, total: 3 });
    const second = await slsGet(client, emu.url, undefined, '/', { offset: 1, size: 1 }) as Obj;
    expect(second.projects[0].projectName).toBe('k8s-log-c7f1demo');
    expect(second.projects[0].logstores).toBeUndefined();
    const stores = await slsGet(client, emu.url, 'demo-audit', '/logstores', { offset: 0, size: 100 });
    expect(stores).toEqual({ count: 2, total: 2, logstores: ['actiontrail_demo-write-only-trail', 'vpc-flowlog'] });
    const store = await slsGet(client, emu.url, 'demo-audit', '/logstores/actiontrail_demo-write-only-trail') as Obj;
    expect(store.ttl).toBe(180);
    const alerts = await slsGet(client, emu.url, 'demo-audit', '/alerts', { offset: 0, size: 2 }) as Obj;
    expect([alerts.count, alerts.total]).toEqual([2, 3]);
    expect(alerts.results[0].configuration.queryList[0].query).toContain('CreateRole');
    expect(((await slsGet(client, emu.url, 'demo-audit', '/savedsearches')) as Obj).savedsearches).toEqual(['root-logins']);
    expect(((await slsGet(client, emu.url, 'demo-audit', '/dashboards')) as Obj).dashboards).toEqual(['actiontrail-overview']);
    const missing = await err(slsGet(client, emu.url, 'nope', '/logstores'));
    expect(missing.code).toBe('ProjectNotExist');
  });

  it('rejects a wrong secret and an unknown key', async () => {
    const bad = await err(slsGet(sls(emu.url, BAD), emu.url, undefined, '/'));
    expect(bad.code).toBe('SignatureNotMatch');
    const unknown = await err(slsGet(sls(emu.url, UNKNOWN), emu.url, 'demo-audit', '/logstores'));
    expect(unknown.code).toBe('InvalidAccessKeyId');
  });

  it('lists only the endpoint region\'s projects behind a path-prefixed endpoint (/sls/<region>)', async () => {
    const client = sls(`${emu.url}/sls/cn-shanghai`, ROOT);
    const res = await client._request('GET', undefined, '/', {}, null, {}, {});
    expect((res.projects as Obj[]).map((p) => p.projectName)).toEqual(['k8s-log-c7f1demo']);
  });
});
