import { apiError } from '../errors.js';
import { required, wrap, type RpcProduct } from '../handler.js';
import { byPage } from '../paging.js';

export const kms: RpcProduct = {
  name: 'kms',
  display: 'Kms',
  version: '2016-01-20',
  host: (r) => `kms.${r}.aliyuncs.com`,
  actions: {
    ListKeys(call) {
      const keys = call.world.kms?.[call.region]?.keys ?? [];
      const r = byPage(keys, call.params.PageNumber, call.params.PageSize, 10, 100);
      return { TotalCount: r.TotalCount, PageNumber: r.PageNumber, PageSize: r.PageSize, Keys: wrap('Key', r.items.map((k) => ({ KeyId: k.KeyId, KeyArn: k.Arn }))) };
    },
    DescribeKey(call) {
      const id = required(call, 'KeyId');
      const key = (call.world.kms?.[call.region]?.keys ?? []).find((k) => k.KeyId === id || k.Arn === id);
      if (!key) throw apiError(404, 'Forbidden.KeyNotFound', 'The specified Key is not found.');
      return { KeyMetadata: key };
    },
  },
};
