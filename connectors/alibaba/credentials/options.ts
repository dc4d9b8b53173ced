/** How to find credentials, mirroring the aliyun CLI flags and the credentials-nodejs chain. */
export interface AlibabaCredentialOptions {
  /** Explicit keys (take precedence over everything else). */
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  /** Profile in ~/.aliyun/config.json (or section in the credentials INI file); env ALIBABA_CLOUD_PROFILE. */
  profile?: string;
  /** Path of the aliyun CLI config (default ~/.aliyun/config.json). */
  configFile?: string;
  /** Path of the INI credentials file (default ~/.alibabacloud/credentials; env ALIBABA_CLOUD_CREDENTIALS_FILE). */
  credentialsFile?: string;
  /** Use the ECS instance RAM role (IMDS); the role name is discovered when not given. */
  ecsRamRole?: string | boolean;
  /** IMDS base URL (tests); default http://100.100.100.200. */
  imdsEndpoint?: string;
  /** Assume this role with the base credentials (to scan another account). */
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  /** AssumeRole session length in seconds (900–43200, default 3600). */
  durationSeconds?: number;
  /** STS base URL override (default: the collection endpoint override, else https://sts.aliyuncs.com). */
  stsEndpoint?: string;
  /** Home directory for the default file locations (tests). */
  homeDir?: string;
}

/** Credentials ready for the clients. The secret fields are non-enumerable: they never serialize. */
export interface ResolvedCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
  /** Where they came from, e.g. `env`, `profile:default (AK)`, `ecs-ram-role:auditor`, `assume-role:<arn>`. */
  readonly source: string;
  readonly expiration?: string;
  /** Region from the profile/env, used as the home region for global calls. */
  readonly regionId?: string;
}
