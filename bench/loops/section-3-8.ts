/** Plain-loop equivalents of the CIS Alibaba v2.0.0 checks of sections 3–8. */
import type { Asset } from '../../engine/index.js';
import type { LoopCheck, LoopScope, PlainWorld } from '../plain-world.js';

type Obj = Record<string, unknown>;

const DAY_MS = 86_400_000;

// Security-group rule logic shared by 3.2, 4.3 and 4.4 (JSONata: $any4, Drop policies, protocols).
const ANY4: ReadonlySet<unknown> = new Set(['0.0.0.0/0', '0.0.0.0']);
const DROP: ReadonlySet<unknown> = new Set(['Drop', 'drop', 'DROP']);
const NOT_TCP: ReadonlySet<unknown> = new Set(['UDP', 'ICMP', 'ICMPV6', 'GRE']);
const DROP_PROTOCOLS: ReadonlySet<unknown> = new Set(['TCP', 'ALL']);
/** 3.2 weighs ports 22 and 3389 (the benchmark's wording); 4.3 and 4.4 one each. */
const SSH_RDP: readonly number[] = [22, 3389];
const SSH: readonly number[] = [22];
const RDP: readonly number[] = [3389];

/** 3.3: `trafficType: { in: ["All", "Drop"] }` (a flow log that captures rejected traffic). */
const REJECTED_TRAFFIC: ReadonlySet<unknown> = new Set(['All', 'Drop']);
const OSS_PRIVATE_ACL: ReadonlySet<unknown> = new Set(['private', 'default']);
const DIGITS = /^[0-9]+$/;
/** 6.3/6.4: engines that cannot run SQL audit (the scope's `matches` patterns). */
const MARIADB = /^mariadb/i;
const SQLSERVER = /^sqlserver$/i;
const SQLSERVER_NO_AUDIT = /^(2012|2016|2017)/;
/** 6.7–6.9: the scope's `engine: { matches: "/^postgre(s|sql)$/i" }`. */
const POSTGRES = /^postgre(s|sql)$/i;
const VUL_TYPES = ['cve', 'sys', 'cms', 'app', 'emg'] as const;
/** 8.7: the scan levels the benchmark names: asap (high) and later (medium). */
const VUL_SCAN_LEVELS = ['asap', 'later'] as const;
/** 8.5: the high-risk notification items the benchmark names. */
const HIGH_RISK_NOTICES = ['sas_vulnerability', 'yundun_sas_vul_Emergency', 'sas_healthcheck', 'sas_suspicious', 'yundun_sas_ak_leakage'] as const;
/** A Security Center without sites read: one site, "", that every item matches. */
const ANY_SITE: readonly unknown[] = [''];
const OS_VUL_TYPES = ['cve', 'sys'] as const;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object';
}

/**
 * JSONata `parent.key` as the last step of a path: undefined when missing; over an array it maps
 * and flattens (one result unwraps; a single array result stays that array).
 */
function lastStep(parent: unknown, key: string): unknown {
  if (!isObj(parent)) return undefined;
  if (!Array.isArray(parent)) return parent[key];
  let first: unknown;
  let out: unknown[] | undefined;
  let n = 0;
  for (const item of parent) {
    if (!isObj(item) || Array.isArray(item)) continue;
    const v = item[key];
    if (v === undefined) continue;
    if (n === 0) first = v;
    else {
      if (!out) out = Array.isArray(first) ? [...first] : [first];
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    n++;
  }
  return n === 0 ? undefined : n === 1 ? first : out;
}

/** A JSONata sequence of a field's value: a list as is, nothing for undefined, else the one value. */
function listOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

/** 8.5/8.7: `$count(securityCenter.sites) > 0 ? securityCenter.sites : [""]`. */
function sitesOf(sc: Obj | undefined): readonly unknown[] {
  const sites = sc === undefined ? undefined : listOf(sc.sites);
  return sites === undefined || sites.length === 0 ? ANY_SITE : sites;
}

/**
 * 8.5/8.7: whether, for every item of `wanted` and every site, some entry of `list` has
 * `key` = the item, passes `ok`, and is of that site (site "" matches any).
 */
function everyOnEverySite(list: readonly unknown[], sites: readonly unknown[], key: string, wanted: readonly string[], ok: (entry: Obj) => boolean): boolean {
  for (const item of wanted) {
    for (const site of sites) {
      let found = false;
      for (const c of list) {
        if (isObj(c) && c[key] === item && ok(c) && (site === '' || c.site === site)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
  }
  return true;
}

/** 8.5: a notification item with a channel (`route > 0`). */
function routed(c: Obj): boolean {
  return typeof c.route === 'number' && c.route > 0;
}

/** 8.7: a vulnerability type whose scheduled scan is on. */
function configOn(c: Obj): boolean {
  return c.config === 'on';
}

/** JSONata `$lowercase($string(v)) = "on"`: only a string can stringify to "on". */
function isOn(v: unknown): boolean {
  return typeof v === 'string' && v.toLowerCase() === 'on';
}

// JSONata $covers: port -1 means every port; otherwise both ends must be numbers around p.
function covers(r: Obj, p: number): boolean {
  const from = r.portFrom;
  const to = r.portTo;
  return from === -1 || (typeof from === 'number' && typeof to === 'number' && from <= p && to >= p);
}

function nic(r: Obj): unknown {
  return r.nicType ? r.nicType : '';
}

/**
 * 3.2 / 4.3 / 4.4: groups whose rules are not a list (missing, null: not read), or that have an
 * internet Accept rule reaching one of `ports` that no ingress Drop rule of the same or higher
 * priority shadows for that port.
 */
function internetReachable(world: PlainWorld, ports: readonly number[]): string[] {
  const out: string[] = [];
  for (const group of world.of('AlibabaEcsSecurityGroup')) {
    const rules = group.rules;
    if (!Array.isArray(rules)) {
      out.push(group.id);
      continue;
    }
    let open = false;
    for (const a of rules as unknown[]) {
      if (!isObj(a)) continue;
      if (
        a.direction === 'egress' ||
        DROP.has(a.policy) ||
        NOT_TCP.has(a.ipProtocol) ||
        !(ANY4.has(a.sourceCidrIp) || a.ipv6SourceCidrIp === '::/0')
      ) {
        continue;
      }
      // An Accept rule from the internet: does it reach a port that no Drop rule shadows there?
      const ap = a.priority;
      const a4 = ANY4.has(a.sourceCidrIp);
      const an = nic(a);
      for (const port of ports) {
        if (typeof a.portFrom === 'number' && !covers(a, port)) continue;
        let shadowed = false;
        if (typeof ap === 'number') {
          for (const d of rules as unknown[]) {
            if (
              isObj(d) &&
              d.direction === 'ingress' &&
              DROP.has(d.policy) &&
              DROP_PROTOCOLS.has(d.ipProtocol) &&
              typeof d.priority === 'number' &&
              d.priority <= ap &&
              covers(d, port) &&
              nic(d) === an &&
              (a4 ? ANY4.has(d.sourceCidrIp) : d.ipv6SourceCidrIp === '::/0')
            ) {
              shadowed = true;
              break;
            }
          }
        }
        if (!shadowed) {
          open = true;
          break;
        }
      }
      if (open) break;
    }
    if (open) out.push(group.id);
  }
  return out;
}

/** Assets of `type` whose `field` is not strictly `value` (`{ field: { ne: value } }`). */
function whereNe(world: PlainWorld, type: string, field: string, value: unknown): string[] {
  const out: string[] = [];
  for (const asset of world.of(type)) if (asset[field] !== value) out.push(asset.id);
  return out;
}

/** 6.3/6.4's scope: instances whose engine can run SQL audit (not MariaDB, not SQL Server 2012/2016/2017). */
const RDS_AUDITABLE: LoopScope = {
  type: 'AlibabaRdsInstance',
  has(db) {
    const engine = db.engine;
    if (typeof engine !== 'string') return true;
    if (MARIADB.test(engine)) return false;
    const version = db.engineVersion;
    return !(SQLSERVER.test(engine) && typeof version === 'string' && SQLSERVER_NO_AUDIT.test(version));
  },
};

/** 6.7–6.9's scope: PostgreSQL instances. */
const RDS_POSTGRES: LoopScope = {
  type: 'AlibabaRdsInstance',
  has(db) {
    const engine = db.engine;
    return typeof engine === 'string' && POSTGRES.test(engine);
  },
};

/** 6.7–6.9: PostgreSQL instances whose `parameters.<name>` is not "on" (any case). */
function postgresParamOff(world: PlainWorld, name: string): string[] {
  const out: string[] = [];
  for (const db of world.of('AlibabaRdsInstance')) {
    if (RDS_POSTGRES.has(db) && !isOn(lastStep(db.parameters, name))) out.push(db.id);
  }
  return out;
}

/** A key's `creator` matches ^[0-9]+$ (a customer-managed key). */
function customerKey(key: Asset | null): boolean {
  if (key === null) return false;
  const creator = key.creator;
  return typeof creator === 'string' && DIGITS.test(creator);
}

/** 5.8: a key a service created (`creator` known and not an account id). */
function serviceCreatedKey(key: Asset | null): boolean {
  if (key === null) return false;
  const creator = key.creator;
  return creator != null && !(typeof creator === 'string' && DIGITS.test(creator));
}

export const SECTION_3_8_LOOPS: LoopCheck[] = [
  {
    // 3.1-legacy-networks-do-not-exist.graphql
    id: 'alibaba-cis-3.1',
    run(world) {
      return whereNe(world, 'AlibabaEcsInstance', 'instanceNetworkType', 'vpc');
    },
  },
  {
    // 3.2-ssh-restricted-from-internet.graphql
    id: 'alibaba-cis-3.2',
    run(world) {
      return internetReachable(world, SSH_RDP);
    },
  },
  {
    // 3.3-vpc-flow-logging-enabled.graphql
    id: 'alibaba-cis-3.3',
    run(world) {
      const out: string[] = [];
      for (const vpc of world.of('AlibabaVpc')) {
        let ok = false;
        for (const f of world.targets(vpc, 'flowLogs')) {
          if (f.active === true && f.resourceType === 'VPC' && REJECTED_TRAFFIC.has(f.trafficType) && f.businessStatus !== 'FinancialLocked') {
            ok = true;
            break;
          }
        }
        if (!ok) out.push(vpc.id);
      }
      return out;
    },
  },
  {
    // 4.1-unattached-disks-encrypted.graphql
    id: 'alibaba-cis-4.1',
    run(world) {
      const out: string[] = [];
      for (const disk of world.of('AlibabaEcsDisk')) if (disk.status === 'Available' && disk.encrypted !== true) out.push(disk.id);
      return out;
    },
  },
  {
    // 4.2-virtual-machine-disks-encrypted.graphql
    id: 'alibaba-cis-4.2',
    run(world) {
      const out: string[] = [];
      for (const disk of world.of('AlibabaEcsDisk')) if (disk.status !== 'Available' && disk.encrypted !== true) out.push(disk.id);
      return out;
    },
  },
  {
    // 4.3-no-security-group-ingress-to-port-22.graphql
    id: 'alibaba-cis-4.3',
    run(world) {
      return internetReachable(world, SSH);
    },
  },
  {
    // 4.4-no-security-group-ingress-to-port-3389.graphql
    id: 'alibaba-cis-4.4',
    run(world) {
      return internetReachable(world, RDP);
    },
  },
  {
    // 4.5-latest-os-patches-applied.graphql
    id: 'alibaba-cis-4.5',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sc = account.securityCenter;
        if (!isObj(sc) || Array.isArray(sc)) {
          out.push(account.id);
          continue;
        }
        const vulns = sc.osVulnerabilities;
        const agents = sc.agents;
        const configs = sc.vulConfigs;
        if (!Array.isArray(vulns) || !Array.isArray(agents) || !Array.isArray(configs)) {
          out.push(account.id);
          continue;
        }
        let bad = false;
        for (const v of vulns as unknown[]) {
          if (!isObj(v) || v.necessity !== 'nntf') {
            bad = true;
            break;
          }
        }
        if (!bad) {
          for (const g of agents as unknown[]) {
            if (isObj(g) && typeof g.instanceId === 'string' && g.instanceId.startsWith('i-') && g.online !== true) {
              bad = true;
              break;
            }
          }
        }
        if (!bad) {
          for (const type of OS_VUL_TYPES) {
            let on = false;
            for (const c of configs as unknown[]) {
              if (isObj(c) && c.config === 'on' && (c.type === type || (Array.isArray(c.type) && c.type.includes(type)))) {
                on = true;
                break;
              }
            }
            if (!on) {
              bad = true;
              break;
            }
          }
        }
        if (bad) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 4.6-endpoint-protection-on-all-vms.graphql
    id: 'alibaba-cis-4.6',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sc = account.securityCenter as Obj | null | undefined;
        if (sc == null || sc.agents == null) {
          out.push(account.id);
          continue;
        }
        const agents = sc.agents;
        if (!Array.isArray(agents)) continue;
        for (const g of agents as unknown[]) {
          if (isObj(g) && typeof g.instanceId === 'string' && g.instanceId.startsWith('i-') && g.online !== true) {
            out.push(account.id);
            break;
          }
        }
      }
      return out;
    },
  },
  {
    // 5.1-oss-bucket-not-publicly-accessible.graphql
    id: 'alibaba-cis-5.1',
    run(world) {
      const out: string[] = [];
      for (const b of world.of('AlibabaOssBucket')) {
        if (b.publicAccessBlocked !== true && (!OSS_PRIVATE_ACL.has(b.acl) || b.publicByPolicy !== false)) out.push(b.id);
      }
      return out;
    },
  },
  {
    // 5.3-oss-bucket-logging-enabled.graphql
    id: 'alibaba-cis-5.3',
    run(world) {
      return whereNe(world, 'AlibabaOssBucket', 'loggingEnabled', true);
    },
  },
  {
    // 5.4-oss-secure-transfer-required.graphql
    id: 'alibaba-cis-5.4',
    run(world) {
      return whereNe(world, 'AlibabaOssBucket', 'secureTransportRequired', true);
    },
  },
  {
    // 5.7-oss-network-access-restricted.graphql
    id: 'alibaba-cis-5.7',
    run(world) {
      return whereNe(world, 'AlibabaOssBucket', 'networkRestricted', true);
    },
  },
  {
    // 5.8-oss-sse-service-key.graphql
    id: 'alibaba-cis-5.8',
    run(world) {
      const out: string[] = [];
      for (const b of world.of('AlibabaOssBucket')) {
        // SSE-KMS with Alibaba's service key: no key id (alias/acs/oss) or a key a service created.
        if (!(b.encryption === 'KMS' && (b.kmsMasterKeyId == null || serviceCreatedKey(world.target(b, 'kmsKey'))))) out.push(b.id);
      }
      return out;
    },
  },
  {
    // 5.9-oss-sse-byok.graphql
    id: 'alibaba-cis-5.9',
    run(world) {
      const out: string[] = [];
      for (const b of world.of('AlibabaOssBucket')) {
        if (!(b.encryption === 'KMS' && b.kmsMasterKeyId != null && customerKey(world.target(b, 'kmsKey')))) out.push(b.id);
      }
      return out;
    },
  },
  {
    // 6.1-rds-ssl-required.graphql
    id: 'alibaba-cis-6.1',
    run(world) {
      return whereNe(world, 'AlibabaRdsInstance', 'sslEnabled', true);
    },
  },
  {
    // 6.2-rds-not-open-to-world.graphql
    id: 'alibaba-cis-6.2',
    run(world) {
      return whereNe(world, 'AlibabaRdsInstance', 'openToWorld', false);
    },
  },
  {
    // 6.3-rds-auditing-on.graphql
    id: 'alibaba-cis-6.3',
    scope: RDS_AUDITABLE,
    run(world) {
      const out: string[] = [];
      for (const db of world.of('AlibabaRdsInstance')) if (db.sqlCollectorEnabled !== true && RDS_AUDITABLE.has(db)) out.push(db.id);
      return out;
    },
  },
  {
    // 6.4-rds-audit-retention-over-6-months.graphql
    id: 'alibaba-cis-6.4',
    scope: RDS_AUDITABLE,
    run(world) {
      const out: string[] = [];
      for (const db of world.of('AlibabaRdsInstance')) {
        const days = db.sqlCollectorRetentionDays;
        // Six months or longer passes: 180 days does.
        if ((days == null || (typeof days === 'number' && days < 180)) && RDS_AUDITABLE.has(db)) out.push(db.id);
      }
      return out;
    },
  },
  {
    // 6.5-rds-tde-enabled.graphql
    id: 'alibaba-cis-6.5',
    run(world) {
      return whereNe(world, 'AlibabaRdsInstance', 'tdeEnabled', true);
    },
  },
  {
    // 6.6-rds-tde-byok.graphql
    id: 'alibaba-cis-6.6',
    run(world) {
      const out: string[] = [];
      for (const db of world.of('AlibabaRdsInstance')) {
        if (!(db.tdeEnabled === true && customerKey(world.target(db, 'tdeKey')))) out.push(db.id);
      }
      return out;
    },
  },
  {
    // 6.7-postgresql-log-connections-on.graphql
    id: 'alibaba-cis-6.7',
    scope: RDS_POSTGRES,
    run(world) {
      return postgresParamOff(world, 'log_connections');
    },
  },
  {
    // 6.8-postgresql-log-disconnections-on.graphql
    id: 'alibaba-cis-6.8',
    scope: RDS_POSTGRES,
    run(world) {
      return postgresParamOff(world, 'log_disconnections');
    },
  },
  {
    // 6.9-postgresql-log-duration-on.graphql
    id: 'alibaba-cis-6.9',
    scope: RDS_POSTGRES,
    run(world) {
      return postgresParamOff(world, 'log_duration');
    },
  },
  {
    // 7.1-ack-log-service-enabled.graphql
    id: 'alibaba-cis-7.1',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'logServiceEnabled', true);
    },
  },
  {
    // 7.2-ack-cloudmonitor-enabled.graphql
    id: 'alibaba-cis-7.2',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'cloudMonitorEnabled', true);
    },
  },
  {
    // 7.3-ack-rbac-enabled.graphql
    id: 'alibaba-cis-7.3',
    run(world) {
      const out: string[] = [];
      for (const c of world.of('AlibabaAckCluster')) {
        if (!(lastStep(c.metaData, 'RBACEnabled') === true || c.clusterType === 'ManagedKubernetes')) out.push(c.id);
      }
      return out;
    },
  },
  {
    // 7.4-ack-cluster-check-weekly.graphql
    id: 'alibaba-cis-7.4',
    run(world, now) {
      const out: string[] = [];
      const cutoff = now - 7 * DAY_MS;
      for (const c of world.of('AlibabaAckCluster')) {
        const t = c.lastClusterCheckTime;
        // No time (null, missing, not text) fails closed.
        if (typeof t !== 'string' || Date.parse(t) < cutoff) out.push(c.id);
      }
      return out;
    },
  },
  {
    // 7.5-ack-dashboard-disabled.graphql
    id: 'alibaba-cis-7.5',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'dashboardEnabled', false);
    },
  },
  {
    // 7.7-ack-network-policy-enabled.graphql
    id: 'alibaba-cis-7.7',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'networkPolicyEnabled', true);
    },
  },
  {
    // 7.8-ack-eni-multiple-ip.graphql
    id: 'alibaba-cis-7.8',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'eniMultiIpEnabled', true);
    },
  },
  {
    // 7.9-ack-private-cluster.graphql
    id: 'alibaba-cis-7.9',
    run(world) {
      return whereNe(world, 'AlibabaAckCluster', 'publicApiServer', false);
    },
  },
  {
    // 8.1-security-center-advanced-or-enterprise.graphql
    id: 'alibaba-cis-8.1',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sc = account.securityCenter as Obj | null | undefined;
        if (sc == null || sc.advancedOrBetter !== true) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 8.2-security-center-agent-on-all-assets.graphql
    id: 'alibaba-cis-8.2',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sc = account.securityCenter as Obj | null | undefined;
        if (sc == null || sc.agents == null) {
          out.push(account.id);
          continue;
        }
        const agents = sc.agents;
        if (!Array.isArray(agents)) continue;
        for (const g of agents as unknown[]) {
          if (g != null && (g as Obj).online !== true) {
            out.push(account.id);
            break;
          }
        }
      }
      return out;
    },
  },
  {
    // 8.5-security-center-notification-high-risk.graphql
    id: 'alibaba-cis-8.5',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        // JSONata `= null` holds only for an actual null (a missing field is undefined, and fails below).
        const sc = account.securityCenter as Obj | null | undefined;
        if (sc === null || (sc !== undefined && sc.noticeConfigs === null)) {
          out.push(account.id);
          continue;
        }
        const notices = sc === undefined ? [] : listOf(sc.noticeConfigs);
        if (!everyOnEverySite(notices, sitesOf(sc), 'project', HIGH_RISK_NOTICES, routed)) out.push(account.id);
      }
      return out;
    },
  },
  {
    // 8.7-security-center-scheduled-vulnerability-scan.graphql
    id: 'alibaba-cis-8.7',
    run(world) {
      const out: string[] = [];
      for (const account of world.of('AlibabaAccount')) {
        const sc = account.securityCenter as Obj | null | undefined;
        if (sc === null || (sc !== undefined && (sc.vulConfigs === null || sc.vulScanLevels === null))) {
          out.push(account.id);
          continue;
        }
        const configs = sc === undefined ? [] : listOf(sc.vulConfigs);
        let bad = !everyOnEverySite(configs, sitesOf(sc), 'type', VUL_TYPES, configOn);
        if (!bad) {
          const levels = sc === undefined ? [] : listOf(sc.vulScanLevels);
          for (const level of VUL_SCAN_LEVELS) {
            if (!levels.includes(level)) {
              bad = true;
              break;
            }
          }
        }
        if (bad) out.push(account.id);
      }
      return out;
    },
  },
];
