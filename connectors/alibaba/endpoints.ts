import { AssayError } from '../../engine/errors/assay-error.js';
import { isLoopbackHost } from './loopback-host.js';

/**
 * Where each product lives. pop-core never derives a host from a region, so we do it here.
 * An override (the emulator, or a private gateway) replaces every product's base URL; it may
 * contain `{product}` and `{region}` placeholders when a server routes by path.
 */
export const API_VERSIONS = {
  actiontrail: '2020-07-06',
  ecs: '2014-05-26',
  vpc: '2016-04-28',
  ram: '2015-05-01',
  ims: '2019-08-15',
  sts: '2015-04-01',
  rds: '2014-08-15',
  kms: '2016-01-20',
  sas: '2018-12-03',
  cs: '2015-12-15',
  ddoscoo: '2020-01-01',
  waf: '2021-10-01',
  /** WAF 2.0, only to notice a legacy instance that is not evaluated. */
  waf2: '2019-09-10',
  cloudfw: '2017-12-07',
  /** Resource Directory (organization member discovery); one global endpoint. */
  resourcemanager: '2020-03-31',
} as const;

export type RpcProduct = Exclude<keyof typeof API_VERSIONS, 'cs'>;

/**
 * RDS regions the SDK (rds20140815 `_endpointMap`) sends to the central endpoint; others use
 * rds.<region>, except cn-hangzhou-finance, which the SDK maps to its own host.
 */
const RDS_CENTRAL = new Set([
  'cn-qingdao', 'cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-heyuan', 'cn-hongkong', 'ap-southeast-1', 'us-west-1', 'us-east-1',
  'cn-shanghai-finance-1', 'cn-shenzhen-finance-1', 'cn-beijing-finance-1', 'cn-north-2-gov-1', 'cn-beijing-gov-1', 'cn-fujian', 'cn-wuhan', 'cn-zhangbei',
]);
const RDS_HOSTS: Record<string, string> = { 'cn-hangzhou-finance': 'rds-vpc.cn-hangzhou-finance.aliyuncs.com' };

/**
 * Cloud Firewall (cloudfw20171207 `_endpointMap`, rule central): its own hosts for cn-hangzhou and
 * Singapore (which also serves ap-southeast-3); every other region uses the central endpoint.
 */
const CLOUDFW_HOSTS: Record<string, string> = {
  'cn-hangzhou': 'cloudfw.cn-hangzhou.aliyuncs.com',
  'ap-southeast-1': 'cloudfw.ap-southeast-1.aliyuncs.com',
  'ap-southeast-3': 'cloudfw.ap-southeast-1.aliyuncs.com',
};

export function defaultEndpoint(product: string, region: string | null): string {
  const r = region ?? 'cn-hangzhou';
  switch (product) {
    case 'ram':
    case 'ims':
    case 'sts':
    case 'resourcemanager':
      return `https://${product}.aliyuncs.com`;
    case 'rds':
      return `https://${RDS_HOSTS[r] ?? (RDS_CENTRAL.has(r) ? 'rds.aliyuncs.com' : `rds.${r}.aliyuncs.com`)}`;
    case 'sas':
      // The SDK's map: every cn-* region (Hong Kong and finance included) on Shanghai, the rest on Singapore.
      return r.startsWith('cn-') ? 'https://tds.cn-shanghai.aliyuncs.com' : 'https://tds.ap-southeast-1.aliyuncs.com';
    case 'waf':
    case 'waf2':
      // WAF 3.0: cn-hangzhou (Chinese mainland) or ap-southeast-1 (elsewhere).
      return `https://wafopenapi.${r}.aliyuncs.com`;
    case 'cloudfw':
      return `https://${CLOUDFW_HOSTS[r] ?? 'cloudfw.aliyuncs.com'}`;
    case 'oss':
      return `https://oss-${r}.aliyuncs.com`;
    case 'sls':
      return `https://${r}.log.aliyuncs.com`;
    default:
      return `https://${product}.${r}.aliyuncs.com`;
  }
}

/**
 * The override from options or ASSAY_ALIBABA_ENDPOINT, without a trailing slash, checked by
 * `checkCustomEndpoint`: every signed request (and AssumeRole's answer, with its secret) goes there.
 * `allowInsecure` defaults to ASSAY_ALLOW_INSECURE_ENDPOINT=1 (or true).
 */
export function endpointOverride(explicit?: string, env: NodeJS.ProcessEnv = process.env, allowInsecure = insecureEndpointAllowed(env)): string | undefined {
  const value = explicit ?? env.ASSAY_ALIBABA_ENDPOINT;
  if (!value) return undefined;
  const url = value.replace(/\/+$/, '');
  checkCustomEndpoint(url, allowInsecure);
  return url;
}

export function endpointFor(product: string, region: string | null, override?: string): string {
  if (!override) return defaultEndpoint(product, region);
  return override.replace(/\{product\}/g, product).replace(/\{region\}/g, region ?? 'global');
}

/** ASSAY_ALLOW_INSECURE_ENDPOINT=1 (or true): plain HTTP to a host other than loopback is allowed. */
export function insecureEndpointAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.ASSAY_ALLOW_INSECURE_ENDPOINT === '1' || env.ASSAY_ALLOW_INSECURE_ENDPOINT?.toLowerCase() === 'true';
}

/**
 * A custom endpoint sees every signed request and answers for the whole account, so it could make
 * every check pass. Only http(s) URLs; plain HTTP only to a loopback host (the emulator), unless
 * `allowInsecure` says otherwise. Placeholders in the host stand for any name, so they are not loopback.
 */
export function checkCustomEndpoint(url: string, allowInsecure: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{product\}/g, 'product').replace(/\{region\}/g, 'region'));
  } catch {
    throw new AssayError('ENDPOINT_INVALID', `The endpoint ${JSON.stringify(describeEndpoint(url))} is not a URL: give a base URL such as https://gateway.example.com.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AssayError('ENDPOINT_INVALID', `The endpoint ${describeEndpoint(url)} uses ${parsed.protocol}; only https:// (or http:// to a loopback address) is supported.`);
  }
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname) && !allowInsecure) {
    throw new AssayError(
      'ENDPOINT_INSECURE',
      `The endpoint ${describeEndpoint(url)} is plain HTTP to a host that is not loopback: anyone on the path would see every signed request and could answer for the account. ` +
        'Use https://, or pass --allow-insecure-endpoint (env ASSAY_ALLOW_INSECURE_ENDPOINT=1) if this is intended.',
    );
  }
}

/** Whether requests to this endpoint travel in plain HTTP. */
export function isPlainHttp(url: string): boolean {
  return /^http:/i.test(url);
}

/** The endpoint as reports and messages show it: no user or password, no query. */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url.replace(/\{product\}/g, '__product__').replace(/\{region\}/g, '__region__'));
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return parsed.toString().replace(/\/+$/, '').replace(/__product__/g, '{product}').replace(/__region__/g, '{region}');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//').slice(0, 200);
  }
}
