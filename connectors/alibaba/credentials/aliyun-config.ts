import { AssayError } from '../../../engine/errors/assay-error.js';
import { findJsonSyntaxError } from './json-syntax-error.js';

/**
 * The aliyun CLI's ~/.aliyun/config.json: `{ current, profiles: [{ name, mode, ... }] }`
 * (aliyun-cli config/profile.go). Only the fields Assay uses are typed.
 */
export interface AliyunProfile {
  name: string;
  mode?: string;
  access_key_id?: string;
  access_key_secret?: string;
  sts_token?: string;
  ram_role_name?: string;
  ram_role_arn?: string;
  ram_session_name?: string;
  external_id?: string;
  expired_seconds?: number;
  source_profile?: string;
  region_id?: string;
  sts_endpoint?: string;
}

export interface AliyunConfig {
  current?: string;
  profiles: AliyunProfile[];
}

/**
 * Parses the config. A malformed file is a CREDENTIALS_UNAVAILABLE error naming the file, line and
 * column and what was wrong, never its text: JSON.parse's message quotes the input (a secret).
 */
export function parseAliyunConfig(text: string, file = 'the aliyun CLI config'): AliyunConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const at = findJsonSyntaxError(text);
    throw new AssayError('CREDENTIALS_UNAVAILABLE', `The aliyun CLI config is not valid JSON${at ? `: ${at.problem}` : ''} (its text is not shown: it holds secrets). Fix it, or run \`aliyun configure\`.`, {
      file,
      ...(at ? { line: at.line, column: at.column } : {}),
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new AssayError('CREDENTIALS_UNAVAILABLE', `${file} is not a JSON object with "profiles".`, { file });
  }
  const config = data as Partial<AliyunConfig>;
  return { current: typeof config.current === 'string' ? config.current : undefined, profiles: Array.isArray(config.profiles) ? config.profiles : [] };
}

export function findProfile(config: AliyunConfig, name?: string): AliyunProfile | undefined {
  const wanted = name ?? config.current ?? 'default';
  return config.profiles.find((p) => p.name === wanted);
}
