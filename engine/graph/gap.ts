/**
 * A gap is data that could not be collected. Checks that read what a gap touches report
 * `error` instead of passing on incomplete data (never fail open).
 */
export interface Gap {
  provider: string;
  /** Product or service, e.g. `actiontrail`, `oss`. */
  product: string;
  /** API action that failed, e.g. `DescribeTrails`. */
  action: string;
  region?: string | null;
  /** Provider error code (`Throttling.User`, `Forbidden.RAM`) or a transport code (`ETIMEDOUT`). */
  code: string;
  message: string;
  /** Asset types whose list may be incomplete because of this gap, e.g. `AlibabaActionTrail`. */
  types?: string[];
  /** Fields that may be missing or wrong on otherwise collected assets, as `Type.field`. */
  fields?: string[];
  /** For permission denials: the RAM action to grant. */
  permission?: string;
}

/** One line naming a gap, for check errors and summaries. */
export function describeGap(gap: Gap): string {
  const where = gap.region ? ` in ${gap.region}` : '';
  const grant = gap.permission ? ` (grant ${gap.permission})` : '';
  return `${gap.product}:${gap.action}${where} failed with ${gap.code}: ${gap.message}${grant}`;
}
