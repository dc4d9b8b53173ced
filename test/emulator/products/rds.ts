import { apiError } from '../errors.js';
import { required, strip, wrap, type Call, type RpcProduct } from '../handler.js';
import { byPage, byToken } from '../paging.js';
import type { Obj } from '../types.js';

const SIDE_CARS = ['Attribute', 'SSL', 'TDE', 'IPArrays', 'Parameters', 'SQLCollectorPolicy', 'SQLCollectorRetention', 'EncryptionKey'];

/** RDS answers instance calls on a central endpoint, so look the id up in every region. */
function instance(call: Call): Obj {
  const id = required(call, 'DBInstanceId');
  for (const region of Object.values(call.world.rds ?? {})) {
    const found = region.instances?.find((i) => i.DBInstanceId === id);
    if (found) return found;
  }
  throw apiError(404, 'InvalidDBInstanceId.NotFound', 'Specified instance does not exist or not support.');
}

export const rds: RpcProduct = {
  name: 'rds',
  display: 'Rds',
  version: '2014-08-15',
  host: (r) => (['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen'].includes(r) ? 'rds.aliyuncs.com' : `rds.${r}.aliyuncs.com`),
  actions: {
    DescribeDBInstances(call) {
      required(call, 'RegionId');
      const p = call.params;
      const items = (call.world.rds?.[call.region]?.instances ?? [])
        .filter((i) => (['Engine', 'DBInstanceStatus', 'DBInstanceType', 'VpcId'] as const).every((k) => !p[k] || i[k] === p[k]) && (!p.DBInstanceId || p.DBInstanceId.split(',').includes(String(i.DBInstanceId))))
        .map((i) => strip(i, SIDE_CARS));
      if (p.NextToken !== undefined || p.MaxResults !== undefined) {
        const r = byToken(items, p.NextToken, p.MaxResults, 30, 1, 100);
        return { TotalRecordCount: items.length, PageRecordCount: r.items.length, NextToken: r.NextToken, Items: wrap('DBInstance', r.items) };
      }
      const r = byPage(items, p.PageNumber, p.PageSize, 30, 100);
      return { TotalRecordCount: r.TotalCount, PageNumber: r.PageNumber, PageRecordCount: r.items.length, Items: wrap('DBInstance', r.items) };
    },
    DescribeDBInstanceAttribute(call) {
      const i = instance(call);
      return { Items: wrap('DBInstanceAttribute', [{ ...strip(i, SIDE_CARS), ...((i.Attribute ?? {}) as Obj) }]) };
    },
    DescribeDBInstanceSSL: (call) => {
      const i = instance(call);
      const off = i.Engine === 'PostgreSQL' ? 'off' : 'No';
      return { SSLEnabled: off, RequireUpdate: 'No', ConnectionString: '', SSLExpireTime: '', ...((i.SSL ?? {}) as Obj) };
    },
    DescribeDBInstanceTDE: (call) => ({ TDEStatus: 'Disabled', ...((instance(call).TDE ?? {}) as Obj) }),
    DescribeDBInstanceEncryptionKey(call) {
      const i = instance(call);
      if (!i.EncryptionKey) throw apiError(404, 'InvalidEncryptionKey.NotFound', 'The encryption key of the instance is not found.');
      return i.EncryptionKey as Obj;
    },
    DescribeDBInstanceIPArrayList: (call) => ({
      Items: wrap('DBInstanceIPArray', ((instance(call).IPArrays ?? [{ DBInstanceIPArrayName: 'default', DBInstanceIPArrayAttribute: '', SecurityIPType: 'IPv4', SecurityIPList: '127.0.0.1' }]) as Obj[])),
    }),
    DescribeParameters(call) {
      const i = instance(call);
      const params = (i.Parameters ?? {}) as Obj;
      return {
        Engine: i.Engine,
        EngineVersion: i.EngineVersion ?? '',
        ConfigParameters: wrap('DBInstanceParameter', (params.ConfigParameters ?? []) as Obj[]),
        RunningParameters: wrap('DBInstanceParameter', (params.RunningParameters ?? []) as Obj[]),
      };
    },
    DescribeSQLCollectorPolicy: (call) => ({ SQLCollectorStatus: 'Disabled', StoragePeriod: 30, ...((instance(call).SQLCollectorPolicy ?? {}) as Obj) }),
    DescribeSQLCollectorRetention: (call) => ({ ConfigValue: '30', ...((instance(call).SQLCollectorRetention ?? {}) as Obj) }),
  },
};
