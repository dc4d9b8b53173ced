import type { CollectContext } from '../context.js';
import { kmsKeyArn, resourceArn } from '../ids.js';
import { bool, dateTime, list, num, plain, str } from '../normalize.js';
import { rpc, rpcPages } from '../rpc.js';

type Obj = Record<string, unknown>;
const RDS = 'AlibabaRdsInstance';
const fields = (...names: string[]): string[] => names.map((field) => `${RDS}.${field}`);

export const rdsInstanceId = (region: string, uid: string, id: string): string => resourceArn('rds', region, uid, 'dbinstance', id);

/** RDS instances with SSL, TDE, whitelist, SQL audit and (PostgreSQL) parameter details. */
export async function collectRds(ctx: CollectContext, region: string): Promise<void> {
  const { items } = await rpcPages<Obj>(ctx, { product: 'rds', action: 'DescribeDBInstances', region, types: [RDS] }, {}, 100, (p) => list(p.Items, 'DBInstance'), (p) => num(p.TotalRecordCount));
  await Promise.all((items as Obj[]).map((item) => instance(ctx, region, item)));
}

async function instance(ctx: CollectContext, region: string, item: Obj): Promise<void> {
  const dbId = String(item.DBInstanceId);
  const engine = str(item.Engine);
  const p = { DBInstanceId: dbId };
  const isPg = engine?.toLowerCase() === 'postgresql';
  const call = (action: string, fields: string[]) => rpc<Obj>(ctx, { product: 'rds', action, region, fields }, p);
  const [ssl, tde, ips, collector, retention, params] = await Promise.all([
    // Each call's fields: everything derived from its answer (a failed call leaves them unknown).
    call('DescribeDBInstanceSSL', fields('sslEnabled', 'forceEncryption', 'sslExpireTime')),
    call('DescribeDBInstanceTDE', fields('tdeStatus', 'tdeEnabled', 'tdeMode', 'tdeEncryptionKey', 'tdeKey')),
    call('DescribeDBInstanceIPArrayList', fields('securityIpGroups', 'openToWorld')),
    call('DescribeSQLCollectorPolicy', fields('sqlCollectorStatus', 'sqlCollectorEnabled')),
    call('DescribeSQLCollectorRetention', fields('sqlCollectorRetentionDays')),
    // log_connections / log_disconnections / log_duration only matter for PostgreSQL (CIS 6.7–6.9).
    isPg ? call('DescribeParameters', fields('parameters')) : Promise.resolve(undefined),
  ]);
  const groups = ips.ok
    ? list<Obj>(ips.value.Items, 'DBInstanceIPArray').map((g) => ({
        name: str(g.DBInstanceIPArrayName),
        attribute: str(g.DBInstanceIPArrayAttribute),
        ipType: str(g.SecurityIPType),
        ips: (str(g.SecurityIPList) ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      }))
    : null;
  const parameters = params?.ok ? parameterMap(params.value) : null;
  const id = rdsInstanceId(region, ctx.accountId, dbId);
  const tdeStatus = tde.ok ? str(tde.value.TDEStatus) : null;
  // A BYOK TDE key (CIS 6.6) is a KMS key id; the service-managed mode has none.
  if (tde.ok && str(tde.value.EncryptionKey)) ctx.graph.addEdge(id, 'tdeKey', kmsKeyArn(region, ctx.accountId, String(tde.value.EncryptionKey)));
  ctx.addAsset({
    id,
    type: RDS,
    region,
    name: str(item.DBInstanceDescription) ?? dbId,
    tags: [],
    raw: plain({
      ...item,
      ...(ssl.ok ? { SSL: strip(ssl.value) } : {}),
      ...(tde.ok ? { TDE: strip(tde.value) } : {}),
      ...(collector.ok ? { SQLCollectorPolicy: strip(collector.value) } : {}),
      ...(retention.ok ? { SQLCollectorRetention: strip(retention.value) } : {}),
    }),
    dbInstanceId: dbId,
    engine,
    engineVersion: str(item.EngineVersion),
    status: str(item.DBInstanceStatus),
    dbInstanceType: str(item.DBInstanceType),
    dbInstanceNetType: str(item.DBInstanceNetType),
    instanceNetworkType: str(item.InstanceNetworkType),
    vpcId: str(item.VpcId),
    zoneId: str(item.ZoneId),
    // Yes/No for MySQL and SQL Server, on/off for PostgreSQL.
    sslEnabled: ssl.ok ? bool(ssl.value.SSLEnabled) ?? false : null,
    forceEncryption: ssl.ok ? bool(ssl.value.ForceEncryption) : null,
    sslExpireTime: ssl.ok ? dateTime(ssl.value.SSLExpireTime) : null,
    tdeStatus,
    tdeEnabled: tde.ok ? bool(tdeStatus) ?? false : null,
    tdeMode: tde.ok ? str(tde.value.TDEMode) : null,
    tdeEncryptionKey: tde.ok ? str(tde.value.EncryptionKey) : null,
    securityIpGroups: groups,
    openToWorld: groups ? groups.some((g) => g.attribute !== 'hidden' && g.ips.some((ip) => ip === '0.0.0.0/0' || ip === '0.0.0.0' || ip === '::/0')) : null,
    sqlCollectorStatus: collector.ok ? str(collector.value.SQLCollectorStatus) : null,
    sqlCollectorEnabled: collector.ok ? bool(collector.value.SQLCollectorStatus) ?? false : null,
    sqlCollectorRetentionDays: retention.ok ? num(retention.value.ConfigValue) : null,
    parameters,
    creationTime: dateTime(item.CreateTime),
  });
}

function strip(body: Obj): Obj {
  const { RequestId: _r, ...rest } = body;
  return rest;
}

/** RunningParameters (falling back to ConfigParameters) as name → value. */
function parameterMap(body: Obj): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const p of list<Obj>(body.ConfigParameters, 'DBInstanceParameter')) out[String(p.ParameterName)] = str(p.ParameterValue);
  for (const p of list<Obj>(body.RunningParameters, 'DBInstanceParameter')) out[String(p.ParameterName)] = str(p.ParameterValue);
  return out;
}
