import { AssayError } from '../../../engine/errors/assay-error.js';
import { stsClient } from '../clients.js';
import { classifyError } from '../errors.js';
import { makeCredentials } from './make-credentials.js';
import type { ResolvedCredentials } from './options.js';

interface AssumeRoleResponse {
  Credentials?: { AccessKeyId?: string; AccessKeySecret?: string; SecurityToken?: string; Expiration?: string };
  AssumedRoleUser?: { Arn?: string };
}

/** STS AssumeRole with the base credentials (scan another account, or a RamRoleArn profile). */
export async function assumeRole(
  base: ResolvedCredentials,
  opts: { roleArn: string; roleSessionName?: string; externalId?: string; durationSeconds?: number; stsEndpoint: string; timeoutMs?: number },
): Promise<ResolvedCredentials> {
  const params: Record<string, unknown> = {
    RoleArn: opts.roleArn,
    RoleSessionName: opts.roleSessionName || `assay-${Date.now()}`,
    DurationSeconds: opts.durationSeconds ?? 3600,
  };
  if (opts.externalId) params.ExternalId = opts.externalId;
  let res: AssumeRoleResponse;
  try {
    res = await stsClient(base, opts.stsEndpoint).request<AssumeRoleResponse>('AssumeRole', params, {
      method: 'POST',
      timeout: opts.timeoutMs ?? 10_000,
    });
  } catch (err) {
    const c = classifyError(err);
    const code = c.kind === 'credentials' ? 'CREDENTIALS_INVALID' : 'ASSUME_ROLE_FAILED';
    throw new AssayError(code, `AssumeRole ${opts.roleArn} failed with ${c.code}: ${c.message}`);
  }
  const creds = res.Credentials;
  if (!creds?.AccessKeyId || !creds.AccessKeySecret) {
    throw new AssayError('ASSUME_ROLE_FAILED', `AssumeRole ${opts.roleArn} returned no credentials.`);
  }
  return makeCredentials({
    accessKeyId: creds.AccessKeyId,
    accessKeySecret: creds.AccessKeySecret,
    securityToken: creds.SecurityToken,
    expiration: creds.Expiration,
    source: `assume-role:${opts.roleArn} (via ${base.source})`,
    regionId: base.regionId,
  });
}
