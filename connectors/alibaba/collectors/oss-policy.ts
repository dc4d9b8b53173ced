/**
 * What an OSS bucket policy means for the CIS storage controls (2.2, 5.1, 5.4, 5.7): pure
 * functions over the parsed policy document, so the semantics are testable without a bucket.
 *
 * A statement's Condition is an AND of `{ Operator: { key: value | values } }` entries; a
 * statement is narrowed to a set of callers when one of those entries cannot hold for an
 * arbitrary caller on the internet. Only network origin and credentials narrow who can call:
 * `acs:SourceIp` (not `0.0.0.0/0` / `::/0`), `acs:SourceVpc`, `acs:AccessId`. Transport
 * (`acs:SecureTransport`), time, `acs:Referer` and `acs:UserAgent` (sent by the caller) do not.
 */
import { globMatches } from '../../../engine/exceptions/glob.js';

type Obj = Record<string, unknown>;

export interface BucketPolicyFacts {
  /** CIS 5.4: a Deny to everyone (`Principal *`) when `acs:SecureTransport` is false. */
  secureTransportRequired: boolean;
  /** CIS 5.1 / 2.2: an Allow to everyone that no condition narrows and no Deny takes back. */
  publicByPolicy: boolean;
  /** CIS 5.7: a statement limits callers by network (`acs:SourceIp` ranges, `acs:SourceVpc`) and nothing grants everyone access. */
  networkRestricted: boolean;
  /** The statements that make the bucket public (5.1 / 2.2 reasons), e.g. `Allow oss:GetObject to * on acs:oss:*:*:b/*`. */
  publicGrants: string[];
}

export function analyzeBucketPolicy(document: unknown): BucketPolicyFacts {
  const statements = policyStatements(document).map(readStatement);
  const denies = statements.filter((s) => s.effect === 'deny');
  const publicAllows = statements.filter((s) => s.effect === 'allow' && s.toEveryone && !narrowsCallers(s.conditions, 'allow') && !takenBack(s, denies));
  const publicByPolicy = publicAllows.length > 0;
  return {
    secureTransportRequired: denies.some((s) => s.principals === 'everyone' && deniesPlainHttp(s.conditions)),
    publicByPolicy,
    networkRestricted: !publicByPolicy && statements.some(hasNetworkRule),
    publicGrants: publicAllows.map((s) => `Allow ${s.actions.join(', ') || '(no action)'} to * on ${s.resources.join(', ') || '(no resource)'}`),
  };
}

/** An allow-list by network (any principals), or a deny-unless-from-network to everyone. */
function hasNetworkRule(s: Statement): boolean {
  if (s.effect === undefined || (s.effect === 'deny' && s.principals === 'named')) return false;
  return s.conditions.some((c) => networkNarrowing(c, s.effect!));
}

/** One condition entry: operator (lower case, `IfExists` split off), key (lower case), values as strings. */
interface Condition {
  operator: string;
  ifExists: boolean;
  key: string;
  values: string[];
}

interface Statement {
  effect: 'allow' | 'deny' | undefined;
  /** `everyone`: Principal `*`; `allBut`: NotPrincipal (everyone except those named); `named`: specific principals. */
  principals: 'everyone' | 'allBut' | 'named';
  /** An Allow that reaches anonymous callers: Principal `*`, or NotPrincipal. */
  toEveryone: boolean;
  actions: string[];
  resources: string[];
  conditions: Condition[];
}

function readStatement(s: Obj): Statement {
  const effect = typeof s.Effect === 'string' ? s.Effect.toLowerCase() : undefined;
  const principals = s.NotPrincipal !== undefined ? 'allBut' : principalValues(s.Principal).some((p) => p === '*') ? 'everyone' : 'named';
  return {
    effect: effect === 'allow' || effect === 'deny' ? effect : undefined,
    principals,
    toEveryone: principals !== 'named',
    actions: strings(s.Action),
    resources: strings(s.Resource),
    conditions: readConditions(s.Condition),
  };
}

/** Principal as `"*"`, `["*", ...]` or `{ "RAM": [...] }` (any key): its values, trimmed. */
function principalValues(p: unknown): string[] {
  if (p !== null && typeof p === 'object' && !Array.isArray(p)) return Object.values(p as Obj).flatMap(strings);
  return strings(p);
}

function strings(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.filter((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean').map((x) => String(x).trim());
}

function readConditions(c: unknown): Condition[] {
  if (c === null || typeof c !== 'object' || Array.isArray(c)) return [];
  const out: Condition[] = [];
  for (const [op, entries] of Object.entries(c as Obj)) {
    if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) continue;
    const lower = op.toLowerCase();
    const ifExists = lower.endsWith('ifexists');
    for (const [key, value] of Object.entries(entries as Obj)) {
      out.push({ operator: ifExists ? lower.slice(0, -'ifexists'.length) : lower, ifExists, key: key.toLowerCase(), values: strings(value) });
    }
  }
  return out;
}

const POSITIVE_STRING = new Set(['stringequals', 'stringequalsignorecase', 'stringlike']);
const NEGATIVE_STRING = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike']);
/** Keys whose value a caller cannot choose: where the request comes from, whose key signed it. */
const IDENTITY_KEYS = new Set(['acs:sourcevpc', 'acs:sourcevpcid', 'acs:accessid']);

/** A CIDR (or address) that matches every address of its family: prefix length 0. */
const isWorld = (range: string): boolean => /\/0+$/.test(range);

/**
 * Whether a condition entry keeps an arbitrary internet caller out of the statement's effect:
 * for an Allow, the condition must fail for them (the allow-list form, e.g. IpAddress on a
 * private range); for a Deny, it must hold for them (the deny-unless form, e.g. NotIpAddress).
 */
function networkNarrowing(c: Condition, effect: 'allow' | 'deny'): boolean {
  if (c.key === 'acs:sourceip') {
    const specific = c.values.length > 0 && !c.values.some(isWorld);
    return specific && c.operator === (effect === 'allow' ? 'ipaddress' : 'notipaddress');
  }
  if (c.key === 'acs:sourcevpc' || c.key === 'acs:sourcevpcid') return identityNarrowing(c, effect);
  return false;
}

function identityNarrowing(c: Condition, effect: 'allow' | 'deny'): boolean {
  if (!IDENTITY_KEYS.has(c.key)) return false;
  const specific = c.values.length > 0 && !c.values.includes('*');
  // An internet caller has no VPC (and an anonymous one no AccessId): `...IfExists` holds for them.
  if (effect === 'allow') return specific && POSITIVE_STRING.has(c.operator) && !c.ifExists;
  return specific && NEGATIVE_STRING.has(c.operator);
}

/** An Allow whose conditions keep arbitrary callers out (any one entry of the AND suffices). */
function narrowsCallers(conditions: Condition[], effect: 'allow' | 'deny'): boolean {
  return conditions.some((c) => networkNarrowing(c, effect) || identityNarrowing(c, effect));
}

/**
 * A public Allow is taken back by a Deny that reaches the same callers for every action and
 * resource the Allow grants, and whose condition holds for an arbitrary caller: unconditioned
 * (then no one is allowed), or the deny-unless form of a network/identity restriction. A Deny to
 * everyone but named principals (NotPrincipal), unconditioned, leaves only those principals.
 */
function takenBack(allow: Statement, denies: Statement[]): boolean {
  return denies.some((d) => {
    if (d.principals === 'named') return false;
    if (!covers(d.actions, allow.actions) || !covers(d.resources, allow.resources)) return false;
    if (d.conditions.length === 0) return true;
    return d.principals === 'everyone' && d.conditions.every((c) => networkNarrowing(c, 'deny') || identityNarrowing(c, 'deny'));
  });
}

/**
 * Every pattern of `granted` is matched by some pattern of `denied` (`*` and `?` wildcards,
 * case-insensitive). Matched by the linear-time glob scan, not a RegExp: a policy is cloud data,
 * and `.*` per star backtracks exponentially in the stars.
 */
function covers(denied: string[], granted: string[]): boolean {
  if (granted.length === 0) return true;
  const patterns = denied.map((d) => d.toLowerCase());
  return granted.every((g) => patterns.some((d) => globMatches(d, g.toLowerCase())));
}

/** The Deny applies when the request is not over HTTPS: `acs:SecureTransport` is false (a Deny on true blocks HTTPS instead). */
function deniesPlainHttp(conditions: Condition[]): boolean {
  return conditions.length > 0 && conditions.every((c) =>
    c.key === 'acs:securetransport' && (c.operator === 'bool' || c.operator === 'stringequals' || c.operator === 'stringequalsignorecase')
    && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === 'false'));
}

function policyStatements(doc: unknown): Obj[] {
  const s = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(s) ? s : s ? [s] : [];
  return list.filter((x): x is Obj => x !== null && typeof x === 'object' && !Array.isArray(x));
}
