import { ApiError } from '../errors.js';
import type { Call, Reply } from '../handler.js';
import type { Obj } from '../types.js';
import { xmlDocument } from '../xml.js';
import type { RestRoute } from './cs.js';

const xml = (name: string, value: unknown): Reply => ({ body: xmlDocument(name, value), contentType: 'application/xml' });
const ossError = (status: number, code: string, message: string, ec: string, extra: Obj = {}) => new ApiError(status, code, message, { ...extra, EC: ec });

const owner = (call: Call): Obj => ({ ID: call.world.oss?.owner?.ID ?? call.world.account.AccountId, DisplayName: call.world.oss?.owner?.DisplayName ?? call.world.account.AccountId });

export function findBucket(call: Call): Obj {
  const b = call.world.oss?.buckets?.find((x) => x.Name === call.bucket);
  if (!b) throw ossError(404, 'NoSuchBucket', 'The specified bucket does not exist.', '0015-00000101', { BucketName: call.bucket ?? '' });
  return b;
}

const region = (b: Obj): string => String(b.Location).replace(/^oss-/, '');

function listBuckets(call: Call): Reply {
  const q = call.params;
  const max = Math.min(1000, Math.max(1, Number(q['max-keys'] ?? 100) || 100));
  const all = [...(call.world.oss?.buckets ?? [])].sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  const after = all.filter((b) => (!q.prefix || String(b.Name).startsWith(q.prefix)) && (!q.marker || String(b.Name) > q.marker));
  const page = after.slice(0, max);
  const truncated = after.length > max;
  return xml('ListAllMyBucketsResult', {
    ...(q.prefix !== undefined ? { Prefix: q.prefix } : {}),
    ...(q.marker !== undefined ? { Marker: q.marker } : {}),
    ...(q['max-keys'] !== undefined ? { MaxKeys: max } : {}),
    IsTruncated: truncated,
    ...(truncated ? { NextMarker: page[page.length - 1]?.Name } : {}),
    Owner: owner(call),
    Buckets: {
      // No Comment here: ListBuckets items do not carry it (GetBucketInfo does).
      Bucket: page.map((b) => ({
        CreationDate: b.CreationDate,
        ExtranetEndpoint: `${String(b.Location)}.aliyuncs.com`,
        IntranetEndpoint: `${String(b.Location)}-internal.aliyuncs.com`,
        Location: b.Location,
        Name: b.Name,
        Region: region(b),
        StorageClass: b.StorageClass ?? 'Standard',
      })),
    },
  });
}

function bucketInfo(call: Call): Reply {
  const b = findBucket(call);
  const enc = b.Encryption as Obj | undefined;
  const log = b.Logging as Obj | undefined;
  return xml('BucketInfo', {
    Bucket: {
      AccessMonitor: b.AccessMonitor ?? 'Disabled',
      CreationDate: b.CreationDate,
      CrossRegionReplication: 'Disabled',
      DataRedundancyType: b.DataRedundancyType ?? 'LRS',
      ExtranetEndpoint: `${String(b.Location)}.aliyuncs.com`,
      IntranetEndpoint: `${String(b.Location)}-internal.aliyuncs.com`,
      Location: b.Location,
      Name: b.Name,
      ResourceGroupId: b.ResourceGroupId ?? 'rg-acfmy6xyzexample',
      StorageClass: b.StorageClass ?? 'Standard',
      TransferAcceleration: 'Disabled',
      ...(b.Versioning ? { Versioning: b.Versioning } : {}),
      Comment: b.Comment ?? '',
      BlockPublicAccess: b.BlockPublicAccess ?? false,
      Owner: owner(call),
      AccessControlList: { Grant: b.Acl ?? 'private' },
      ServerSideEncryptionRule: { SSEAlgorithm: enc?.SSEAlgorithm ?? 'None', ...(enc?.KMSMasterKeyID ? { KMSMasterKeyID: enc.KMSMasterKeyID } : {}), ...(enc?.KMSDataEncryption ? { KMSDataEncryption: enc.KMSDataEncryption } : {}) },
      // In GetBucketInfo "BucketPolicy" is the logging configuration (reference §2.6).
      BucketPolicy: { LogBucket: log?.TargetBucket ?? '', LogPrefix: log?.TargetPrefix ?? '' },
    },
  });
}

const SUB: Record<string, [string, (call: Call) => Reply]> = {
  bucketInfo: ['GetBucketInfo', bucketInfo],
  acl: ['GetBucketAcl', (call) => xml('AccessControlPolicy', { Owner: owner(call), AccessControlList: { Grant: findBucket(call).Acl ?? 'private' } })],
  policy: [
    'GetBucketPolicy',
    (call) => {
      const p = findBucket(call).Policy;
      if (p === undefined) throw ossError(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist.', '0031-00000001', { BucketName: call.bucket ?? '' });
      return { body: typeof p === 'string' ? p : JSON.stringify(p), contentType: 'application/json' };
    },
  ],
  logging: [
    'GetBucketLogging',
    (call) => {
      const l = findBucket(call).Logging as Obj | undefined;
      return xml('BucketLoggingStatus', l ? { LoggingEnabled: { TargetBucket: l.TargetBucket, TargetPrefix: l.TargetPrefix ?? '', ...(l.LoggingRole ? { LoggingRole: l.LoggingRole } : {}) } } : {});
    },
  ],
  encryption: [
    'GetBucketEncryption',
    (call) => {
      const e = findBucket(call).Encryption as Obj | undefined;
      if (!e) throw ossError(404, 'NoSuchServerSideEncryptionRule', 'The server side encryption configuration was not found', '0010-00000001', { BucketName: call.bucket ?? '' });
      return xml('ServerSideEncryptionRule', { ApplyServerSideEncryptionByDefault: e });
    },
  ],
  lifecycle: [
    'GetBucketLifecycle',
    (call) => {
      const rules = findBucket(call).Lifecycle as Obj[] | undefined;
      if (!rules || rules.length === 0) throw ossError(404, 'NoSuchLifecycle', 'No Row found in Lifecycle Table.', '0011-00000001', { BucketName: call.bucket ?? '' });
      return xml('LifecycleConfiguration', { Rule: rules });
    },
  ],
  versioning: ['GetBucketVersioning', (call) => xml('VersioningConfiguration', findBucket(call).Versioning ? { Status: findBucket(call).Versioning } : {})],
  location: ['GetBucketLocation', (call) => xml('LocationConstraint', findBucket(call).Location)],
};

export interface OssRoute extends RestRoute {
  needsBucket: boolean;
}

/** Action from method + sub-resource; a bucket request without a known sub-resource is not implemented. */
export function ossRoute(method: string, bucket: string | undefined, query: Record<string, string>): OssRoute | undefined {
  if (method !== 'GET') return undefined;
  if (!bucket) return { action: 'ListBuckets', needsBucket: false, handler: listBuckets };
  for (const [key, [action, fn]] of Object.entries(SUB)) {
    if (key in query) return { action, needsBucket: true, handler: fn, region: (call) => { const b = call.world.oss?.buckets?.find((x) => x.Name === call.bucket); return b ? region(b) : undefined; } };
  }
  return undefined;
}

export const ossEndpointError = (b: Obj) =>
  ossError(403, 'AccessDenied', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', '0003-00001403', { Bucket: String(b.Name), Endpoint: `${String(b.Location)}.aliyuncs.com` });
