import type { CollectContext } from '../context.js';
import { resourceArn } from '../ids.js';
import { bool, dateTime, list, num, plain, str } from '../normalize.js';
import { rpc, rpcPages } from '../rpc.js';

type Obj = Record<string, unknown>;
const KEY = 'AlibabaKmsKey';

/** KMS keys (ListKeys + DescribeKey). Reads share 50 QPS per region (see rate-limits). */
/** Everything DescribeKey's answer fills in (the name is its Description): unknown when it fails. */
const DESCRIBE_KEY_FIELDS = ['name', 'arn', 'keyState', 'keyUsage', 'keySpec', 'origin', 'protectionLevel', 'creator', 'automaticRotation', 'rotationEnabled', 'rotationIntervalSeconds', 'lastRotationDate', 'nextRotationDate', 'deletionProtection', 'deleteDate', 'creationDate', 'description'].map((f) => `${KEY}.${f}`);

export async function collectKms(ctx: CollectContext, region: string): Promise<void> {
  const { items } = await rpcPages<Obj>(ctx, { product: 'kms', action: 'ListKeys', region, types: [KEY] }, {}, 100, (p) => list(p.Keys, 'Key'), (p) => num(p.TotalCount));
  await Promise.all((items as Obj[]).map(async (k) => {
    const keyId = String(k.KeyId);
    const res = await rpc<Obj>(ctx, { product: 'kms', action: 'DescribeKey', region, fields: DESCRIBE_KEY_FIELDS }, { KeyId: keyId });
    const m = res.ok ? ((res.value.KeyMetadata ?? {}) as Obj) : {};
    const id = str(k.KeyArn) ?? str(m.Arn) ?? resourceArn('kms', region, ctx.accountId, 'key', keyId);
    ctx.addAsset({
      id,
      type: KEY,
      region,
      name: str(m.Description) ?? keyId,
      tags: [],
      raw: plain(res.ok ? { ...k, KeyMetadata: m } : k),
      keyId,
      arn: str(k.KeyArn) ?? str(m.Arn),
      keyState: str(m.KeyState),
      keyUsage: str(m.KeyUsage),
      keySpec: str(m.KeySpec),
      origin: str(m.Origin),
      protectionLevel: str(m.ProtectionLevel),
      creator: str(m.Creator),
      automaticRotation: str(m.AutomaticRotation),
      rotationEnabled: res.ok ? str(m.AutomaticRotation) === 'Enabled' : null,
      rotationIntervalSeconds: num(str(m.RotationInterval)?.replace(/s$/, '')),
      lastRotationDate: dateTime(m.LastRotationDate),
      nextRotationDate: dateTime(m.NextRotationDate),
      deletionProtection: bool(m.DeletionProtection),
      deleteDate: dateTime(m.DeleteDate),
      creationDate: dateTime(m.CreationDate),
      description: str(m.Description),
    });
  }));
}
