/**
 * Official clients configured for the emulator, used by the emulator tests (and a reference for
 * the connector). pop-core ships no ROAClient typings and @alicloud/log none at all, so the parts
 * used here are declared locally.
 */
import { createRequire } from 'node:module';
import OSS from 'ali-oss';
import RPCClient from '@alicloud/pop-core';

const require = createRequire(import.meta.url);

export interface Key {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface RoaClient {
  request<T = unknown>(method: string, uriPattern: string, query?: Record<string, unknown>, body?: string, headers?: Record<string, string>, opts?: Record<string, unknown>): Promise<T>;
}
type RoaCtor = new (config: { endpoint: string; apiVersion: string; accessKeyId: string; accessKeySecret: string; securityToken?: string }) => RoaClient;
const ROAClient = (require('@alicloud/pop-core') as { ROAClient: RoaCtor }).ROAClient;

export interface SlsClient {
  getProject(project: string, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  listLogStore(project: string, data?: Record<string, unknown>, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  getLogStore(project: string, logstore: string, options?: Record<string, unknown>): Promise<Record<string, unknown>>;
  _request(verb: string, project: string | undefined, path: string, queries: Record<string, unknown>, body: null, headers: Record<string, string>, options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
type SlsCtor = new (config: { accessKeyId: string; accessKeySecret: string; securityToken?: string; endpoint: string }) => SlsClient;
const SlsClientCtor = require('@alicloud/log') as SlsCtor;

export const API_VERSIONS = {
  sts: '2015-04-01', actiontrail: '2020-07-06', ecs: '2014-05-26', vpc: '2016-04-28', ram: '2015-05-01', ims: '2019-08-15',
  rds: '2014-08-15', kms: '2016-01-20', sas: '2018-12-03', cs: '2015-12-15',
  ddoscoo: '2020-01-01', waf: '2021-10-01', waf2: '2019-09-10', cloudfw: '2017-12-07',
} as const;

/** RPC: the emulator's base URL for every product; `Version` routes, `RegionId` picks the region. */
export const rpc = (url: string, product: keyof typeof API_VERSIONS, key: Key): RPCClient =>
  new RPCClient({ endpoint: url, apiVersion: API_VERSIONS[product], ...key });

/** ROA (ACK): same base URL; ROAClient appends the resource path. */
export const roa = (url: string, key: Key): RoaClient => new ROAClient({ endpoint: url, apiVersion: API_VERSIONS.cs, ...key });

/**
 * OSS: an IP endpoint makes ali-oss send to the IP with `Host: <bucket>.oss-<region>.aliyuncs.com`,
 * which is where the emulator reads the bucket (and the region) from.
 */
export const oss = (url: string, key: Key, region = 'oss-cn-hangzhou', extra: Partial<OSS.Options> = {}): OSS =>
  new OSS({
    accessKeyId: key.accessKeyId,
    accessKeySecret: key.accessKeySecret,
    ...(key.securityToken ? { stsToken: key.securityToken, refreshSTSToken: async () => ({ accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, stsToken: key.securityToken ?? '' }), refreshSTSTokenInterval: 3_600_000 } : {}),
    region,
    endpoint: url,
    secure: false,
    timeout: 5000,
    ...extra,
  });

/** SLS: the endpoint is the base URL; project calls name the project in a `Host` header. */
export const sls = (url: string, key: Key): SlsClient => new SlsClientCtor({ ...key, endpoint: url });
export const slsGet = (client: SlsClient, url: string, project: string | undefined, path: string, query: Record<string, unknown> = {}) =>
  client._request('GET', undefined, path, query, null, project ? { host: `${project}.${new URL(url).host}` } : {}, {});
