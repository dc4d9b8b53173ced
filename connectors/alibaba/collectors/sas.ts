import type { Asset } from '../../../engine/graph/asset.js';
import type { CollectContext } from '../context.js';
import { bool, list, num, plain, str } from '../normalize.js';
import { rpc } from '../rpc.js';

type Obj = Record<string, unknown>;
const CENTER = 'AlibabaSecurityCenter';

/**
 * Security Center is account-wide (one endpoint for China, one for the rest): its settings go on
 * the account as `securityCenter` (CIS 2.9, 4.6, 8.1, 8.2, 8.5, 8.7).
 */
export async function collectSas(ctx: CollectContext, account: Asset, region: string): Promise<void> {
  // Gap fields name the nested type's fields: that is what a query reading securityCenter { ... } reads.
  const spec = (action: string, ...fields: string[]) => ({ product: 'sas' as const, action, region, fields: fields.map((x) => `${CENTER}.${x}`) });
  const [version, notice, vul, logMeta, agents, osVulnerabilities] = await Promise.all([
    rpc<Obj>(ctx, spec('DescribeVersionConfig', 'version', 'edition', 'advancedOrBetter', 'isTrialVersion', 'instanceId'), {}),
    rpc<Obj>(ctx, spec('DescribeNoticeConfig', 'noticeConfigs'), {}),
    rpc<Obj>(ctx, spec('DescribeVulConfig', 'vulConfigs'), {}),
    rpc<Obj>(ctx, spec('DescribeLogMeta', 'logMeta'), {}),
    agentPages(ctx, spec('DescribeCloudCenterInstances', 'agents')),
    unhandledOsVulnerabilities(ctx, spec('DescribeVulList', 'osVulnerabilities')),
  ]);
  const v = version.ok ? version.value : {};
  const versionNumber = num(v.Version);
  account.securityCenter = {
    version: versionNumber,
    // 1 Basic, 3 Enterprise, 5 Advanced, 6 Anti-virus, 7 Ultimate (CIS 8.1 wants Advanced or better).
    edition: versionNumber === null ? null : EDITIONS[versionNumber] ?? `Version ${versionNumber}`,
    advancedOrBetter: versionNumber === null ? null : [3, 5, 7].includes(versionNumber),
    isTrialVersion: version.ok ? bool(v.IsTrialVersion) : null,
    instanceId: str(v.InstanceId),
    noticeConfigs: notice.ok
      ? list<Obj>(notice.value.NoticeConfigList).map((n) => ({ project: str(n.Project), route: num(n.Route), enabled: (num(n.Route) ?? 0) > 0, timeLimit: num(n.TimeLimit) }))
      : null,
    vulConfigs: vul.ok
      ? list<Obj>(vul.value.TargetConfigs).map((c) => ({ type: str(c.Type), config: str(c.Config), enabled: bool(c.Config), overAllConfig: str(c.OverAllConfig) }))
      : null,
    logMeta: logMeta.ok
      ? list<Obj>(logMeta.value.LogMetaList).map((m) => ({ logStore: str(m.LogStore), status: str(m.Status), enabled: bool(m.Status), category: str(m.Category), project: str(m.Project) }))
      : null,
    agents: agents
      ? agents.map((a) => ({ instanceId: str(a.InstanceId), uuid: str(a.Uuid), clientStatus: str(a.ClientStatus), online: str(a.ClientStatus) === 'online', regionId: str(a.RegionId), os: str(a.Os) }))
      : null,
    osVulnerabilities: osVulnerabilities
      ? osVulnerabilities.map((r) => ({
          name: str(r.Name),
          aliasName: str(r.AliasName),
          type: str(r.Type),
          instanceId: str(r.InstanceId),
          instanceName: str(r.InstanceName),
          necessity: str(r.Necessity),
          status: num(r.Status),
        }))
      : null,
  };
  const raw = (account.raw ?? {}) as Obj;
  if (version.ok) raw.SecurityCenterVersion = plain(v);
  account.raw = raw;
}

const EDITIONS: Record<number, string> = { 1: 'Basic', 3: 'Enterprise', 5: 'Advanced', 6: 'Anti-virus', 7: 'Ultimate', 8: 'Multi-version', 10: 'Value-added plan' };

async function agentPages(ctx: CollectContext, spec: { product: 'sas'; action: string; region: string; fields: string[] }): Promise<Obj[] | null> {
  const out: Obj[] = [];
  for (let page = 1; page <= 1000; page++) {
    const res = await rpc<Obj>(ctx, spec, { CurrentPage: page, PageSize: 100 });
    if (!res.ok) return null;
    const batch = list<Obj>(res.value.Instances);
    out.push(...batch);
    const total = num((res.value.PageInfo as Obj | undefined)?.TotalCount);
    if (batch.length < 100 || (total !== null && out.length >= total)) break;
  }
  return out;
}

/**
 * CIS 4.5: unhandled OS vulnerabilities (DescribeVulList Dealed=n) of type cve (Linux software)
 * and sys (Windows system), i.e. missing OS patches. Null when any page of either type fails.
 */
async function unhandledOsVulnerabilities(ctx: CollectContext, spec: { product: 'sas'; action: string; region: string; fields: string[] }): Promise<Obj[] | null> {
  const out: Obj[] = [];
  for (const type of ['cve', 'sys']) {
    for (let page = 1; page <= 1000; page++) {
      const res = await rpc<Obj>(ctx, spec, { Type: type, Dealed: 'n', CurrentPage: page, PageSize: 100 });
      if (!res.ok) return null;
      const batch = list<Obj>(res.value.VulRecords);
      out.push(...batch);
      const total = num(res.value.TotalCount);
      if (batch.length < 100 || (total !== null && page * 100 >= total)) break;
    }
  }
  return out;
}
