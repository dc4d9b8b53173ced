import { ApiError } from '../errors.js';
import type { Call } from '../handler.js';
import { byOffset, pageMax } from '../paging.js';
import type { Obj } from '../types.js';
import type { RestRoute } from './cs.js';

const PROJECT_SIDE_CARS = ['logstores', 'alerts', 'savedSearches', 'dashboards'];

function project(call: Call): Obj {
  const p = call.world.sls?.projects?.find((x) => x.projectName === call.project);
  if (!p) throw new ApiError(404, 'ProjectNotExist', `The Project does not exist : ${call.project ?? ''}`);
  return p;
}

function named(call: Call, list: string, key: string, name: string, code: string, what: string): Obj {
  const item = ((project(call)[list] ?? []) as Obj[]).find((x) => x[key] === name);
  if (!item) throw new ApiError(404, code, `${what} ${name} does not exist`);
  return item;
}

const projectInfo = (p: Obj): Obj => {
  const out: Obj = { status: 'Normal', description: '', owner: '', dataRedundancyType: 'LRS', recycleBinEnabled: false };
  for (const [k, v] of Object.entries(p)) if (!PROJECT_SIDE_CARS.includes(k)) out[k] = v;
  return out;
};

/** List of one project sub-resource, offset/size paged; `names` lists return names only (like the real API). */
function list(listKey: string, outKey: string, nameKey: string, def: number, max: number, names: boolean, action: string) {
  return (call: Call): Obj => {
    const items = (project(call)[listKey] ?? []) as Obj[];
    const r = byOffset(items, call.params.offset, call.params.size, def, pageMax(call.world, `sls:${action}`, max));
    return { count: r.count, total: r.total, [outKey]: names ? r.items.map((x) => x[nameKey]) : r.items };
  };
}

/** SLS 0.6.0 REST routes (GET only). Project calls carry the project in the Host header. */
export function slsRoute(method: string, seg: string[], projectName: string | undefined): RestRoute | undefined {
  if (method !== 'GET') return undefined;
  const region = (call: Call) => call.world.sls?.projects?.find((p) => p.projectName === call.project)?.region as string | undefined;
  if (!projectName) {
    if (seg.length !== 0) return undefined;
    return {
      action: 'ListProject',
      handler(call) {
        const q = call.params;
        const all = (call.world.sls?.projects ?? []).filter((p) => (!q.projectName || String(p.projectName).includes(q.projectName)) && (!call.endpointRegion || p.region === call.endpointRegion));
        const r = byOffset(all.map(projectInfo), q.offset, q.size, 100, pageMax(call.world, 'sls:ListProject', 500));
        return { count: r.count, total: r.total, projects: r.items };
      },
    };
  }
  const [a, b, c] = seg;
  if (seg.length === 0) return { action: 'GetProject', region, handler: (call) => projectInfo(project(call)) };
  if (c !== undefined) return undefined;
  if (a === 'logstores') {
    if (b === undefined) return { action: 'ListLogStores', region, handler: list('logstores', 'logstores', 'logstoreName', 200, 500, true, 'ListLogStores') };
    return { action: 'GetLogStore', region, handler: (call) => named(call, 'logstores', 'logstoreName', b, 'LogStoreNotExist', 'logstore') };
  }
  if (a === 'alerts') {
    if (b === undefined) return { action: 'ListAlerts', region, handler: list('alerts', 'results', 'name', 10, 200, false, 'ListAlerts') };
    return { action: 'GetAlert', region, handler: (call) => named(call, 'alerts', 'name', b, 'JobNotExist', 'alert') };
  }
  if (a === 'savedsearches') {
    if (b === undefined) return { action: 'ListSavedSearch', region, handler: list('savedSearches', 'savedsearches', 'savedsearchName', 100, 500, true, 'ListSavedSearch') };
    return { action: 'GetSavedSearch', region, handler: (call) => named(call, 'savedSearches', 'savedsearchName', b, 'SavedSearchNotExist', 'savedsearch') };
  }
  if (a === 'dashboards') {
    if (b === undefined) {
      return {
        action: 'ListDashboard',
        region,
        handler(call) {
          const items = (project(call).dashboards ?? []) as Obj[];
          const r = byOffset(items, call.params.offset, call.params.size, 500, 500);
          return { count: r.count, total: r.total, dashboards: r.items.map((d) => d.dashboardName), dashboardItems: r.items.map((d) => ({ dashboardName: d.dashboardName, displayName: d.displayName ?? d.dashboardName })) };
        },
      };
    }
    return { action: 'GetDashboard', region, handler: (call) => named(call, 'dashboards', 'dashboardName', b, 'DashboardNotExist', 'dashboard') };
  }
  return undefined;
}
