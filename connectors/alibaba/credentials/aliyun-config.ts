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

export function parseAliyunConfig(text: string): AliyunConfig {
  const data = JSON.parse(text) as Partial<AliyunConfig>;
  return { current: data.current, profiles: Array.isArray(data.profiles) ? data.profiles : [] };
}

export function findProfile(config: AliyunConfig, name?: string): AliyunProfile | undefined {
  const wanted = name ?? config.current ?? 'default';
  return config.profiles.find((p) => p.name === wanted);
}
