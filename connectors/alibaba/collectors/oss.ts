import OSS from 'ali-oss';
import type { CollectContext } from '../context.js';
import { accountArn, kmsKeyArn, ossBucketArn } from '../ids.js';
import { bool, dateTime, json, plain, str } from '../normalize.js';
import type { ResolvedCredentials } from '../credentials/options.js';
import { InvalidResponseError } from '../response-shape.js';
import { analyzeBucketPolicy, type BucketPolicyFacts } from './oss-policy.js';

type Obj = Record<string, unknown>;
const BUCKET = 'AlibabaOssBucket';
/** Fields derived from GetBucketInfo and from GetBucketPolicy (the policy facts included). */
const INFO_FIELDS = ['encryption', 'encryptionEnabled', 'kmsMasterKeyId', 'kmsKey', 'publicAccessBlocked', 'versioning', 'loggingTargetBucket'];
const POLICY_FIELDS = ['policy', 'hasPolicy', 'secureTransportRequired', 'publicByPolicy', 'networkRestricted', 'publicPolicyGrants'];

/** The bucket fields oss-policy.ts's facts fill; all null when the policy could not be read. */
function policyFields(facts: BucketPolicyFacts | null): Record<string, unknown> {
  return {
    secureTransportRequired: facts?.secureTransportRequired ?? null,
    publicByPolicy: facts?.publicByPolicy ?? null,
    networkRestricted: facts?.networkRestricted ?? null,
    publicPolicyGrants: facts?.publicGrants ?? null,
  };
}

/**
 * ali-oss resolves getBucketPolicy whatever the status (`{ policy: null, status: 403 }`): turn
 * anything but a 200 back into the error OSS answered, so NoSuchBucketPolicy (404) is "none" and a
 * denial, a throttle or a 5xx is a failed call.
 */
async function bucketPolicy(client: OSS, name: string, timeout: number): Promise<{ policy: unknown; status: number; res: { status: number } }> {
  const result = (await client.getBucketPolicy(name, { timeout })) as unknown as { policy: unknown; status: number; res: { status: number; data?: unknown } };
  if (result.status === 200) return result;
  throw ossAnswerError(result.status, result.res.data);
}

/** The error an OSS `<Error>` body names (code, status), or an InvalidResponse without one. */
function ossAnswerError(status: number, body: unknown): Error {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1];
  if (!code) return new InvalidResponseError(`OSS answered HTTP ${status} with no error code`, status);
  return Object.assign(new Error(`OSS answered HTTP ${status} ${code}`), { name: `${code}Error`, code, status });
}

interface ListBucketsResult {
  buckets?: { name: string; region: string; creationDate?: string; storageClass?: string; StorageClass?: string; tag?: unknown }[] | null;
  isTruncated?: boolean;
  nextMarker?: string | null;
}

/** ali-oss's option set for one location (`oss-<region>`); endpoint override for the emulator. */
function ossClient(ctx: CollectContext, creds: ResolvedCredentials, location: string): OSS {
  const override = ctx.clients.endpoint('oss', location.replace(/^oss-/, ''));
  return new OSS({
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    ...(creds.securityToken
      ? {
          stsToken: creds.securityToken,
          // Without a refresher ali-oss warns on stderr; a scan outlives no token, so hand back the same one.
          refreshSTSToken: async () => ({ accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, stsToken: creds.securityToken ?? '' }),
          refreshSTSTokenInterval: 3_600_000,
        }
      : {}),
    region: location,
    endpoint: override,
    secure: override.startsWith('https://'),
    timeout: ctx.timeoutMs,
  });
}

/** OSS is global for listing (ListBuckets returns every region's buckets); details per bucket. */
export async function collectOss(ctx: CollectContext, creds: ResolvedCredentials, homeRegion: string): Promise<void> {
  const lister = ossClient(ctx, creds, `oss-${homeRegion}`);
  const buckets: NonNullable<ListBucketsResult['buckets']> = [];
  let marker: string | undefined;
  for (let i = 0; i < 1000; i++) {
    const res = await ctx.call({ product: 'oss', action: 'ListBuckets', region: null, types: [BUCKET] }, (timeout) =>
      (lister.listBuckets({ 'max-keys': 1000, ...(marker ? { marker } : {}) } as OSS.ListBucketsQueryType, { timeout }) as unknown as Promise<ListBucketsResult>),
    );
    if (!res.ok) break;
    buckets.push(...(res.value.buckets ?? []));
    if (!res.value.isTruncated || !res.value.nextMarker || res.value.nextMarker === marker) break;
    marker = res.value.nextMarker;
  }
  await Promise.all(buckets.map((b) => bucket(ctx, creds, b)));
}

async function bucket(ctx: CollectContext, creds: ResolvedCredentials, b: NonNullable<ListBucketsResult['buckets']>[number]): Promise<void> {
  const name = b.name;
  const location = b.region || 'oss-cn-hangzhou';
  const region = location.replace(/^oss-/, '');
  const client = ossClient(ctx, creds, location);
  const call = <T>(action: string, fields: string[], fn: (timeout: number) => Promise<T>, notFoundIsEmpty = false) =>
    ctx.call({ product: 'oss', action, region, fields: fields.map((x) => `${BUCKET}.${x}`), notFoundIsEmpty }, fn);
  // Each call's fields: everything derived from its answer, so a failed call leaves no field
  // that looks known (the policy facts are whatever oss-policy.ts derives).
  const [info, acl, policy, logging] = await Promise.all([
    call('GetBucketInfo', INFO_FIELDS, (timeout) => (client.getBucketInfo as unknown as (n: string, o: object) => Promise<{ bucket?: Obj }>).call(client, name, { timeout })),
    call('GetBucketAcl', ['acl'], (timeout) => client.getBucketACL(name, { timeout })),
    call('GetBucketPolicy', POLICY_FIELDS, (timeout) => bucketPolicy(client, name, timeout), true),
    call('GetBucketLogging', ['loggingEnabled', 'loggingTargetPrefix'], (timeout) => client.getBucketLogging(name, { timeout })),
  ]);
  const i = (info.ok ? info.value.bucket ?? {} : {}) as Obj;
  const sse = (i.ServerSideEncryptionRule ?? {}) as Obj;
  const sseAlgorithm = str(sse.SSEAlgorithm);
  const infoLogging = (i.BucketPolicy ?? {}) as Obj;
  // Known when read (200) or when OSS answered NoSuchBucketPolicy (none); unknown otherwise.
  const policyKnown = policy.ok || policy.notFound;
  const policyDoc = policy.ok ? json((policy.value as { policy?: unknown }).policy) : null;
  const policyFacts = policyKnown ? analyzeBucketPolicy(policyDoc) : null;
  const id = ossBucketArn(ctx.accountId, name);
  ctx.addAsset({
    id,
    type: BUCKET,
    region,
    name,
    tags: [],
    raw: plain({ Name: name, Location: location, CreationDate: b.creationDate, StorageClass: b.storageClass ?? b.StorageClass, ...(info.ok ? { BucketInfo: i } : {}) }),
    location,
    creationDate: dateTime(b.creationDate ?? i.CreationDate),
    storageClass: str(b.storageClass ?? b.StorageClass ?? i.StorageClass),
    acl: acl.ok ? str((acl.value as { acl?: string }).acl) : str((i.AccessControlList as Obj | undefined)?.Grant),
    policy: policyDoc,
    hasPolicy: policyKnown ? policyDoc !== null : null,
    publicAccessBlocked: info.ok ? bool(i.BlockPublicAccess) : null,
    versioning: str(i.Versioning),
    // GetBucketInfo reports "None" when no default encryption is set.
    encryption: info.ok ? (sseAlgorithm && sseAlgorithm !== 'None' ? sseAlgorithm : null) : null,
    encryptionEnabled: info.ok ? !!sseAlgorithm && sseAlgorithm !== 'None' : null,
    kmsMasterKeyId: str(sse.KMSMasterKeyID),
    loggingEnabled: logging.ok ? (bool((logging.value as { enable?: unknown }).enable) ?? false) : null,
    loggingTargetBucket: str(infoLogging.LogBucket),
    loggingTargetPrefix: logging.ok ? str((logging.value as { prefix?: unknown }).prefix) : null,
    // CIS 5.4, 5.1 / 2.2, 5.7: what the policy says (oss-policy.ts); null when it could not be read.
    ...policyFields(policyFacts),
  });
  ctx.graph.addEdge(accountArn(ctx.accountId), 'ossBuckets', id);
  if (info.ok && str(sse.KMSMasterKeyID)) ctx.graph.addEdge(id, 'kmsKey', kmsKeyArn(region, ctx.accountId, String(sse.KMSMasterKeyID)));
}
