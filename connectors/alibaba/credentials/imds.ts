import { AssayError } from '../../../engine/errors/assay-error.js';
import { makeCredentials } from './make-credentials.js';
import type { ResolvedCredentials } from './options.js';

/** ECS instance RAM role via the metadata service (IMDSv2 token first, then v1 unless disabled). */
export const DEFAULT_IMDS = 'http://100.100.100.200';
const CREDS_PATH = '/latest/meta-data/ram/security-credentials/';

async function get(url: string, headers: Record<string, string>, timeoutMs: number, method = 'GET'): Promise<string> {
  const res = await fetch(url, { method, headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`IMDS ${method} ${new URL(url).pathname} returned HTTP ${res.status}`);
  return res.text();
}

export async function ecsRamRoleCredentials(opts: {
  roleName?: string;
  endpoint?: string;
  timeoutMs?: number;
  disableV1?: boolean;
}): Promise<ResolvedCredentials> {
  const base = (opts.endpoint ?? DEFAULT_IMDS).replace(/\/+$/, '');
  const timeout = opts.timeoutMs ?? 1000;
  const headers: Record<string, string> = {};
  try {
    const token = await get(`${base}/latest/api/token`, { 'x-aliyun-ecs-metadata-token-ttl-seconds': '21600' }, timeout, 'PUT');
    headers['x-aliyun-ecs-metadata-token'] = token.trim();
  } catch (err) {
    if (opts.disableV1) {
      throw new AssayError('CREDENTIALS_UNAVAILABLE', 'Could not get an IMDSv2 token from the ECS metadata service (IMDSv1 is disabled).', { cause: err });
    }
  }
  try {
    const role = opts.roleName || (await get(`${base}${CREDS_PATH}`, headers, timeout)).trim().split('\n')[0]!.trim();
    if (!role) throw new Error('no RAM role is attached to this instance');
    const body = JSON.parse(await get(`${base}${CREDS_PATH}${encodeURIComponent(role)}`, headers, timeout)) as Record<string, string>;
    if (body.Code !== 'Success' || !body.AccessKeyId || !body.AccessKeySecret) {
      throw new Error(`metadata service answered Code=${body.Code ?? 'none'}`);
    }
    return makeCredentials({
      accessKeyId: body.AccessKeyId,
      accessKeySecret: body.AccessKeySecret,
      securityToken: body.SecurityToken,
      expiration: body.Expiration,
      source: `ecs-ram-role:${role}`,
    });
  } catch (err) {
    if (err instanceof AssayError) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    throw new AssayError('CREDENTIALS_UNAVAILABLE', `Could not get ECS RAM role credentials from the metadata service: ${reason}`);
  }
}
