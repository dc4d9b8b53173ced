/**
 * Allowed values of the enum fields that checks read. The SDK models carry no enums; these come
 * from Alibaba's OpenAPI metadata ("Valid values:" in each field's description), as mirrored in
 * github.com/dew-serverless/acs-metadata, file en_us/<product>/<version>/api-docs.json (commit
 * b3c749cc, metadata of 2025-12-19), apis.<Action>.responses.200.schema unless said otherwise.
 *
 * Fields whose valid values the response schema leaves out are sourced from the request parameter
 * of the same meaning, or from the SDK package's own doc comments (generated from that metadata);
 * the comment on each entry names it.
 *
 * A path walks the decoded answer: `a.b` follows keys, `a[]` every item of the array at `a`.
 */
export interface EnumField {
  path: string;
  values: readonly (string | number | boolean)[];
}

export const ENUM_FIELDS: Record<string, readonly EnumField[]> = {
  'actiontrail:DescribeTrails': [
    { path: 'TrailList[].Status', values: ['Enable', 'Disable', 'Fresh'] },
    { path: 'TrailList[].EventRW', values: ['Write', 'Read', 'All'] },
  ],
  'ecs:DescribeInstances': [
    { path: 'Instances.Instance[].InstanceNetworkType', values: ['classic', 'vpc'] },
    // DescribeInstances request parameter Status.
    { path: 'Instances.Instance[].Status', values: ['Pending', 'Running', 'Starting', 'Stopping', 'Stopped'] },
  ],
  'ecs:DescribeDisks': [
    { path: 'Disks.Disk[].Type', values: ['system', 'data'] },
    { path: 'Disks.Disk[].Status', values: ['In_use', 'Available', 'Attaching', 'Detaching', 'Creating', 'ReIniting'] },
  ],
  'ecs:DescribeSecurityGroupAttribute': [
    // Request parameter Direction of this API.
    { path: 'Permissions.Permission[].Direction', values: ['ingress', 'egress'] },
    // AuthorizeSecurityGroup's Permissions[].Policy is accept/drop; this API's example answers `Accept`.
    { path: 'Permissions.Permission[].Policy', values: ['accept', 'drop', 'Accept', 'Drop'] },
    // AuthorizeSecurityGroup's Permissions[].IpProtocol (case-insensitive there; answered upper case).
    { path: 'Permissions.Permission[].IpProtocol', values: ['TCP', 'UDP', 'ICMP', 'ICMPv6', 'GRE', 'ALL'] },
    { path: 'InnerAccessPolicy', values: ['Accept', 'Drop'] },
  ],
  'vpc:DescribeFlowLogs': [
    { path: 'FlowLogs.FlowLog[].Status', values: ['Active', 'Activating', 'Inactive'] },
    { path: 'FlowLogs.FlowLog[].TrafficType', values: ['All', 'Allow', 'Drop'] },
    { path: 'FlowLogs.FlowLog[].ResourceType', values: ['NetworkInterface', 'VSwitch', 'VPC'] },
  ],
  // RAM PolicyType: request parameter PolicyType of ListPolicies.
  'ram:ListAccessKeys': [{ path: 'AccessKeys.AccessKey[].Status', values: ['Active', 'Inactive'] }],
  'ram:ListPolicies': [{ path: 'Policies.Policy[].PolicyType', values: ['System', 'Custom'] }],
  'ram:ListPoliciesForUser': [{ path: 'Policies.Policy[].PolicyType', values: ['System', 'Custom'] }],
  'ram:GetPolicy': [{ path: 'Policy.PolicyType', values: ['System', 'Custom'] }],
  // RDS (api-docs.json absent from the mirror): DescribeDBInstances request parameter Engine; the
  // others from the doc comments of @alicloud/rds20140815 15.4.0's response models.
  'rds:DescribeDBInstances': [{ path: 'Items.DBInstance[].Engine', values: ['MySQL', 'SQLServer', 'PostgreSQL', 'MariaDB'] }],
  // MySQL/SQL Server answer Yes/No, PostgreSQL on/off.
  'rds:DescribeDBInstanceSSL': [{ path: 'SSLEnabled', values: ['Yes', 'No', 'on', 'off'] }],
  'rds:DescribeDBInstanceTDE': [{ path: 'TDEStatus', values: ['Enabled', 'Disabled'] }],
  'rds:DescribeSQLCollectorPolicy': [{ path: 'SQLCollectorStatus', values: ['Enable', 'Disabled'] }],
  'kms:DescribeKey': [
    { path: 'KeyMetadata.AutomaticRotation', values: ['Enabled', 'Disabled', 'Suspended'] },
    { path: 'KeyMetadata.DeletionProtection', values: ['Enabled', 'Disabled'] },
  ],
  // Security Center: no npm SDK; the metadata's LogMetaList[].Category is host or security.
  'sas:DescribeLogMeta': [
    { path: 'LogMetaList[].Category', values: ['host', 'security'] },
    { path: 'LogMetaList[].Status', values: ['enabled', 'disabled'] },
  ],
  'sas:DescribeVersionConfig': [
    { path: 'Version', values: [1, 3, 5, 6, 7, 8, 10] },
    { path: 'HighestVersion', values: [1, 3, 5, 6, 7, 10] },
  ],
  'cloudfw:DescribeUserBuyVersion': [
    { path: 'InstanceStatus', values: ['normal', 'init', 'deleting', 'abnormal', 'free'] },
    { path: 'Version', values: [2, 3, 4, 10] },
  ],
};

/** Values at `path` in `body` (arrays expanded where the path says `[]`), with their concrete paths. */
export function valuesAt(body: unknown, path: string): { at: string; value: unknown }[] {
  let found: { at: string; value: unknown }[] = [{ at: '', value: body }];
  for (const raw of path.split('.')) {
    const each = raw.endsWith('[]');
    const key = each ? raw.slice(0, -2) : raw;
    found = found.flatMap(({ at, value }) => {
      if (value === null || typeof value !== 'object') return [];
      const next = (value as Record<string, unknown>)[key];
      const here = at ? `${at}.${key}` : key;
      if (next === undefined || next === null) return [];
      if (!each) return [{ at: here, value: next }];
      return Array.isArray(next) ? next.map((v, i) => ({ at: `${here}[${i}]`, value: v })) : [];
    });
  }
  return found;
}
