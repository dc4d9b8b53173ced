/** Shapes shared by the emulator. API objects stay loose: they are Alibaba's own JSON. */
export type Obj = Record<string, unknown>;

export type CredentialType = 'root' | 'ram-user';

export interface WorldCredential {
  AccessKeyId: string;
  AccessKeySecret: string;
  AccountId: string;
  Type: CredentialType;
  UserName?: string;
  /** 'Inactive' keys are rejected with InvalidAccessKeyId.Inactive. */
  Status?: 'Active' | 'Inactive';
}

/**
 * `html`: a gateway's HTML error page (status default 502; `http502` is the same with 502);
 * `empty`: HTTP 200 with an empty body; `shapeless`: HTTP 200 with a well-formed body of the
 * protocol's format that is not the API's answer (JSON `{}`, OSS an XML document with another
 * root) — what a proxy, a captive portal or a half-deployed gateway answers.
 */
export type FaultKind = 'latency' | 'throttle' | 'error' | 'http502' | 'html' | 'empty' | 'shapeless' | 'timeout' | 'reset' | 'deny';

export interface FaultRule {
  product: string;
  action?: string;
  region?: string;
  kind: FaultKind;
  /** Probability 0..1 (default 1); drawn from the seeded PRNG. */
  rate?: number;
  latencyMs?: number;
  code?: string;
  status?: number;
  /** Only the first N matching calls are affected. */
  count?: number;
}

export interface World {
  account: Obj & { AccountId: string };
  credentials: WorldCredential[];
  regions?: Obj[];
  actiontrail?: { trails?: Obj[] };
  ecs?: Record<string, { instances?: Obj[]; disks?: Obj[]; securityGroups?: Obj[] }>;
  vpc?: Record<string, { vpcs?: Obj[]; flowLogs?: Obj[] }>;
  ram?: {
    users?: Obj[];
    roles?: Obj[];
    policies?: Obj[];
    passwordPolicy?: Obj;
    securityPreference?: Obj;
  };
  rds?: Record<string, { instances?: Obj[] }>;
  kms?: Record<string, { keys?: Obj[] }>;
  sas?: { versionConfig?: Obj; noticeConfigs?: Obj[]; vulConfigs?: Obj[]; concernNecessity?: string[]; instances?: Obj[]; logMeta?: Obj[]; vulnerabilities?: Obj[] };
  cs?: { clusters?: Obj[] };
  oss?: { owner?: Obj; buckets?: Obj[] };
  sls?: { projects?: Obj[] };
  /** Keyed by API site (cn-hangzhou / ap-southeast-1); domains are DescribeWebAccessLogDispatchStatus items. */
  ddoscoo?: Record<string, { slsAuthStatus?: boolean; domains?: Obj[] }>;
  /** instance: DescribeInstance; logStatus: DescribeUserWafLogStatus; resources: DescribeDefenseResources items + side-car ResourceLogStatus; legacyInstance: WAF 2.0 DescribeInstanceInfo InstanceInfo. */
  waf?: Record<string, { instance?: Obj; logStatus?: Obj; resources?: Obj[]; legacyInstance?: Obj }>;
  /** userBuyVersion: DescribeUserBuyVersion; slsAnalyzeOpenStatus: OpenStatus; logStoreInfo: DescribeLogStoreInfo. */
  cloudfw?: Record<string, { userBuyVersion?: Obj; slsAnalyzeOpenStatus?: boolean; logStoreInfo?: Obj }>;
  /**
   * Resource Directory (ResourceManager ListAccounts / ListAccountsForParent). accounts: ListAccounts
   * items (AccountId, DisplayName, FolderId, Status, Type, JoinMethod, …; ResourceDirectoryPath is
   * derived from the folders when absent; Tags in the API's form, returned only with IncludeTags);
   * folders: { FolderId, FolderName, ParentFolderId? (default the root) }. Only MasterAccountId
   * (default `account.AccountId`) and `delegatedAdministrators` may list members.
   */
  resourceDirectory?: {
    ResourceDirectoryId: string;
    RootFolderId: string;
    MasterAccountId?: string;
    delegatedAdministrators?: string[];
    folders?: Obj[];
    accounts?: Obj[];
  };
  /** QPS per "product:Action" or "product" (case-insensitive product). */
  limits?: Record<string, number>;
  faults?: FaultRule[];
}

export interface EmulatorStats {
  /** Calls per "product:Action" (every request that reached routing, including rejected ones). */
  calls: Record<string, number>;
  throttled: number;
  faultsInjected: number;
  /** Requests rejected by signature/credential checks. */
  authFailures: number;
}

export interface EmulatorOptions {
  world: World | string;
  latencyMs?: number;
  faults?: FaultRule[];
  qps?: Record<string, number>;
  clock?: () => number;
  /** Seed for the fault PRNG (rate < 1). */
  seed?: number;
  port?: number;
  host?: string;
}

export interface RunningEmulator {
  url: string;
  port: number;
  stats(): EmulatorStats;
  setFaults(rules: FaultRule[]): void;
  close(): Promise<void>;
}
