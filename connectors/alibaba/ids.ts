/** Asset ids in Alibaba's ARN form (stable across scans). */

export function accountArn(uid: string): string {
  return `acs:ram::${uid}:root`;
}

export function trailArn(homeRegion: string, uid: string, name: string): string {
  return `acs:actiontrail:${homeRegion}:${uid}:trail/${name}`;
}

export function ossBucketArn(uid: string, bucket: string): string {
  return `acs:oss:*:${uid}:${bucket}`;
}

export function slsProjectArn(region: string, uid: string, project: string): string {
  return `acs:log:${region}:${uid}:project/${project}`;
}

/** Generic form for resources without a documented ARN: acs:<product>:<region>:<uid>:<type>/<id>. */
export function resourceArn(product: string, region: string | null, uid: string, resourceType: string, id: string): string {
  return `acs:${product}:${region ?? ''}:${uid}:${resourceType}/${id}`;
}

/** Parses acs:log:<region>:<uid>:project/<name>; null when it is not that shape. */
export function parseSlsProjectArn(arn: string | null | undefined): { region: string; uid: string; project: string } | null {
  if (!arn) return null;
  const match = /^acs:log:([^:]*):([^:]*):project\/(.+)$/.exec(arn);
  if (!match) return null;
  return { region: match[1]!, uid: match[2]!, project: match[3]! };
}

/** A KMS key in the same form as ListKeys' KeyArn, so edges from disks/buckets/RDS meet the key asset. */
export function kmsKeyArn(region: string, uid: string, keyId: string): string {
  return keyId.startsWith('acs:kms:') ? keyId : `acs:kms:${region}:${uid}:key/${keyId}`;
}
