import type { Asset } from '../../../engine/graph/asset.js';
import type { CollectContext } from '../context.js';
import { bool, list, num, plain, str } from '../normalize.js';
import { numberedPages, rpc, type RpcSpec } from '../rpc.js';
import { sasSites } from './security-sites.js';

type Obj = Record<string, unknown>;
const CENTER = 'AlibabaSecurityCenter';
const PAGE_SIZE = 100;

/** What each call feeds: a failed call is a gap on every field it (or a field derived from it) fills. */
const FEEDS = {
  DescribeVersionConfig: ['version', 'highestVersion', 'mergedVersion', 'postPayHostVersion', 'effectiveVersion', 'edition', 'advancedOrBetter', 'isTrialVersion', 'instanceId'],
  DescribeNoticeConfig: ['noticeConfigs'],
  DescribeVulConfig: ['vulConfigs'],
  DescribeConcernNecessity: ['vulScanLevels'],
  DescribeLogMeta: ['logMeta', 'logGroupsEnabled'],
  DescribeCloudCenterInstances: ['agents'],
  DescribeVulList: ['osVulnerabilities'],
} as const;

/**
 * Log stores of Security Center's network logs (DNS, local DNS, network session, web; and the
 * host's network connection log). DescribeLogMeta's own Category is only `host` or `security`.
 */
const NETWORK_LOG_STORES = new Set(['aegis-log-network', 'sas-log-session', 'sas-log-dns', 'sas-log-http', 'local-dns']);
export const LOG_GROUPS = ['network', 'host', 'security'] as const;

/**
 * Security Center is account-wide per site (tds.cn-shanghai for cn-* regions, tds.ap-southeast-1
 * for the rest): its settings go on the account as `securityCenter` (CIS 2.9, 4.5, 4.6, 8.1, 8.2,
 * 8.5, 8.7). Every site the scanned regions fall on is read; settings are judged per site (a
 * switch is on only where every site has it on), assets and items are merged with their site.
 */
export async function collectSas(ctx: CollectContext, account: Asset, regions: string[], home: string): Promise<void> {
  const sites = sasSites(regions, home);
  const reads = await Promise.all(sites.map((site) => readSite(ctx, site)));
  const all = <K extends keyof SiteRead>(key: K): NonNullable<SiteRead[K]>[] | null =>
    reads.every((r) => r[key] !== null) ? reads.map((r) => r[key] as NonNullable<SiteRead[K]>) : null;

  const versions = all('version');
  // The weakest site decides: an account is Advanced or better only where every site is.
  const weakest = versions ? [...versions].sort((a, b) => rank(a.effectiveVersion) - rank(b.effectiveVersion))[0] ?? null : null;
  const logMeta = all('logMeta')?.flat() ?? null;
  const levels = all('vulScanLevels');
  account.securityCenter = {
    sites,
    version: weakest?.version ?? null,
    highestVersion: weakest?.highestVersion ?? null,
    mergedVersion: weakest?.mergedVersion ?? null,
    postPayHostVersion: weakest?.postPayHostVersion ?? null,
    effectiveVersion: weakest?.effectiveVersion ?? null,
    edition: weakest ? editionName(weakest.effectiveVersion) : null,
    advancedOrBetter: versions ? versions.every((v) => ADVANCED_OR_BETTER.has(v.effectiveVersion ?? -1)) : null,
    isTrialVersion: versions ? versions.some((v) => v.isTrialVersion === true) : null,
    instanceId: weakest?.instanceId ?? null,
    noticeConfigs: all('noticeConfigs')?.flat() ?? null,
    vulConfigs: all('vulConfigs')?.flat() ?? null,
    vulScanLevels: levels ? levels.reduce((a, b) => a.filter((x) => b.includes(x))) : null,
    logMeta,
    logGroupsEnabled: logMeta ? LOG_GROUPS.filter((g) => sites.every((s) => logMeta.some((m) => m.site === s && m.group === g && m.enabled === true))) : null,
    // A host belongs to one site; a server that cannot tell the sites apart (a gateway without
    // host routing) answers both with the same hosts, which are one host each.
    agents: unique(all('agents')?.flat() ?? null, (a) => `${a.uuid ?? a.instanceId}`),
    osVulnerabilities: unique(all('osVulnerabilities')?.flat() ?? null, (v) => `${v.name}|${v.instanceId}`),
  };
  const raw = (account.raw ?? {}) as Obj;
  const rawVersions = reads.filter((r) => r.rawVersion).map((r) => ({ site: r.site, ...r.rawVersion }));
  if (rawVersions.length) raw.SecurityCenterVersion = plain(rawVersions.length === 1 ? rawVersions[0] : rawVersions);
  account.raw = raw;
}

interface VersionRead {
  version: number | null;
  highestVersion: number | null;
  mergedVersion: number | null;
  postPayHostVersion: number | null;
  effectiveVersion: number | null;
  isTrialVersion: boolean | null;
  instanceId: string | null;
}

interface SiteRead {
  site: string;
  rawVersion: Obj | null;
  version: VersionRead | null;
  noticeConfigs: Obj[] | null;
  vulConfigs: Obj[] | null;
  vulScanLevels: string[] | null;
  logMeta: Obj[] | null;
  agents: Obj[] | null;
  osVulnerabilities: Obj[] | null;
}

async function readSite(ctx: CollectContext, site: string): Promise<SiteRead> {
  // Gap fields name the nested type's fields: that is what a query reading securityCenter { ... } reads.
  // No Sas action the connector calls has a RegionId parameter (DescribeCloudCenterInstances' is a
  // deprecated asset filter): the site is the endpoint, picked by region, and RegionId is not sent.
  // DescribeVersionConfig's answer is also kept on the account's raw (SecurityCenterVersion).
  const spec = (action: keyof typeof FEEDS): RpcSpec => ({
    product: 'sas',
    action,
    region: site,
    sendRegionId: false,
    fields: [...FEEDS[action].map((x) => `${CENTER}.${x}`), ...(action === 'DescribeVersionConfig' ? ['AlibabaAccount.raw'] : [])],
  });
  const [version, notice, vul, levels, logMeta, agents, osVulnerabilities] = await Promise.all([
    rpc<Obj>(ctx, spec('DescribeVersionConfig')),
    rpc<Obj>(ctx, spec('DescribeNoticeConfig')),
    rpc<Obj>(ctx, spec('DescribeVulConfig')),
    rpc<Obj>(ctx, spec('DescribeConcernNecessity')),
    // From defaults to aegis (Server Guard); Security Center's own log settings need `sas`.
    rpc<Obj>(ctx, spec('DescribeLogMeta'), { From: 'sas' }),
    sasPages(ctx, spec('DescribeCloudCenterInstances'), {}, (p) => list<Obj>(p.Instances), (p) => num((p.PageInfo as Obj | undefined)?.TotalCount)),
    unhandledOsVulnerabilities(ctx, spec('DescribeVulList')),
  ]);
  return {
    site,
    rawVersion: version.ok ? withoutRequestId(version.value) : null,
    version: version.ok ? readVersion(version.value) : null,
    noticeConfigs: notice.ok
      ? list<Obj>(notice.value.NoticeConfigList).map((n) => ({ site, project: str(n.Project), route: num(n.Route), enabled: (num(n.Route) ?? 0) > 0, timeLimit: num(n.TimeLimit) }))
      : null,
    vulConfigs: vul.ok
      ? list<Obj>(vul.value.TargetConfigs).map((c) => ({ site, type: str(c.Type), config: str(c.Config), enabled: bool(c.Config), overAllConfig: str(c.OverAllConfig) }))
      : null,
    vulScanLevels: levels.ok ? list<unknown>(levels.value.ConcernNecessity).map(str).filter((x): x is string => x !== null) : null,
    logMeta: logMeta.ok
      ? list<Obj>(logMeta.value.LogMetaList).map((m) => ({ site, logStore: str(m.LogStore), status: str(m.Status), enabled: bool(m.Status), category: str(m.Category), group: logGroup(str(m.LogStore), str(m.Category)), project: str(m.Project) }))
      : null,
    agents: agents
      ? agents.map((a) => ({ site, instanceId: str(a.InstanceId), uuid: str(a.Uuid), clientStatus: str(a.ClientStatus), online: str(a.ClientStatus) === 'online', regionId: str(a.RegionId), os: str(a.Os) }))
      : null,
    osVulnerabilities: osVulnerabilities
      ? osVulnerabilities.map((r) => ({ site, name: str(r.Name), aliasName: str(r.AliasName), type: str(r.Type), instanceId: str(r.InstanceId), instanceName: str(r.InstanceName), necessity: str(r.Necessity), status: num(r.Status) }))
      : null,
  };
}

/** network when the store holds network logs, else the API's category (host or security). */
export function logGroup(logStore: string | null, category: string | null): string | null {
  if (logStore !== null && NETWORK_LOG_STORES.has(logStore)) return 'network';
  return category;
}

/** Names from the DescribeVersionConfig model (8 Multi-version, 10 Value-added plan are not protection editions). */
const EDITIONS: Record<number, string> = { 1: 'Basic', 3: 'Enterprise', 5: 'Advanced', 6: 'Anti-virus', 7: 'Ultimate', 8: 'Multi-version', 10: 'Value-added plan' };
const ADVANCED_OR_BETTER = new Set([3, 5, 7]);
/** Protection order, weakest first: Basic, Anti-virus, Advanced, Enterprise, Ultimate. */
const ORDER = [1, 6, 5, 3, 7];
const rank = (v: number | null): number => (v === null ? -1 : ORDER.indexOf(v));
const editionName = (v: number | null): string | null => (v === null ? null : EDITIONS[v] ?? `Version ${v}`);

/**
 * The edition in force is the best of: Version (unless it only says Multi-version or Value-added
 * plan), HighestVersion (the best edition in a Multi-version purchase), MergedVersion (the better
 * of subscription and pay-as-you-go) and PostPayHostVersion (pay-as-you-go, unless stopped for
 * overdue payment: PostPayStatus 2).
 */
export function readVersion(v: Obj): VersionRead {
  const version = num(v.Version);
  const highestVersion = num(v.HighestVersion);
  const mergedVersion = num(v.MergedVersion);
  const postPayHostVersion = num(v.PostPayHostVersion);
  const postPayInForce = bool(v.IsPostpay) === true && num(v.PostPayStatus) !== 2;
  const candidates = [version, highestVersion, mergedVersion, postPayInForce ? postPayHostVersion : null].filter((x): x is number => x !== null && ORDER.includes(x));
  const effectiveVersion = candidates.sort((a, b) => rank(b) - rank(a))[0] ?? null;
  return { version, highestVersion, mergedVersion, postPayHostVersion, effectiveVersion, isTrialVersion: bool(v.IsTrialVersion), instanceId: str(v.InstanceId) };
}

/** CurrentPage/PageSize paging until the reported total; null when incomplete (a gap says why). */
async function sasPages(ctx: CollectContext, spec: RpcSpec, params: Obj, itemsOf: (p: Obj) => Obj[], totalOf: (p: Obj) => number | null): Promise<Obj[] | null> {
  const { items, complete } = await numberedPages<Obj, Obj>(
    ctx,
    spec,
    (page) => rpc<Obj>(ctx, spec, { ...params, CurrentPage: page, PageSize: PAGE_SIZE }),
    (p) => ({ items: itemsOf(p), total: totalOf(p) }),
  );
  return complete ? items : null;
}

/**
 * CIS 4.5: unhandled OS vulnerabilities (DescribeVulList Dealed=n) of type cve (Linux software)
 * and sys (Windows system), i.e. missing OS patches. Null when either type's list is incomplete.
 */
async function unhandledOsVulnerabilities(ctx: CollectContext, spec: RpcSpec): Promise<Obj[] | null> {
  const lists = await Promise.all(['cve', 'sys'].map((type) => sasPages(ctx, spec, { Type: type, Dealed: 'n' }, (p) => list<Obj>(p.VulRecords), (p) => num(p.TotalCount))));
  return lists.every((l) => l !== null) ? lists.flat() as Obj[] : null;
}

function unique(items: Obj[] | null, key: (item: Obj) => string): Obj[] | null {
  if (!items) return null;
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && !!seen.add(key(item)));
}

function withoutRequestId(body: Obj): Obj {
  const { RequestId: _ignored, ...rest } = body;
  return rest;
}
