import { createRequire } from 'node:module';
import type { CallSpec, CollectContext } from '../context.js';
import { numberedPages } from '../rpc.js';
import { accountArn, slsProjectArn } from '../ids.js';
import { bool, dateTime, json, list, num, plain, str } from '../normalize.js';
import type { ResolvedCredentials } from '../credentials/options.js';

type Obj = Record<string, unknown>;
const PROJECT = 'AlibabaSlsProject';
const LOGSTORE = 'AlibabaSlsLogstore';
const ALERT = 'AlibabaSlsAlert';
/** Everything GetLogStore's answer fills in: a failed call leaves all of it unknown. */
const LOGSTORE_DETAIL_FIELDS = ['ttl', 'hotTtl', 'shardCount', 'encrypted', 'encryptType', 'telemetryType', 'mode', 'createTime', 'lastModifyTime'].map((f) => `${LOGSTORE}.${f}`);

/**
 * The official @alicloud/log client signs requests; it has no ListProject/ListAlerts methods, so
 * those go through its generic (signed) `_request`. Declared here: the package ships no typings.
 */
interface SlsClient {
  _request(verb: 'GET', project: string | undefined, path: string, queries: Record<string, unknown>, body: null, headers: Record<string, string>, options: Record<string, unknown>): Promise<Obj>;
}
type SlsCtor = new (config: { accessKeyId: string; accessKeySecret: string; securityToken?: string; endpoint?: string; region?: string }) => SlsClient;
const SlsClientCtor = createRequire(import.meta.url)('@alicloud/log') as SlsCtor;

export const logstoreId = (projectArn: string, name: string): string => `${projectArn}/logstore/${name}`;
export const alertId = (projectArn: string, name: string): string => `${projectArn}/alert/${name}`;

export async function collectSls(ctx: CollectContext, creds: ResolvedCredentials, region: string, override: string | undefined): Promise<void> {
  const endpoint = ctx.clients.endpoint('sls', region);
  const client = new SlsClientCtor({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken ? { securityToken: creds.securityToken } : {}),
    endpoint,
  });
  const endpointHost = endpoint.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  // Project calls go to <project>.<endpoint>. Behind an endpoint override (an IP or localhost)
  // that host does not resolve, so send to the endpoint and name the project in the Host header
  // (SLS signatures do not cover the host).
  const req = (project: string | undefined, path: string, query: Record<string, unknown>, timeout: number): Promise<Obj> =>
    override && project
      ? client._request('GET', undefined, path, query, null, { host: `${project}.${endpointHost}` }, { timeout })
      : client._request('GET', project, path, query, null, {}, { timeout });

  const listed = await offsetPages<Obj>(ctx, { product: 'sls', action: 'ListProject', region, types: [PROJECT] }, 500, (offset, size, t) => req(undefined, '/', { offset, size }, t), (page) => page.projects);
  // A region endpoint lists that region's projects; skip any other region's (they are collected there).
  const projects = (listed ?? []).filter((p) => !str(p.region) || p.region === region);

  await Promise.all(projects.map(async (p) => {
    const name = String(p.projectName);
    const projectRegion = str(p.region) ?? region;
    const id = slsProjectArn(projectRegion, ctx.accountId, name);
    ctx.addAsset({
      id,
      type: PROJECT,
      region: projectRegion,
      name,
      tags: [],
      raw: plain(p),
      description: str(p.description),
      status: str(p.status),
      createTime: dateTime(p.createTime),
      lastModifyTime: dateTime(p.lastModifyTime),
    });
    ctx.graph.addEdge(accountArn(ctx.accountId), 'slsProjects', id);
    await Promise.all([logstores(ctx, req, projectRegion, name, id), alerts(ctx, req, projectRegion, name, id)]);
  }));
}

type Req = (project: string | undefined, path: string, query: Record<string, unknown>, timeout: number) => Promise<Obj>;

async function logstores(ctx: CollectContext, req: Req, region: string, project: string, projectId: string): Promise<void> {
  const names = (await offsetPages<string>(ctx, { product: 'sls', action: 'ListLogStores', region, types: [LOGSTORE] }, 500, (offset, size, t) => req(project, '/logstores', { offset, size }, t), (page) => page.logstores)) ?? [];
  await Promise.all(names.map(async (store) => {
    const res = await ctx.call({ product: 'sls', action: 'GetLogStore', region, fields: LOGSTORE_DETAIL_FIELDS }, (t) => req(project, `/logstores/${encodeURIComponent(store)}`, {}, t));
    const d = res.ok ? res.value : {};
    const enc = (d.encrypt_conf ?? null) as Obj | null;
    const id = logstoreId(projectId, store);
    ctx.addAsset({
      id,
      type: LOGSTORE,
      region,
      name: store,
      tags: [],
      raw: plain(res.ok ? d : { logstoreName: store }),
      projectName: project,
      ttl: num(d.ttl),
      hotTtl: num(d.hot_ttl),
      shardCount: num(d.shardCount),
      encrypted: res.ok ? bool(enc?.enable) ?? false : null,
      encryptType: str(enc?.encrypt_type),
      telemetryType: str(d.telemetryType),
      mode: str(d.mode),
      createTime: dateTime(d.createTime),
      lastModifyTime: dateTime(d.lastModifyTime),
    });
    ctx.graph.addEdge(projectId, 'logstores', id);
    ctx.graph.addEdge(id, 'project', projectId);
  }));
}

async function alerts(ctx: CollectContext, req: Req, region: string, project: string, projectId: string): Promise<void> {
  const listed = await offsetPages<Obj>(ctx, { product: 'sls', action: 'ListAlerts', region, types: [ALERT] }, 200, (offset, size, t) => req(project, '/alerts', { offset, size }, t), (page) => page.results);
  for (const a of listed ?? []) {
    const cfg = (a.configuration ?? {}) as Obj;
    const id = alertId(projectId, String(a.name));
    const queries = list<Obj>(cfg.queryList).map((q) => ({ query: str(q.query), store: str(q.store), storeType: str(q.storeType), project: str(q.project), region: str(q.region) }));
    ctx.addAsset({
      id,
      type: ALERT,
      region,
      name: str(a.name),
      tags: [],
      raw: plain(a),
      projectName: project,
      displayName: str(a.displayName),
      description: str(a.description),
      status: str(a.status),
      enabled: str(a.status)?.toUpperCase() === 'ENABLED',
      queries,
      condition: str((cfg.conditionConfiguration as Obj | undefined)?.condition) ?? str(cfg.condition),
      schedule: json(a.schedule),
      createTime: dateTime(a.createTime),
      lastModifiedTime: dateTime(a.lastModifiedTime),
    });
    ctx.graph.addEdge(projectId, 'alerts', id);
    ctx.graph.addEdge(id, 'project', projectId);
  }
}

/**
 * SLS lists page by offset and size to their `total` (rpc.ts numberedPages: a short page does not
 * end a list, a total that does not add up is a gap). Null when the list is incomplete.
 */
async function offsetPages<T>(
  ctx: CollectContext,
  spec: CallSpec,
  size: number,
  fetchPage: (offset: number, size: number, timeout: number) => Promise<Obj>,
  itemsOf: (page: Obj) => unknown,
): Promise<T[] | null> {
  const { items, complete } = await numberedPages<Obj, T>(
    ctx,
    spec,
    (_page, offset) => ctx.call(spec, (t) => fetchPage(offset, size, t)),
    (page) => ({ items: list<T>(itemsOf(page)), total: num(page.total) }),
  );
  return complete ? items : null;
}
