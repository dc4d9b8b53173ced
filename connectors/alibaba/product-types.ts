/** Product → the GraphQL asset types it emits, so a scan can collect only what its checks read. */
export const ALIBABA_PRODUCT_TYPES: Record<string, string[]> = {
  sts: ['AlibabaAccount'],
  actiontrail: ['AlibabaActionTrail'],
  ecs: ['AlibabaEcsInstance', 'AlibabaEcsDisk', 'AlibabaEcsSecurityGroup'],
  vpc: ['AlibabaVpc', 'AlibabaVpcFlowLog'],
  ram: ['AlibabaRamUser', 'AlibabaRamPolicy'],
  rds: ['AlibabaRdsInstance'],
  kms: ['AlibabaKmsKey'],
  sas: [],
  cs: ['AlibabaAckCluster'],
  oss: ['AlibabaOssBucket'],
  sls: ['AlibabaSlsProject', 'AlibabaSlsLogstore', 'AlibabaSlsAlert'],
  ddoscoo: ['AlibabaDdosCooDomain'],
  waf: ['AlibabaWafInstance'],
  cloudfw: ['AlibabaCloudFirewall'],
};

export const ALIBABA_PRODUCTS = Object.keys(ALIBABA_PRODUCT_TYPES);

/** Asset types collected per item of another type: a gap in the parent's list is a gap in theirs. */
const CHILD_TYPES: Record<string, string[]> = {
  AlibabaSlsProject: ['AlibabaSlsLogstore', 'AlibabaSlsAlert'],
};

/** The types with everything collected under them (transitively), in first-seen order. */
export function withChildTypes(types: readonly string[]): string[] {
  const out = new Set<string>();
  const visit = (t: string): void => {
    if (out.has(t)) return;
    out.add(t);
    for (const child of CHILD_TYPES[t] ?? []) visit(child);
  };
  types.forEach(visit);
  return [...out];
}

/** Account fields (and nested types) filled by products other than STS. */
const ACCOUNT_FIELD_PRODUCTS: Record<string, string> = {
  passwordPolicy: 'ram',
  securityPreference: 'ram',
  callerAccessKeys: 'ram',
  rootHasAccessKey: 'ram',
  rootMfaActive: 'ram',
  rootLastLogon: 'ram',
  rootAccessKeys: 'ram',
  credentialReport: 'ram',
  ramUsers: 'ram',
  ramPolicies: 'ram',
  securityCenter: 'sas',
  trails: 'actiontrail',
  ossBuckets: 'oss',
  slsProjects: 'sls',
};

const NESTED_TYPE_PRODUCTS: Record<string, string> = {
  AlibabaRamPasswordPolicy: 'ram',
  AlibabaRamSecurityPreference: 'ram',
  AlibabaRamAccessKey: 'ram',
  AlibabaRamAttachedPolicy: 'ram',
  AlibabaRootAccessKey: 'ram',
  AlibabaSecurityCenter: 'sas',
  AlibabaSecurityCenterNotice: 'sas',
  AlibabaSecurityCenterVulConfig: 'sas',
  AlibabaSecurityCenterLogMeta: 'sas',
  AlibabaSecurityCenterAgent: 'sas',
  AlibabaEcsSecurityGroupRule: 'ecs',
  AlibabaRdsSecurityIpGroup: 'rds',
  AlibabaAckAddon: 'cs',
  AlibabaAckClusterCheck: 'cs',
  AlibabaSlsAlertQuery: 'sls',
  AlibabaWafProtectedResource: 'waf',
};

/**
 * Products needed for the given type names and/or `Type.field` names (a check's read set: pass
 * `[...reads.types, ...reads.fields]` for the smallest plan). A bare `AlibabaAccount` with no
 * `AlibabaAccount.<field>` entries means every account-level setting (RAM and Security Center),
 * since checks read those as fields. Unknown names are ignored. STS (the account) is always included.
 */
export function productsForTypes(types: Iterable<string>): string[] {
  const out = new Set<string>(['sts']);
  let bareAccount = false;
  let accountFields = false;
  for (const entry of types) {
    const [type, field] = entry.split('.', 2) as [string, string | undefined];
    if (type === 'AlibabaAccount') {
      if (!field) bareAccount = true;
      else if (field === '*') {
        out.add('ram');
        out.add('sas');
        accountFields = true;
      } else {
        accountFields = true;
        const product = ACCOUNT_FIELD_PRODUCTS[field];
        if (product) out.add(product);
      }
      continue;
    }
    const nested = NESTED_TYPE_PRODUCTS[type];
    if (nested) out.add(nested);
    for (const [product, emitted] of Object.entries(ALIBABA_PRODUCT_TYPES)) {
      if (emitted.includes(type)) out.add(product);
    }
  }
  if (bareAccount && !accountFields) {
    out.add('ram');
    out.add('sas');
  }
  return ALIBABA_PRODUCTS.filter((p) => out.has(p));
}
