/**
 * OSS answers are XML; the official model package (@alicloud/oss20190517 1.0.6, the only one on
 * npm) predates some of the API and declares a few things unlike the wire. What it gets wrong is
 * corrected here from Alibaba's current OpenAPI metadata (acs-metadata en_us/oss/2019-05-17/
 * api-docs.json, commit b3c749cc); everything else is the package's own model.
 */
import { loadModel, type TeaModel, type TeaType } from './tea-model.js';

const PKG = '@alicloud/oss20190517';
const model = (className: string) => loadModel({ pkg: PKG, className });

/** GetBucketInfo's `BucketPolicy` is the logging setting: LogBucket, LogPrefix (metadata BucketInfo.Bucket.BucketPolicy). */
class BucketInfoLogging {
  static names = () => ({ LogBucket: 'LogBucket', LogPrefix: 'LogPrefix' });
  static types = (): Record<string, TeaType> => ({ LogBucket: 'string', LogPrefix: 'string' });
}

/** Buckets: { Bucket: [Bucket] } (metadata ListBuckets ListAllMyBucketsResult.Buckets). */
class BucketList {
  static names = () => ({ Bucket: 'Bucket' });
  static types = (): Record<string, TeaType> => ({ Bucket: { type: 'array', itemType: model('Bucket') } });
}

/**
 * The ListAllMyBucketsResult element. The package's ListBucketsResponseBody declares its fields in
 * lower case (buckets, isTruncated, …) because its client copies them by hand out of this element.
 */
export class ListAllMyBucketsResult {
  static names = () => ({ Owner: 'Owner', Prefix: 'Prefix', Marker: 'Marker', MaxKeys: 'MaxKeys', IsTruncated: 'IsTruncated', NextMarker: 'NextMarker', Buckets: 'Buckets' });
  static types = (): Record<string, TeaType> => ({
    Owner: model('Owner'),
    Prefix: 'string',
    Marker: 'string',
    MaxKeys: 'number',
    IsTruncated: 'boolean',
    NextMarker: 'string',
    Buckets: BucketList as unknown as TeaModel,
  });
}

/** Fields the 1.0.6 models lack or mistype, by model class name (see the walker's `amend`). */
export const OSS_AMENDMENTS: Record<string, Record<string, TeaType>> = {
  BucketInfoBucket: {
    // metadata BucketInfo.Bucket: Comment (string), BlockPublicAccess (boolean), BucketPolicy {LogBucket, LogPrefix}.
    Comment: 'string',
    BlockPublicAccess: 'boolean',
    BucketPolicy: BucketInfoLogging as unknown as TeaModel,
  },
};

/** XML root element -> the model of its content. */
export const ossRoot = {
  ListBuckets: { root: 'ListAllMyBucketsResult', model: () => ListAllMyBucketsResult as unknown as TeaModel },
  GetBucketInfo: { root: 'BucketInfo', model: () => model('BucketInfo') },
  GetBucketAcl: { root: 'AccessControlPolicy', model: () => model('AccessControlPolicy') },
  GetBucketLogging: { root: 'BucketLoggingStatus', model: () => model('BucketLoggingStatus') },
  GetBucketEncryption: { root: 'ServerSideEncryptionRule', model: () => model('ServerSideEncryptionRule') },
  GetBucketLifecycle: { root: 'LifecycleConfiguration', model: () => model('LifecycleConfiguration') },
  GetBucketVersioning: { root: 'VersioningConfiguration', model: () => model('VersioningConfiguration') },
} as const;
