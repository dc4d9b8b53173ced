/**
 * What an OSS bucket policy means for the CIS storage controls (2.2, 5.1, 5.4, 5.7): pure
 * functions over the parsed policy document, so the semantics are testable without a bucket.
 */
type Obj = Record<string, unknown>;

export interface BucketPolicyFacts {
  /** CIS 5.4: a Deny statement conditioned on acs:SecureTransport. */
  secureTransportRequired: boolean;
  /** CIS 5.1 / 2.2: an unconditioned Allow to everyone. */
  publicByPolicy: boolean;
  /** CIS 5.7: access restricted by acs:SourceIp / VPC conditions. */
  networkRestricted: boolean;
}

export function analyzeBucketPolicy(document: unknown): BucketPolicyFacts {
  const statements = policyStatements(document);
  return {
    secureTransportRequired: statements.some((s) => s.Effect === 'Deny' && JSON.stringify(s.Condition ?? {}).includes('acs:SecureTransport')),
    publicByPolicy: statements.some((s) => s.Effect === 'Allow' && principalsOf(s).includes('*') && !s.Condition),
    networkRestricted: statements.some((s) => /acs:Source(Ip|Vpc)/i.test(JSON.stringify(s.Condition ?? {}))),
  };
}

function principalsOf(statement: Obj): unknown[] {
  const p = statement.Principal;
  return Array.isArray(p) ? p : p === undefined ? [] : [p];
}

function policyStatements(doc: unknown): Obj[] {
  const s = (doc as { Statement?: unknown } | null)?.Statement;
  return Array.isArray(s) ? (s as Obj[]) : s ? [s as Obj] : [];
}
