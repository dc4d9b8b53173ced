import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, dateTime, json, list, num, plain, str, tags } from '../normalize.js';
import { numberedPages } from '../rpc.js';

type Obj = Record<string, unknown>;
const CLUSTER = 'AlibabaAckCluster';
const PAGE_SIZE = 100;
const fields = (...names: string[]): string[] => names.map((n) => `${CLUSTER}.${n}`);

/**
 * What each per-cluster call feeds: its failure is a gap on every field it fills, derived ones
 * included (dashboardEnabled comes from the addon list, 7.4's time from the checks, ...).
 */
const FEEDS = {
  DescribeClusterDetail: fields('metaData', 'masterUrl', 'parameters', 'apiServerEndpoint', 'intranetApiServerEndpoint', 'publicApiServer', 'auditProjectName', 'logServiceEnabled', 'networkPolicyEnabled'),
  ListClusterAddonInstances: fields('addons', 'dashboardEnabled', 'networkPolicyEnabled', 'eniMultiIpEnabled', 'logServiceEnabled'),
  DescribeClusterNodePools: fields('cloudMonitorEnabled'),
  ListClusterChecks: fields('lastClusterCheckTime', 'clusterChecks'),
};

export const ackClusterId = (region: string, uid: string, id: string): string => resourceArn('cs', region, uid, 'cluster', id);

/** ACK clusters via the CS ROA API (DescribeClustersV1 + detail, addons, node pools, checks). */
export async function collectCs(ctx: CollectContext, region: string): Promise<void> {
  const client = ctx.clients.roaClient(region);
  const get = <T>(action: string, path: string, query: Record<string, unknown>, extra: { types?: string[]; fields?: string[] }) =>
    ctx.call({ product: 'cs', action, region, ...extra }, (timeout) => client.request<T>('GET', path, query, '', {}, { timeout }));

  // No maximum page_size in the model: page until page_info.total_count, never stop on a short page.
  const listSpec = { product: 'cs', action: 'DescribeClustersV1', region, types: [CLUSTER] };
  const { items: clusters } = await numberedPages<Obj, Obj>(
    ctx,
    listSpec,
    (page) => get<Obj>('DescribeClustersV1', '/api/v1/clusters', { region_id: region, page_size: PAGE_SIZE, page_number: page }, { types: [CLUSTER] }),
    (p) => ({ items: list<Obj>(p.clusters), total: num((p.page_info as Obj | undefined)?.total_count) }),
  );

  await Promise.all(clusters.map(async (c) => {
    const clusterId = String(c.cluster_id);
    const [detail, addons, pools, checks] = await Promise.all([
      get<Obj>('DescribeClusterDetail', `/clusters/${clusterId}`, {}, { fields: FEEDS.DescribeClusterDetail }),
      get<Obj>('ListClusterAddonInstances', `/clusters/${clusterId}/addon_instances`, {}, { fields: FEEDS.ListClusterAddonInstances }),
      get<Obj>('DescribeClusterNodePools', `/clusters/${clusterId}/nodepools`, {}, { fields: FEEDS.DescribeClusterNodePools }),
      get<Obj>('ListClusterChecks', `/clusters/${clusterId}/checks`, {}, { fields: FEEDS.ListClusterChecks }),
    ]);
    const d: Obj = detail.ok ? { ...c, ...detail.value } : c;
    // Both are JSON strings in the model (an object is accepted as is).
    const masterUrl = json(d.master_url) as Obj | null;
    const metaData = json(d.meta_data) as Obj | null;
    // The addon API often omits config; meta_data Addons carries it (terway NetworkPolicy/IPVlan).
    const metaList = metaAddons(metaData) ?? [];
    const metaConfig = (name: string | null) => metaList.find((m) => m.name === name)?.config ?? null;
    // A failed addon call leaves the addon-derived fields unknown (its gap names them): meta_data
    // lists only the addons chosen at creation, so it cannot say that an addon is absent.
    const addonList = addons.ok
      ? list<Obj>(addons.value.addons).map((a) => ({ name: str(a.name), state: str(a.state), version: str(a.version), config: json(a.config) ?? metaConfig(str(a.name)) }))
      : null;
    const terway = (addonList ?? []).find((a) => a.name?.startsWith('terway'));
    const terwayConfig = (terway?.config ?? null) as Obj | null;
    const poolList = pools.ok ? list<Obj>(pools.value.nodepools) : null;
    const checkList = checks.ok ? list<Obj>(checks.value.checks) : null;
    // CIS 7.4 counts a check that ran to the end: status Succeeded (the model's types are
    // ClusterMigrate, MasterUpgrade, NodePoolUpgrade and ClusterUpgrade; any of them is a check).
    // Compare as instants: CS returns times with a +08:00 offset.
    const lastCheck = checkList
      ? checkList
          .filter((k) => str(k.status) === 'Succeeded')
          .map((k) => dateTime(k.finished_at ?? k.created_at))
          .filter((t): t is string => !!t && !Number.isNaN(Date.parse(t)))
          .sort((a, b) => Date.parse(a) - Date.parse(b))
          .pop() ?? null
      : null;
    const addonNames = new Set((addonList ?? []).map((a) => a.name));
    const auditProject = str(metaData?.AuditProjectName);
    const id = ackClusterId(region, ctx.accountId, clusterId);
    if (str(d.vpc_id)) ctx.graph.addEdge(id, 'vpc', resourceArn('vpc', region, ctx.accountId, 'vpc', String(d.vpc_id)));
    ctx.addAsset({
      id,
      type: CLUSTER,
      region,
      name: str(d.name),
      tags: tags(d.tags),
      raw: plain(d),
      clusterId,
      clusterType: str(d.cluster_type),
      clusterSpec: str(d.cluster_spec),
      profile: str(d.profile),
      state: str(d.state),
      currentVersion: str(d.current_version),
      vpcId: str(d.vpc_id),
      securityGroupId: str(d.security_group_id),
      networkMode: str(d.network_mode),
      deletionProtection: bool(d.deletion_protection),
      masterUrl,
      metaData,
      parameters: json(d.parameters),
      apiServerEndpoint: str(masterUrl?.api_server_endpoint),
      intranetApiServerEndpoint: str(masterUrl?.intranet_api_server_endpoint),
      // CIS 7.9: a private cluster has no public API server endpoint.
      publicApiServer: masterUrl ? !!str(masterUrl.api_server_endpoint) : null,
      auditProjectName: auditProject,
      // CIS 7.1: audit logs to SLS, or the logtail addon.
      logServiceEnabled: !!auditProject || (addonList ? addonNames.has('logtail-ds') || addonNames.has('loongcollector') : null),
      addons: addonList,
      dashboardEnabled: addonList ? addonNames.has('kubernetes-dashboard') : null,
      // CIS 7.7 / 7.8: Terway with NetworkPolicy, and ENI multi-IP (terway-eniip) mode.
      networkPolicyEnabled: addonList ? bool(terwayConfig?.NetworkPolicy) ?? false : null,
      eniMultiIpEnabled: addonList ? addonNames.has('terway-eniip') : null,
      cloudMonitorEnabled: poolList ? poolList.length > 0 && poolList.every((p) => bool((p.kubernetes_config as Obj | undefined)?.cms_enabled) === true) : null,
      lastClusterCheckTime: lastCheck,
      clusterChecks: checkList ? checkList.map((k) => ({ checkId: str(k.check_id), type: str(k.type), status: str(k.status), createdAt: dateTime(k.created_at), finishedAt: dateTime(k.finished_at) })) : null,
      createdAt: dateTime(d.created),
      updatedAt: dateTime(d.updated),
    });
  }));
}

/** Addons as listed in meta_data (`Addons[]{name, config, version}`): where the addon API omits an addon's config. */
function metaAddons(metaData: Obj | null): { name: string | null; config: unknown }[] | null {
  const addons = metaData?.Addons;
  if (!Array.isArray(addons)) return null;
  return (addons as Obj[]).map((a) => ({ name: str(a.name), config: json(a.config) }));
}
