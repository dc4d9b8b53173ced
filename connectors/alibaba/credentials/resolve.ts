import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AssayError } from '../../../engine/errors/assay-error.js';
import { checkCustomEndpoint, endpointFor, endpointOverride, insecureEndpointAllowed } from '../endpoints.js';
import { findProfile, parseAliyunConfig, type AliyunConfig, type AliyunProfile } from './aliyun-config.js';
import { assumeRole } from './assume-role.js';
import { ecsRamRoleCredentials } from './imds.js';
import { parseIni } from './ini-file.js';
import { makeCredentials } from './make-credentials.js';
import type { AlibabaCredentialOptions, ResolvedCredentials } from './options.js';

export interface ResolveContext {
  env?: NodeJS.ProcessEnv;
  /** The collection endpoint override; STS calls go through it too. */
  endpoint?: string;
  /** Plain HTTP to a host that is not loopback is allowed (default: env ASSAY_ALLOW_INSECURE_ENDPOINT). */
  allowInsecureEndpoint?: boolean;
  timeoutMs?: number;
}

function firstEnv(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/** Env vars the aliyun CLI reads (config/profile.go), newest names first. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): ResolvedCredentials | undefined {
  const id = firstEnv(env, ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'ACCESS_KEY_ID']);
  const secret = firstEnv(env, ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY', 'ACCESS_KEY_SECRET']);
  if (!id || !secret) return undefined;
  const token = firstEnv(env, ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABACLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN', 'SECURITY_TOKEN']);
  return makeCredentials({ accessKeyId: id, accessKeySecret: secret, securityToken: token, source: 'env', regionId: regionFromEnv(env) });
}

export function regionFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  return firstEnv(env, ['ALIBABA_CLOUD_REGION_ID', 'ALIBABACLOUD_REGION_ID', 'ALICLOUD_REGION_ID', 'REGION_ID', 'REGION']);
}

interface Pending {
  base: ResolvedCredentials;
  /** A role to assume on top of `base` (RamRoleArn profiles). */
  role?: { roleArn: string; roleSessionName?: string; externalId?: string; durationSeconds?: number; stsEndpoint?: string };
}

async function fromAliyunProfile(config: AliyunConfig, profile: AliyunProfile, opts: AlibabaCredentialOptions, depth = 0): Promise<Pending> {
  const where = `profile:${profile.name}`;
  const mode = profile.mode ?? 'AK';
  const region = profile.region_id;
  const ak = (): ResolvedCredentials => {
    if (!profile.access_key_id || !profile.access_key_secret) {
      throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}" (mode ${mode}) has no access_key_id/access_key_secret.`);
    }
    return makeCredentials({
      accessKeyId: profile.access_key_id,
      accessKeySecret: profile.access_key_secret,
      securityToken: mode === 'StsToken' ? profile.sts_token : undefined,
      source: `${where} (${mode})`,
      regionId: region,
    });
  };
  switch (mode) {
    case 'AK':
    case 'StsToken':
      return { base: ak() };
    case 'RamRoleArn':
      if (!profile.ram_role_arn) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}" (RamRoleArn) has no ram_role_arn.`);
      return {
        base: ak(),
        role: {
          roleArn: profile.ram_role_arn,
          roleSessionName: profile.ram_session_name,
          externalId: profile.external_id,
          durationSeconds: profile.expired_seconds || undefined,
          stsEndpoint: profile.sts_endpoint ? `https://${profile.sts_endpoint.replace(/^https?:\/\//, '')}` : undefined,
        },
      };
    case 'EcsRamRole':
      return { base: await ecsRamRoleCredentials({ roleName: profile.ram_role_name, endpoint: opts.imdsEndpoint }) };
    case 'ChainableRamRoleArn': {
      const source = profile.source_profile ? findProfile(config, profile.source_profile) : undefined;
      if (!source || depth > 3) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}" has no usable source_profile.`);
      const inner = await fromAliyunProfile(config, source, opts, depth + 1);
      if (inner.role) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}": chained source profiles that assume roles themselves are not supported.`);
      if (!profile.ram_role_arn) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}" has no ram_role_arn.`);
      return { base: inner.base, role: { roleArn: profile.ram_role_arn, roleSessionName: profile.ram_session_name, externalId: profile.external_id } };
    }
    default:
      throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profile.name}" uses mode ${mode}, which Assay does not support (use AK, StsToken, RamRoleArn, ChainableRamRoleArn or EcsRamRole).`);
  }
}

async function fromIniSection(section: Record<string, string>, name: string, opts: AlibabaCredentialOptions): Promise<Pending> {
  const type = section.type ?? section.enable_type ?? 'access_key';
  const where = `credentials-file:${name}`;
  const ak = (): ResolvedCredentials => {
    if (!section.access_key_id || !section.access_key_secret) {
      throw new AssayError('CREDENTIALS_UNAVAILABLE', `Credentials file section [${name}] (type ${shownType(type)}) has no access_key_id/access_key_secret.`);
    }
    return makeCredentials({
      accessKeyId: section.access_key_id,
      accessKeySecret: section.access_key_secret,
      securityToken: section.security_token ?? section.sts_token,
      source: `${where} (${type})`,
      regionId: section.region_id,
    });
  };
  switch (type) {
    case 'access_key':
    case 'sts':
      return { base: ak() };
    case 'ram_role_arn':
      if (!section.role_arn) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Credentials file section [${name}] has no role_arn.`);
      return { base: ak(), role: { roleArn: section.role_arn, roleSessionName: section.role_session_name, externalId: section.external_id } };
    case 'ecs_ram_role':
      return { base: await ecsRamRoleCredentials({ roleName: section.role_name, endpoint: opts.imdsEndpoint }) };
    default:
      throw new AssayError('CREDENTIALS_UNAVAILABLE', `Credentials file section [${name}] has type ${shownType(type)}, which Assay does not support.`);
  }
}

function readAliyunConfig(path: string): AliyunConfig | undefined {
  if (!existsSync(path)) return undefined;
  return parseAliyunConfig(readCredentialFile(path), path);
}

/** A credentials file's text; a read failure names the file and the system's reason (its code), nothing of the content. */
function readCredentialFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AssayError('CREDENTIALS_UNAVAILABLE', `Could not read ${path}${code ? ` (${code})` : ''}.`, { file: path });
  }
}

/** An INI section's `type` as messages show it: a known-looking word, else not quoted (it could be a misplaced secret). */
function shownType(type: string): string {
  return /^[a-z_]{1,32}$/i.test(type) ? `"${type}"` : 'an unrecognised value';
}

/**
 * Resolves credentials like the aliyun CLI / credentials-nodejs chain:
 * explicit keys → named profile → env keys → CLI config current profile → INI file → ECS RAM role;
 * then, when a role ARN is given (option or ALIBABA_CLOUD_ROLE_ARN), AssumeRole with them.
 */
export async function resolveAlibabaCredentials(opts: AlibabaCredentialOptions = {}, ctx: ResolveContext = {}): Promise<ResolvedCredentials> {
  const env = ctx.env ?? process.env;
  const home = opts.homeDir ?? env.HOME ?? homedir();
  const configPath = opts.configFile ?? join(home, '.aliyun', 'config.json');
  const iniPath = opts.credentialsFile ?? env.ALIBABA_CLOUD_CREDENTIALS_FILE ?? join(home, '.alibabacloud', 'credentials');
  const profileName = opts.profile ?? env.ALIBABA_CLOUD_PROFILE ?? env.ALIBABACLOUD_PROFILE ?? env.ALICLOUD_PROFILE;
  const cliDisabled = env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED === 'true';

  let pending: Pending | undefined;
  if (opts.accessKeyId || opts.accessKeySecret) {
    if (!opts.accessKeyId || !opts.accessKeySecret) {
      throw new AssayError('CREDENTIALS_UNAVAILABLE', 'Both an AccessKey id and an AccessKey secret are needed.');
    }
    pending = { base: makeCredentials({ accessKeyId: opts.accessKeyId, accessKeySecret: opts.accessKeySecret, securityToken: opts.securityToken, source: 'options', regionId: regionFromEnv(env) }) };
  } else if (opts.ecsRamRole) {
    pending = { base: await ecsRamRoleCredentials({ roleName: typeof opts.ecsRamRole === 'string' ? opts.ecsRamRole : undefined, endpoint: opts.imdsEndpoint, disableV1: env.ALIBABA_CLOUD_IMDSV1_DISABLED === 'true' }) };
  } else if (profileName) {
    // A named profile must exist: silently falling back to other keys would scan the wrong account.
    const config = cliDisabled ? undefined : readAliyunConfig(configPath);
    const profile = config ? findProfile(config, profileName) : undefined;
    if (config && profile) pending = await fromAliyunProfile(config, profile, opts);
    else {
      const ini = existsSync(iniPath) ? parseIni(readCredentialFile(iniPath)) : {};
      const section = ini[profileName];
      if (!section) throw new AssayError('CREDENTIALS_UNAVAILABLE', `Profile "${profileName}" was not found in ${configPath} or ${iniPath}.`);
      pending = await fromIniSection(section, profileName, opts);
    }
  } else {
    const fromEnv = credentialsFromEnv(env);
    if (fromEnv) pending = { base: fromEnv };
    if (!pending && !cliDisabled) {
      const config = readAliyunConfig(configPath);
      const profile = config ? findProfile(config) : undefined;
      if (config && profile) pending = await fromAliyunProfile(config, profile, opts);
    }
    if (!pending && existsSync(iniPath)) {
      const ini = parseIni(readCredentialFile(iniPath));
      if (ini.default) pending = await fromIniSection(ini.default, 'default', opts);
    }
    if (!pending && env.ALIBABA_CLOUD_ECS_METADATA && env.ALIBABA_CLOUD_ECS_METADATA_DISABLED !== 'true') {
      pending = { base: await ecsRamRoleCredentials({ roleName: env.ALIBABA_CLOUD_ECS_METADATA, endpoint: opts.imdsEndpoint }) };
    }
  }
  if (!pending) {
    throw new AssayError(
      'CREDENTIALS_UNAVAILABLE',
      'No Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET, configure a profile with `aliyun configure`, or use an ECS RAM role.',
    );
  }

  const roleArn = opts.roleArn ?? pending.role?.roleArn ?? env.ALIBABA_CLOUD_ROLE_ARN;
  if (!roleArn) return pending.base;
  const allowInsecure = ctx.allowInsecureEndpoint ?? insecureEndpointAllowed(env);
  const override = endpointOverride(ctx.endpoint, env, allowInsecure);
  // AssumeRole's answer holds a secret: an explicit STS endpoint is held to the same rule.
  if (opts.stsEndpoint) checkCustomEndpoint(opts.stsEndpoint, allowInsecure);
  const stsEndpoint = opts.stsEndpoint ?? (override ? endpointFor('sts', null, override) : undefined) ?? pending.role?.stsEndpoint ?? 'https://sts.aliyuncs.com';
  return assumeRole(pending.base, {
    roleArn,
    roleSessionName: opts.roleSessionName ?? pending.role?.roleSessionName ?? env.ALIBABA_CLOUD_ROLE_SESSION_NAME,
    externalId: opts.externalId ?? pending.role?.externalId,
    durationSeconds: opts.durationSeconds ?? pending.role?.durationSeconds,
    stsEndpoint,
    timeoutMs: ctx.timeoutMs,
  });
}
