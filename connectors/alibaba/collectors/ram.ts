import type { Asset } from '../../../engine/graph/asset.js';
import type { CollectContext } from '../context.js';
import { accountArn } from '../ids.js';
import { bool, dateTime, json, list, num, plain, str } from '../normalize.js';
import { rpc, rpcMarkerPages } from '../rpc.js';
import { collectCredentialReport } from './ims.js';

type Obj = Record<string, unknown>;
const USER = 'AlibabaRamUser';
const POLICY = 'AlibabaRamPolicy';
const ACCOUNT = 'AlibabaAccount';

export const ramUserId = (uid: string, name: string): string => `acs:ram::${uid}:user/${name}`;
export const ramPolicyId = (uid: string, type: string, name: string): string =>
  type === 'System' ? `acs:ram::system:policy/${name}` : `acs:ram::${uid}:policy/${name}`;

/** RAM is global: users (with login profile, MFA, keys, attached policies), custom policies, account settings. */
export async function collectRam(ctx: CollectContext, account: Asset): Promise<void> {
  await Promise.all([users(ctx), policies(ctx), accountSettings(ctx, account), collectCredentialReport(ctx, account)]);
}

async function accountSettings(ctx: CollectContext, account: Asset): Promise<void> {
  const spec = (action: string, field: string) => ({ product: 'ram' as const, action, region: null, fields: [`${ACCOUNT}.${field}`] });
  const [policy, pref, keys, alias] = await Promise.all([
    rpc<Obj>(ctx, spec('GetPasswordPolicy', 'passwordPolicy')),
    rpc<Obj>(ctx, spec('GetSecurityPreference', 'securityPreference')),
    // Without UserName this lists the caller's keys: the root account's own keys when run as root (CIS 1.2).
    rpc<Obj>(ctx, spec('ListAccessKeys', 'callerAccessKeys')),
    // The account alias names the account in reports (name stays null if the call fails).
    rpc<Obj>(ctx, spec('GetAccountAlias', 'name')),
  ]);
  if (alias.ok && str(alias.value.AccountAlias)) account.name = str(alias.value.AccountAlias);
  const raw = (account.raw ?? {}) as Obj;
  if (policy.ok) {
    const p = (policy.value.PasswordPolicy ?? {}) as Obj;
    account.passwordPolicy = {
      minimumPasswordLength: num(p.MinimumPasswordLength),
      requireLowercaseCharacters: bool(p.RequireLowercaseCharacters),
      requireUppercaseCharacters: bool(p.RequireUppercaseCharacters),
      requireNumbers: bool(p.RequireNumbers),
      requireSymbols: bool(p.RequireSymbols),
      hardExpiry: bool(p.HardExpiry ?? p.HardExpire),
      maxPasswordAge: num(p.MaxPasswordAge),
      passwordReusePrevention: num(p.PasswordReusePrevention),
      // The API spells it MaxLoginAttemps.
      maxLoginAttempts: num(p.MaxLoginAttemps ?? p.MaxLoginAttempts),
    };
    raw.PasswordPolicy = plain(p);
  }
  if (pref.ok) {
    const s = (pref.value.SecurityPreference ?? {}) as Obj;
    const login = (s.LoginProfilePreference ?? {}) as Obj;
    account.securityPreference = {
      enableSaveMfaTicket: bool(login.EnableSaveMFATicket),
      allowUserToChangePassword: bool(login.AllowUserToChangePassword),
      loginSessionDuration: num(login.LoginSessionDuration),
      loginNetworkMasks: str(login.LoginNetworkMasks),
      allowUserToManageAccessKeys: bool((s.AccessKeyPreference as Obj | undefined)?.AllowUserToManageAccessKeys),
      allowUserToManageMfaDevices: bool((s.MFAPreference as Obj | undefined)?.AllowUserToManageMFADevices),
      allowUserToManagePublicKeys: bool((s.PublicKeyPreference as Obj | undefined)?.AllowUserToManagePublicKeys),
    };
    raw.SecurityPreference = plain(s);
  }
  if (keys.ok) account.callerAccessKeys = list<Obj>(keys.value.AccessKeys, 'AccessKey').map(accessKey);
}

function accessKey(k: Obj): Obj {
  return { accessKeyId: str(k.AccessKeyId), status: str(k.Status), active: str(k.Status) === 'Active', createDate: dateTime(k.CreateDate) };
}

async function users(ctx: CollectContext): Promise<void> {
  const { items } = await rpcMarkerPages<Obj>(ctx, { product: 'ram', action: 'ListUsers', region: null, types: [USER] }, {}, 1000, (p) => list(p.Users, 'User'));
  await Promise.all((items as Obj[]).map((u) => user(ctx, u)));
}

async function user(ctx: CollectContext, u: Obj): Promise<void> {
  const userName = String(u.UserName);
  const f = (field: string) => [`${USER}.${field}`];
  const [detail, login, mfa, keys, attached] = await Promise.all([
    rpc<Obj>(ctx, { product: 'ram', action: 'GetUser', region: null, fields: f('lastLoginDate') }, { UserName: userName }),
    rpc<Obj>(ctx, { product: 'ram', action: 'GetLoginProfile', region: null, fields: [...f('consoleLogin'), ...f('passwordResetRequired'), ...f('mfaBindRequired')], notFoundIsEmpty: true }, { UserName: userName }),
    rpc<Obj>(ctx, { product: 'ram', action: 'GetUserMFAInfo', region: null, fields: [...f('mfaEnabled'), ...f('mfaSerialNumber')], notFoundIsEmpty: true }, { UserName: userName }),
    rpc<Obj>(ctx, { product: 'ram', action: 'ListAccessKeys', region: null, fields: f('accessKeys') }, { UserName: userName }),
    rpc<Obj>(ctx, { product: 'ram', action: 'ListPoliciesForUser', region: null, fields: [...f('attachedPolicies'), ...f('policies')] }, { UserName: userName }),
  ]);
  const d = detail.ok ? ((detail.value.User ?? {}) as Obj) : {};
  const profile = login.ok ? ((login.value.LoginProfile ?? {}) as Obj) : null;
  const device = mfa.ok ? ((mfa.value.MFADevice ?? {}) as Obj) : null;
  const id = ramUserId(ctx.accountId, userName);
  const attachedList = attached.ok ? list<Obj>(attached.value.Policies, 'Policy') : [];
  ctx.addAsset({
    id,
    type: USER,
    region: null,
    name: userName,
    tags: [],
    raw: plain({ ...u, ...(detail.ok ? { User: d } : {}), ...(profile ? { LoginProfile: profile } : {}), ...(device ? { MFADevice: device } : {}) }),
    userId: str(u.UserId),
    userName,
    displayName: str(u.DisplayName),
    createDate: dateTime(u.CreateDate),
    lastLoginDate: detail.ok ? dateTime(d.LastLoginDate) : null,
    // Absent login profile (404) means no console access: false, not unknown.
    consoleLogin: login.ok ? true : login.notFound ? false : null,
    passwordResetRequired: profile ? bool(profile.PasswordResetRequired) : null,
    mfaBindRequired: profile ? bool(profile.MFABindRequired) : null,
    mfaEnabled: mfa.ok ? true : mfa.notFound ? false : null,
    mfaSerialNumber: device ? str(device.SerialNumber) : null,
    accessKeys: keys.ok ? list<Obj>(keys.value.AccessKeys, 'AccessKey').map(accessKey) : null,
    attachedPolicies: attached.ok
      ? attachedList.map((p) => ({ policyName: str(p.PolicyName), policyType: str(p.PolicyType), attachDate: dateTime(p.AttachDate) }))
      : null,
  });
  ctx.graph.addEdge(accountArn(ctx.accountId), 'ramUsers', id);
  for (const p of attachedList) ctx.graph.addEdge(id, 'policies', ramPolicyId(ctx.accountId, String(p.PolicyType), String(p.PolicyName)));
}

async function policies(ctx: CollectContext): Promise<void> {
  // Custom policies only: system policies are Alibaba's and identical in every account.
  const { items } = await rpcMarkerPages<Obj>(ctx, { product: 'ram', action: 'ListPolicies', region: null, types: [POLICY] }, { PolicyType: 'Custom' }, 1000, (p) => list(p.Policies, 'Policy'));
  await Promise.all((items as Obj[]).map(async (p) => {
    const name = String(p.PolicyName);
    const type = str(p.PolicyType) ?? 'Custom';
    // Both fields come from this call: a denied GetPolicy must make 1.15 error, not fail or pass.
    const detail = await rpc<Obj>(ctx, { product: 'ram', action: 'GetPolicy', region: null, fields: [`${POLICY}.policyDocument`, `${POLICY}.allowsFullAdmin`] }, { PolicyName: name, PolicyType: type });
    const version = detail.ok ? ((detail.value.DefaultPolicyVersion ?? {}) as Obj) : {};
    const docText = version.PolicyDocument ?? (detail.ok ? (detail.value.Policy as Obj | undefined)?.PolicyDocument : undefined);
    const document = json(docText);
    const id = ramPolicyId(ctx.accountId, type, name);
    ctx.addAsset({
      id,
      type: POLICY,
      region: null,
      name,
      tags: [],
      raw: plain(detail.ok ? { ...p, DefaultPolicyVersion: version } : p),
      policyName: name,
      policyType: type,
      description: str(p.Description),
      defaultVersion: str(p.DefaultVersion),
      attachmentCount: num(p.AttachmentCount),
      createDate: dateTime(p.CreateDate),
      updateDate: dateTime(p.UpdateDate),
      policyDocument: document,
      // Unknown (null) unless a document was read and parsed: a missing document proves nothing.
      allowsFullAdmin: detail.ok && document !== null && typeof document === 'object' ? allowsFullAdmin(document) : null,
    });
    ctx.graph.addEdge(accountArn(ctx.accountId), 'ramPolicies', id);
  }));
}

/** CIS 1.15: an Allow statement with Action "*" (or "*:*") on Resource "*" (or "acs:*:*:*:*"). */
export function allowsFullAdmin(document: unknown): boolean {
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  const arr = Array.isArray(statements) ? statements : statements ? [statements] : [];
  const wildcard = (x: unknown): boolean => x === '*' || x === '*:*' || x === 'acs:*:*:*:*';
  const has = (v: unknown): boolean => (Array.isArray(v) ? v.some(wildcard) : wildcard(v));
  return arr.some((s) => {
    const st = s as Obj;
    return st.Effect === 'Allow' && has(st.Action) && has(st.Resource);
  });
}
