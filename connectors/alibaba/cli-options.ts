import type { AlibabaCredentialOptions } from './credentials/options.js';

/** Helpers for the CLI: turn flag values into collect options. */

/** `cn-hangzhou, cn-shanghai` or repeated flags → unique region ids; undefined when empty. */
export function parseRegionList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return items.length ? [...new Set(items)] : undefined;
}

/** Comma list of products, lower-cased. */
export function parseProductList(value: string | string[] | undefined): string[] | undefined {
  const items = parseRegionList(value);
  return items?.map((p) => p.toLowerCase());
}

/** Credential flags as the aliyun CLI names them (--profile, --access-key-id, --role-arn, ...). */
export function credentialOptionsFromFlags(flags: Record<string, unknown>): AlibabaCredentialOptions {
  const s = (k: string): string | undefined => (typeof flags[k] === 'string' && flags[k] !== '' ? (flags[k] as string) : undefined);
  const out: AlibabaCredentialOptions = {};
  const set = <K extends keyof AlibabaCredentialOptions>(key: K, value: AlibabaCredentialOptions[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  set('profile', s('profile'));
  set('accessKeyId', s('access-key-id') ?? s('accessKeyId'));
  set('accessKeySecret', s('access-key-secret') ?? s('accessKeySecret'));
  set('securityToken', s('sts-token') ?? s('securityToken'));
  set('roleArn', s('role-arn') ?? s('roleArn'));
  set('roleSessionName', s('role-session-name') ?? s('roleSessionName'));
  set('externalId', s('external-id') ?? s('externalId'));
  set('configFile', s('config-path') ?? s('configFile'));
  const ecs = flags['ecs-ram-role'] ?? flags.ecsRamRole;
  if (ecs === true || typeof ecs === 'string') set('ecsRamRole', ecs);
  return out;
}
