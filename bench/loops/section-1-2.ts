/** Plain-loop equivalents of the CIS Alibaba v2.0.0 checks of sections 1–2. */
import type { Asset } from '../../engine/index.js';
import type { LoopCheck, PlainWorld } from '../plain-world.js';

type Row = Record<string, unknown>;

const DAY_MS = 86_400_000;
const NINETY_DAYS_MS = 90 * DAY_MS;

/** 1.2: `callerArn: { matches: ":root$" }`. */
const ROOT_ARN = /:root$/;
/** 2.2: `acl: { nin: ["private", "default"] }`. */
const PRIVATE_ACLS: ReadonlySet<unknown> = new Set(['private', 'default']);

/** JSONata's $toMillis accepts exactly these timestamps (jsonata's own iso8601regex). */
const ISO_8601 = /^\d{4}(-[01]\d)?(-[0-3]\d)?(T[0-2]\d:[0-5]\d:[0-5]\d)?(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$/;

/** 1.5 / 1.6: a readable timestamp after the cutoff. */
function recent(value: unknown, cutoff: number): boolean {
  return typeof value === 'string' && ISO_8601.test(value) && Date.parse(value) > cutoff;
}

/**
 * 2.10–2.22: the benchmark's query terms each check requires of an alert's query (its `matches`
 * pattern, `/…/i` form, character for character). 2.10's title says RAM roles; its query watches
 * RAM policy changes.
 */
const ALERT_RAM_POLICY =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\bresourcemanager\b)(?=[\s\S]*\bram\b)))(?=[\s\S]*\bcreatepolicy\b)(?=[\s\S]*\bdeletepolicy\b)(?=[\s\S]*\bcreatepolicyversion\b)(?=[\s\S]*\bupdatepolicyversion\b)(?=[\s\S]*\bsetdefaultpolicyversion\b)(?=[\s\S]*\bdeletepolicyversion\b)/i;
const ALERT_CLOUD_FIREWALL =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\bcloudfw\b)))(?=[\s\S]*\bcreatevpcfirewallcontrolpolicy\b)(?=[\s\S]*\bdeletevpcfirewallcontrolpolicy\b)(?=[\s\S]*\bmodifyvpcfirewallcontrolpolicy\b)/i;
const ALERT_VPC_ROUTE =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\becs\b)(?=[\s\S]*\bvpc\b)))(?=[\s\S]*\bcreaterouteentry\b)(?=[\s\S]*\bdeleterouteentry\b)(?=[\s\S]*\bmodifyrouteentry\b)(?=[\s\S]*\bassociateroutetable\b)(?=[\s\S]*\bunassociateroutetable\b)/i;
const ALERT_VPC =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\becs\b)(?=[\s\S]*\bvpc\b)))(?=[\s\S]*\bcreatevpc\b)(?=[\s\S]*\bdeletevpc\b)(?=[\s\S]*\bdisablevpcclassiclink\b)(?=[\s\S]*\benablevpcclassiclink\b)(?=[\s\S]*\bdeletionprotection\b)(?=[\s\S]*\bassociatevpccidrblock\b)(?=[\s\S]*\bunassociatevpccidrblock\b)(?=[\s\S]*\brevokeinstancefromcen\b)(?=[\s\S]*\bcreatevswitch\b)(?=[\s\S]*\bdeletevswitch\b)/i;
const ALERT_OSS_PERMISSION =
  /^(?=[\s\S]*(?:\bputbucketacl\b|\bputbucket\b[\s\S]*\bacl\b|\bacl\b[\s\S]*\bputbucket\b))(?=[\s\S]*\bputobjectacl\b)/i;
const ALERT_RDS_CONFIG =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\brds\b)))(?=[\s\S]*\bmodifyhaswitchconfig\b)(?=[\s\S]*\bmodifydbinstancehaconfig\b)(?=[\s\S]*\bswitchdbinstanceha\b)(?=[\s\S]*\bmodifydbinstancespec\b)(?=[\s\S]*\bmigratesecurityipmode\b)(?=[\s\S]*\bmodifysecurityips\b)(?=[\s\S]*\bmodifydbinstancessl\b)(?=[\s\S]*\bmigratetootherzone\b)(?=[\s\S]*\bupgradedbinstancekernelversion\b)(?=[\s\S]*\bupgradedbinstanceengineversion\b)(?=[\s\S]*\bmodifydbinstancemaintaintime\b)(?=[\s\S]*\bmodifydbinstanceautoupgrademinorversion\b)(?=[\s\S]*\ballocateinstancepublicconnection\b)(?=[\s\S]*\bmodifydbinstanceconnectionstring\b)(?=[\s\S]*\bmodifydbinstancenetworkexpiretime\b)(?=[\s\S]*\breleaseinstancepublicconnection\b)(?=[\s\S]*\bswitchdbinstancenettype\b)(?=[\s\S]*\bmodifydbinstancenetworktype\b)(?=[\s\S]*\bmodifydtcsecurityiphostsforsqlserver\b)(?=[\s\S]*\bmodifysecuritygroupconfiguration\b)(?=[\s\S]*\bcreatebackup\b)(?=[\s\S]*\bmodifybackuppolicy\b)(?=[\s\S]*\bdeletebackup\b)(?=[\s\S]*\bcreateddrinstance\b)(?=[\s\S]*\bmodifyinstancecrossbackuppolicy\b)/i;
const ALERT_UNAUTHORIZED_API =
  /^(?=[\s\S]*\bapicall\b)(?=[\s\S]*\bnopermission\b)(?=[\s\S]*\bnopermission\.?\*)(?=[\s\S]*\bforbidden\b)(?=[\s\S]*\bforbidden\.?\*)(?=[\s\S]*\binvalidaccesskeyid\b)(?=[\s\S]*\binvalidaccesskeyid\.?\*)(?=[\s\S]*\binvalidsecuritytoken\b)(?=[\s\S]*\binvalidsecuritytoken\.?\*)(?=[\s\S]*\bsignaturedoesnotmatch\b)(?=[\s\S]*\binvalidauthorization\b)(?=[\s\S]*\baccessforbidden\b)(?=[\s\S]*\bnotauthorized\b)/i;
const ALERT_SIGNIN_WITHOUT_MFA = /^(?=[\s\S]*\bconsolesignin\b)(?=[\s\S]*\b(?:loginaccount|ismfachecked)\b)/i;
const ALERT_ROOT_USAGE = /^(?=[\s\S]*\bconsolesignin\b)(?=[\s\S]*\broot-account\b)/i;
const ALERT_AUTH_FAILURES = /^(?=[\s\S]*\bconsolesignin\b)(?=[\s\S]*\berrorcode\b)/i;
const ALERT_CMK_DISABLE_DELETE =
  /^(?:(?:(?![\s\S]*\bservicename\b)|(?=[\s\S]*\bkms\b)))(?=[\s\S]*\bdisablekey\b)(?=[\s\S]*\bschedulekeydeletion\b)(?=[\s\S]*\bdeletekeymaterial\b)/i;
const ALERT_OSS_BUCKET_POLICY =
  /^(?=[\s\S]*\bputbucketlifecycle\b)(?=[\s\S]*\bputbucketpolicy\b)(?=[\s\S]*\bputbucketcors\b)(?=[\s\S]*\bputbucketencryption\b)(?=[\s\S]*\bputbucketreplication\b)(?=[\s\S]*\bdeletebucketpolicy\b)(?=[\s\S]*\bdeletebucketcors\b)(?=[\s\S]*\bdeletebucketlifecycle\b)(?=[\s\S]*\bdeletebucketencryption\b)(?=[\s\S]*\bdeletebucketreplication\b)/i;
const ALERT_SECURITY_GROUP =
  /^(?=[\s\S]*\bcreatesecuritygroup\b)(?=[\s\S]*\bauthorizesecuritygroup\b)(?=[\s\S]*\bauthorizesecuritygroupegress\b)(?=[\s\S]*\brevokesecuritygroup\b)(?=[\s\S]*\brevokesecuritygroupegress\b)(?=[\s\S]*\bjoinsecuritygroup\b)(?=[\s\S]*\bleavesecuritygroup\b)(?=[\s\S]*\bdeletesecuritygroup\b)(?=[\s\S]*\bmodifysecuritygrouppolicy\b)/i;
/** 2.10–2.13, 2.15–2.22: the ActionTrail log (`store: { matches: "/actiontrail/i" }`). */
const ACTIONTRAIL_STORE = /actiontrail/i;
/** 2.14: the OSS access log (`store: { matches: "/(^|[^a-z])oss([^a-z]|$)/i" }`). */
const OSS_LOG_STORE = /(^|[^a-z])oss([^a-z]|$)/i;
/** The Log Audit Service central project: `slsaudit-center-<account>-<region>`. */
const LOG_AUDIT_CENTRAL = 'slsaudit-center-';

/** A list filter (`isEmpty: false`): a missing or non-list value counts as []. */
function nonEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** `lt: bound` on an Int field: false for null and for values of another type. */
function numberBelow(value: unknown, bound: number): boolean {
  return typeof value === 'number' && value < bound;
}

/** JSONata `"<root>" in credentialReport.user`: the path maps over (nested) arrays and flattens. */
function reportHasUser(report: unknown, user: string): boolean {
  if (report == null || typeof report !== 'object') return false;
  if (Array.isArray(report)) {
    for (const row of report) if (reportHasUser(row, user)) return true;
    return false;
  }
  const value = (report as Row).user;
  if (Array.isArray(value)) {
    for (const v of value) if (v === user || (Array.isArray(v) && v.includes(user))) return true;
    return false;
  }
  return value === user;
}

/**
 * Whether an SLS project has an enabled alert with a query matching `query` on a logstore
 * matching `store` (an alert query with no store counts).
 */
function projectHasAlert(world: PlainWorld, project: Asset, query: RegExp, store: RegExp): boolean {
  for (const alert of world.targets(project, 'alerts')) {
    if (alert.enabled !== true) continue;
    const queries = alert.queries;
    if (!Array.isArray(queries)) continue;
    for (const q of queries as Array<Row | null>) {
      if (q == null || typeof q.query !== 'string') continue;
      const s = q.store;
      if ((s == null || (typeof s === 'string' && store.test(s))) && query.test(q.query)) return true;
    }
  }
  return false;
}

/**
 * 2.10–2.13, 2.15–2.22: the accounts with no enabled alert whose query matches `query` on the
 * ActionTrail log, neither in a project one of their trails delivers to nor in a Log Audit
 * Service central project of theirs.
 */
function accountsWithoutAlert(world: PlainWorld, query: RegExp): string[] {
  const out: string[] = [];
  for (const account of world.of('AlibabaAccount')) {
    let found = false;
    for (const trail of world.targets(account, 'trails')) {
      const project = world.target(trail, 'slsProject');
      if (project !== null && projectHasAlert(world, project, query, ACTIONTRAIL_STORE)) {
        found = true;
        break;
      }
    }
    if (!found) {
      for (const project of world.targets(account, 'slsProjects')) {
        const name = project.name;
        if (typeof name === 'string' && name.startsWith(LOG_AUDIT_CENTRAL) && projectHasAlert(world, project, query, ACTIONTRAIL_STORE)) {
          found = true;
          break;
        }
      }
    }
    if (!found) out.push(account.id);
  }
  return out;
}

/** 2.14: the accounts with no enabled alert whose query matches `query` on an OSS log, in any project of theirs. */
function accountsWithoutOssLogAlert(world: PlainWorld, query: RegExp): string[] {
  const out: string[] = [];
  for (const account of world.of('AlibabaAccount')) {
    let found = false;
    for (const project of world.targets(account, 'slsProjects')) {
      if (projectHasAlert(world, project, query, OSS_LOG_STORE)) {
        found = true;
        break;
      }
    }
    if (!found) out.push(account.id);
  }
  return out;
}

/** 1.7–1.10: accounts whose password policy is unknown or lacks `flag: true`. */
function passwordPolicyFlagOff(world: PlainWorld, flag: string): string[] {
  const out: string[] = [];
  for (const account of world.of('AlibabaAccount')) {
    const policy = account.passwordPolicy as Row | null | undefined;
    if (policy == null || policy[flag] !== true) out.push(account.id);
  }
  return out;
}

/** 1.11/1.12: accounts whose password policy is unknown, or whose `field` is unknown or below `min`. */
function passwordPolicyBelow(world: PlainWorld, field: string, min: number): string[] {
  const out: string[] = [];
  for (const account of world.of('AlibabaAccount')) {
    const policy = account.passwordPolicy as Row | null | undefined;
    if (policy == null) {
      out.push(account.id);
      continue;
    }
    const value = policy[field];
    if (value == null || numberBelow(value, min)) out.push(account.id);
  }
  return out;
}

/** Assets of `type` whose boolean `field` is not `true` (`{ field: { ne: true } }`). */
function notTrue(world: PlainWorld, type: string, field: string): string[] {
  const out: string[] = [];
  for (const asset of world.of(type)) if (asset[field] !== true) out.push(asset.id);
  return out;
}

export const SECTION_1_2_LOOPS: LoopCheck[] = [
  {
    // 1.1-avoid-root-account-use.graphql
    id: 'alibaba-cis-1.1',
    run(world, now) {
      const since = now - NINETY_DAYS_MS;
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        if (!reportHasUser(account.credentialReport, '<root>')) {
          out.push(account.id);
          continue;
        }
        const logon = account.rootLastLogon;
        if (logon != null && Date.parse(logon as string) > since) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 1.2-no-root-access-key.graphql
    id: 'alibaba-cis-1.2',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const callerArn = account.callerArn;
        if (
          nonEmptyList(account.rootAccessKeys) ||
          account.rootHasAccessKey === true ||
          account.rootHasAccessKey == null ||
          (typeof callerArn === 'string' && ROOT_ARN.test(callerArn) && nonEmptyList(account.callerAccessKeys))
        ) {
          out.push(account.id);
        }
      }
      return out;
    },
  },
  {
    // 1.3-root-mfa-enabled.graphql
    id: 'alibaba-cis-1.3',
    run: (world) => notTrue(world, 'AlibabaAccount', 'rootMfaActive'),
  },
  {
    // 1.4-mfa-for-console-users.graphql
    id: 'alibaba-cis-1.4',
    run(world) {
      const out: string[] = [];
      for (const user of world.of('AlibabaRamUser')) {
        if (user.consoleLogin !== false && user.mfaEnabled !== true) out.push(user.id);
      }
      return out;
    },
  },
  {
    // 1.5-disable-inactive-console-users.graphql
    id: 'alibaba-cis-1.5',
    run(world, now) {
      const cutoff = now - NINETY_DAYS_MS;
      const out: string[] = [];
      for (const user of world.of('AlibabaRamUser')) {
        if (user.consoleLogin === false) continue;
        const since = typeof user.lastLoginDate === 'string' ? user.lastLoginDate : user.createDate;
        // Only a readable, recent timestamp passes: missing, null or unreadable fails closed.
        if (!recent(since, cutoff)) out.push(user.id);
      }
      return out;
    },
  },
  {
    // 1.6-access-keys-rotated-90-days.graphql
    id: 'alibaba-cis-1.6',
    run(world, now) {
      const cutoff = now - NINETY_DAYS_MS;
      const out: string[] = [];
      for (const user of world.of('AlibabaRamUser')) {
        const keys = user.accessKeys;
        if (!Array.isArray(keys)) continue;
        // The where's `some: { active: { eq: true } }` is implied by the JSONata predicate below.
        for (const key of keys as Array<Row | null>) {
          if (key == null || key.active !== true) continue;
          if (!recent(key.createDate, cutoff)) {
            out.push(user.id);
            break;
          }
        }
      }
      return out;
    },
  },
  {
    // 1.7-password-policy-uppercase.graphql
    id: 'alibaba-cis-1.7',
    run: (world) => passwordPolicyFlagOff(world, 'requireUppercaseCharacters'),
  },
  {
    // 1.8-password-policy-lowercase.graphql
    id: 'alibaba-cis-1.8',
    run: (world) => passwordPolicyFlagOff(world, 'requireLowercaseCharacters'),
  },
  {
    // 1.9-password-policy-symbol.graphql
    id: 'alibaba-cis-1.9',
    run: (world) => passwordPolicyFlagOff(world, 'requireSymbols'),
  },
  {
    // 1.10-password-policy-number.graphql
    id: 'alibaba-cis-1.10',
    run: (world) => passwordPolicyFlagOff(world, 'requireNumbers'),
  },
  {
    // 1.11-password-policy-minimum-length-14.graphql
    id: 'alibaba-cis-1.11',
    run: (world) => passwordPolicyBelow(world, 'minimumPasswordLength', 14),
  },
  {
    // 1.12-password-policy-prevents-reuse.graphql
    id: 'alibaba-cis-1.12',
    run: (world) => passwordPolicyBelow(world, 'passwordReusePrevention', 5),
  },
  {
    // 1.13-password-policy-expiry-365-days.graphql
    id: 'alibaba-cis-1.13',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const policy = account.passwordPolicy as Row | null | undefined;
        if (policy == null) {
          out.push(account.id);
          continue;
        }
        const age = policy.maxPasswordAge;
        if (age == null || (age !== 0 && numberBelow(age, 365))) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 1.14-password-policy-lockout-5-attempts.graphql
    id: 'alibaba-cis-1.14',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const policy = account.passwordPolicy as Row | null | undefined;
        if (policy == null) {
          out.push(account.id);
          continue;
        }
        const attempts = policy.maxLoginAttempts;
        if (attempts == null || (typeof attempts === 'number' && (attempts < 1 || attempts > 5))) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 1.15-no-full-admin-policies.graphql
    id: 'alibaba-cis-1.15',
    run(world) {
      const out: string[] = [];
      for (const policy of world.of('AlibabaRamPolicy')) if (policy.allowsFullAdmin !== false) out.push(policy.id);
      return out;
    },
  },
  {
    // 1.16-policies-attached-only-to-groups-or-roles.graphql
    id: 'alibaba-cis-1.16',
    run(world) {
      const out: string[] = [];
      for (const user of world.of('AlibabaRamUser')) {
        const attached = user.attachedPolicies;
        if (attached == null || nonEmptyList(attached)) out.push(user.id);
      }
      return out;
    },
  },
  {
    // 2.1-actiontrail-export-all-logs.graphql
    id: 'alibaba-cis-2.1',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        let ok = false;
        for (const t of world.targets(account, 'trails')) {
          if (
            t.trailRegion === 'All' &&
            t.eventRW === 'All' &&
            t.status === 'Enable' &&
            t.isLogging === true &&
            (t.ossBucketName != null || t.slsProjectArn != null) &&
            // Another account's trail counts only as an organization trail.
            (t.ownedByOtherAccount !== true || t.isOrganizationTrail === true)
          ) {
            ok = true;
            break;
          }
        }
        if (!ok) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 2.2-actiontrail-oss-bucket-not-public.graphql
    id: 'alibaba-cis-2.2',
    run(world) {
      const out: string[] = [];
      for (const trail of world.of('AlibabaActionTrail')) {
        if (trail.ossBucketName == null) continue;
        const bucket: Asset | null = world.target(trail, 'ossBucket');
        if (
          bucket === null ||
          (bucket.publicAccessBlocked !== true && (!PRIVATE_ACLS.has(bucket.acl) || bucket.publicByPolicy !== false))
        ) {
          out.push(trail.id);
        }
      }
      return out;
    },
  },
  {
    // 2.4-ack-log-service-enabled.graphql
    id: 'alibaba-cis-2.4',
    run(world) {
      const out: string[] = [];
      for (const cluster of world.of('AlibabaAckCluster')) {
        const project = cluster.auditProjectName;
        if (project == null || project === '') out.push(cluster.id);
      }
      return out;
    },
  },
  {
    // 2.5-virtual-network-flow-log-enabled.graphql
    id: 'alibaba-cis-2.5',
    run(world) {
      const out: string[] = [];
      for (const vpc of world.of('AlibabaVpc')) {
        let active = false;
        for (const flowLog of world.targets(vpc, 'flowLogs')) {
          if (flowLog.active === true) {
            active = true;
            break;
          }
        }
        if (!active) out.push(vpc.id);
      }
      return out;
    },
  },
  {
    // 2.6-anti-ddos-log-service-enabled.graphql
    id: 'alibaba-cis-2.6',
    run(world) {
      const out: string[] = [];
      for (const domain of world.of('AlibabaDdosCooDomain')) {
        if (domain.logEnabled !== true || domain.logServiceAuthorized !== true) out.push(domain.id);
      }
      return out;
    },
  },
  {
    // 2.7-waf-log-service-enabled.graphql
    id: 'alibaba-cis-2.7',
    run(world) {
      const out: string[] = [];
      for (const waf of world.of('AlibabaWafInstance')) {
        if (waf.logServiceEnabled !== true || waf.resources == null) {
          out.push(waf.id);
          continue;
        }
        const resources = waf.resources;
        if (!Array.isArray(resources)) continue;
        for (const r of resources as Array<Row | null>) {
          if (r != null && r.logEnabled !== true) {
            out.push(waf.id);
            break;
          }
        }
      }
      return out;
    },
  },
  {
    // 2.8-cloud-firewall-log-analysis-enabled.graphql
    id: 'alibaba-cis-2.8',
    run: (world) => notTrue(world, 'AlibabaCloudFirewall', 'logAnalysisEnabled'),
  },
  {
    // 2.9-security-center-log-analysis-enabled.graphql
    id: 'alibaba-cis-2.9',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sas = account.securityCenter as Row | null | undefined;
        // Each of network, host and security must be a log group enabled on every site (the
        // collector's logGroupsEnabled); not collected (null, missing) fails.
        const groups = sas == null ? null : sas.logGroupsEnabled;
        if (groups == null) {
          out.push(account.id);
          continue;
        }
        const list: readonly unknown[] = Array.isArray(groups) ? groups : [groups];
        if (!(list.includes('network') && list.includes('host') && list.includes('security'))) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 2.10-alert-ram-role-changes.graphql
    id: 'alibaba-cis-2.10',
    run: (world) => accountsWithoutAlert(world, ALERT_RAM_POLICY),
  },
  {
    // 2.11-alert-cloud-firewall-changes.graphql
    id: 'alibaba-cis-2.11',
    run: (world) => accountsWithoutAlert(world, ALERT_CLOUD_FIREWALL),
  },
  {
    // 2.12-alert-vpc-route-changes.graphql
    id: 'alibaba-cis-2.12',
    run: (world) => accountsWithoutAlert(world, ALERT_VPC_ROUTE),
  },
  {
    // 2.13-alert-vpc-changes.graphql
    id: 'alibaba-cis-2.13',
    run: (world) => accountsWithoutAlert(world, ALERT_VPC),
  },
  {
    // 2.14-alert-oss-permission-changes.graphql
    id: 'alibaba-cis-2.14',
    run: (world) => accountsWithoutOssLogAlert(world, ALERT_OSS_PERMISSION),
  },
  {
    // 2.15-alert-rds-configuration-changes.graphql
    id: 'alibaba-cis-2.15',
    run: (world) => accountsWithoutAlert(world, ALERT_RDS_CONFIG),
  },
  {
    // 2.16-alert-unauthorized-api-calls.graphql
    id: 'alibaba-cis-2.16',
    run: (world) => accountsWithoutAlert(world, ALERT_UNAUTHORIZED_API),
  },
  {
    // 2.17-alert-console-signin-without-mfa.graphql
    id: 'alibaba-cis-2.17',
    run: (world) => accountsWithoutAlert(world, ALERT_SIGNIN_WITHOUT_MFA),
  },
  {
    // 2.18-alert-root-account-usage.graphql
    id: 'alibaba-cis-2.18',
    run: (world) => accountsWithoutAlert(world, ALERT_ROOT_USAGE),
  },
  {
    // 2.19-alert-console-authentication-failures.graphql
    id: 'alibaba-cis-2.19',
    run: (world) => accountsWithoutAlert(world, ALERT_AUTH_FAILURES),
  },
  {
    // 2.20-alert-cmk-disable-or-delete.graphql
    id: 'alibaba-cis-2.20',
    run: (world) => accountsWithoutAlert(world, ALERT_CMK_DISABLE_DELETE),
  },
  {
    // 2.21-alert-oss-bucket-policy-changes.graphql
    id: 'alibaba-cis-2.21',
    run: (world) => accountsWithoutAlert(world, ALERT_OSS_BUCKET_POLICY),
  },
  {
    // 2.22-alert-security-group-changes.graphql
    id: 'alibaba-cis-2.22',
    run: (world) => accountsWithoutAlert(world, ALERT_SECURITY_GROUP),
  },
  {
    // 2.23-logstore-retention-365-days.graphql
    id: 'alibaba-cis-2.23',
    run(world) {
      const out: string[] = [];
      for (const logstore of world.of('AlibabaSlsLogstore')) {
        const ttl = logstore.ttl;
        if (ttl == null || numberBelow(ttl, 365)) out.push(logstore.id);
      }
      return out;
    },
  },
];
