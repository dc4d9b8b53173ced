import { ApiError } from '../errors.js';
import { strip, type Call, type Handler } from '../handler.js';
import { byPage, pageMax } from '../paging.js';
import type { Obj } from '../types.js';

const SIDE_CARS = ['nodepools', 'checks', 'addons'];
/** CS service errors use lower-case keys (reference §2.8); gateway errors (auth, throttling) do not. */
export class CsError extends ApiError {}

function cluster(call: Call, id: string): Obj {
  const c = call.world.cs?.clusters?.find((x) => x.cluster_id === id);
  if (!c) throw new CsError(404, 'ErrorClusterNotFound', `The specified cluster ${id} is not found.`);
  return c;
}

export interface RestRoute {
  action: string;
  handler: Handler;
  /** Region of the resource, when the route names one. */
  region?: (call: Call) => string | undefined;
}

const clusterRegion = (id: string) => (call: Call) => call.world.cs?.clusters?.find((x) => x.cluster_id === id)?.region_id as string | undefined;

/** ROA routes of ACK 2015-12-15 (`GET` only). */
export function csRoute(method: string, seg: string[]): RestRoute | undefined {
  if (method !== 'GET') return undefined;
  if (seg.join('/') === 'api/v1/clusters') {
    return {
      action: 'DescribeClustersV1',
      handler(call) {
        const q = call.params;
        const all = (call.world.cs?.clusters ?? []).filter((c) =>
          (!q.region_id || c.region_id === q.region_id) && (!q.cluster_type || c.cluster_type === q.cluster_type) && (!q.name || c.name === q.name) && (!q.cluster_id || c.cluster_id === q.cluster_id) && (!q.cluster_spec || c.cluster_spec === q.cluster_spec));
        const r = byPage(all, q.page_number, q.page_size, 10, pageMax(call.world, 'cs:DescribeClustersV1', 100));
        // The list item has no `parameters` (cs20151215 model); only DescribeClusterDetail answers it.
        return { clusters: r.items.map((c) => strip(c, [...SIDE_CARS, 'parameters'])), page_info: { page_number: r.PageNumber, page_size: r.PageSize, total_count: r.TotalCount } };
      },
    };
  }
  if (seg[0] !== 'clusters' || !seg[1]) return undefined;
  const id = seg[1];
  const region = clusterRegion(id);
  if (seg.length === 2) return { action: 'DescribeClusterDetail', region, handler: (call) => strip(cluster(call, id), SIDE_CARS) };
  const sub: Record<string, [string, string]> = { nodepools: ['DescribeClusterNodePools', 'nodepools'], checks: ['ListClusterChecks', 'checks'], addon_instances: ['ListClusterAddonInstances', 'addons'] };
  const s = seg.length === 3 ? sub[seg[2]!] : undefined;
  if (!s) return undefined;
  const [action, key] = s;
  return {
    action,
    region,
    handler(call) {
      const items = (cluster(call, id)[key] ?? []) as Obj[];
      // ListClusterChecks filters by type (ClusterMigrate, MasterUpgrade, NodePoolUpgrade, ClusterUpgrade) and target.
      if (key !== 'checks') return { [key]: items };
      const { type, target } = call.params;
      return { checks: items.filter((k) => (!type || k.type === type) && (!target || k.target === target)) };
    },
  };
}
