import { apiError } from '../errors.js';
import { required, strip, wrap, type Call, type RpcProduct } from '../handler.js';
import { byMarker } from '../paging.js';
import type { Obj } from '../types.js';

const USER_SIDE_CARS = ['LoginProfile', 'MFADevice', 'AccessKeys', 'Policies', 'LastLoginDate'];
const POLICY_SIDE_CARS = ['PolicyDocument', 'Versions'];

/** Alibaba's default password policy, returned when the world sets none. */
const DEFAULT_PASSWORD_POLICY = {
  MinimumPasswordLength: 8,
  RequireLowercaseCharacters: true,
  RequireUppercaseCharacters: true,
  RequireNumbers: true,
  RequireSymbols: false,
  HardExpiry: false,
  MaxPasswordAge: 0,
  PasswordReusePrevention: 0,
  MaxLoginAttemps: 5,
};

export function findUser(call: Call, name: string): Obj {
  const user = call.world.ram?.users?.find((u) => u.UserName === name);
  if (!user) throw apiError(404, 'EntityNotExist.User', 'The user does not exist.');
  return user;
}

function findPolicy(call: Call): Obj {
  const name = required(call, 'PolicyName');
  const type = required(call, 'PolicyType');
  const p = call.world.ram?.policies?.find((x) => x.PolicyName === name && x.PolicyType === type);
  if (!p) throw apiError(404, 'EntityNotExist.Policy', 'The policy does not exist.');
  return p;
}

const attached = (entity: Obj, policy: Obj) => ((entity.Policies ?? []) as Obj[]).find((a) => a.PolicyName === policy.PolicyName && a.PolicyType === policy.PolicyType);

export const ram: RpcProduct = {
  name: 'ram',
  display: 'Ram',
  version: '2015-05-01',
  host: () => 'ram.aliyuncs.com',
  denyCode: 'NoPermission',
  actions: {
    ListUsers(call) {
      const r = byMarker((call.world.ram?.users ?? []).map((u) => strip(u, USER_SIDE_CARS)), call.params.Marker, call.params.MaxItems);
      return { IsTruncated: r.IsTruncated, ...(r.Marker ? { Marker: r.Marker } : {}), Users: wrap('User', r.items) };
    },
    GetUser: (call) => ({ User: strip(findUser(call, required(call, 'UserName')), USER_SIDE_CARS.filter((k) => k !== 'LastLoginDate')) }),
    GetLoginProfile(call) {
      const user = findUser(call, required(call, 'UserName'));
      if (!user.LoginProfile) throw apiError(404, 'EntityNotExist.User.LoginProfile', 'The user login profile does not exist.');
      return { LoginProfile: { UserName: user.UserName, ...(user.LoginProfile as Obj) } };
    },
    ListAccessKeys(call) {
      const name = call.params.UserName ?? (call.identity.kind === 'ram-user' ? call.identity.UserName : undefined);
      const keys = name ? (findUser(call, name).AccessKeys ?? []) : (call.world.account.Root as Obj | undefined)?.AccessKeys ?? [];
      return { AccessKeys: wrap('AccessKey', (keys as Obj[]).map((k) => strip(k, ['LastUsedDate']))) };
    },
    ListVirtualMFADevices: (call) => ({
      VirtualMFADevices: wrap(
        'VirtualMFADevice',
        (call.world.ram?.users ?? []).filter((u) => u.MFADevice).map((u) => {
          const d = u.MFADevice as Obj;
          return { SerialNumber: d.SerialNumber, ActivateDate: d.ActivateDate ?? u.CreateDate, User: { UserId: u.UserId, UserName: u.UserName, DisplayName: u.DisplayName ?? u.UserName } };
        }),
      ),
    }),
    GetUserMFAInfo(call) {
      const user = findUser(call, required(call, 'UserName'));
      if (!user.MFADevice) throw apiError(404, 'EntityNotExist.User.MFADevice', 'The user has not bound any MFA device.');
      const d = user.MFADevice as Obj;
      return { MFADevice: { SerialNumber: d.SerialNumber, Type: d.Type ?? 'VMFA' } };
    },
    GetAccountAlias: (call) => ({ AccountAlias: call.world.account.AccountAlias ?? '' }),
    GetPasswordPolicy: (call) => ({ PasswordPolicy: call.world.ram?.passwordPolicy ?? DEFAULT_PASSWORD_POLICY }),
    GetSecurityPreference: (call) => ({
      SecurityPreference: call.world.ram?.securityPreference ?? {
        LoginProfilePreference: { EnableSaveMFATicket: false, AllowUserToChangePassword: true, LoginSessionDuration: 6, LoginNetworkMasks: '' },
        AccessKeyPreference: { AllowUserToManageAccessKeys: false },
        MFAPreference: { AllowUserToManageMFADevices: true },
        PublicKeyPreference: { AllowUserToManagePublicKeys: false },
      },
    }),
    ListPolicies(call) {
      const type = call.params.PolicyType;
      const all = (call.world.ram?.policies ?? []).filter((p) => !type || p.PolicyType === type).map((p) => strip(p, POLICY_SIDE_CARS));
      const r = byMarker(all, call.params.Marker, call.params.MaxItems);
      return { IsTruncated: r.IsTruncated, ...(r.Marker ? { Marker: r.Marker } : {}), Policies: wrap('Policy', r.items) };
    },
    ListPoliciesForUser(call) {
      const user = findUser(call, required(call, 'UserName'));
      const list = ((user.Policies ?? []) as Obj[]).map((a) => {
        const p = call.world.ram?.policies?.find((x) => x.PolicyName === a.PolicyName && x.PolicyType === a.PolicyType) ?? {};
        return { PolicyName: a.PolicyName, PolicyType: a.PolicyType, Description: p.Description ?? '', DefaultVersion: p.DefaultVersion ?? 'v1', AttachDate: a.AttachDate ?? user.CreateDate };
      });
      return { Policies: wrap('Policy', list) };
    },
    GetPolicy(call) {
      const p = findPolicy(call);
      return {
        Policy: strip(p, ['Versions']),
        DefaultPolicyVersion: { VersionId: p.DefaultVersion, IsDefaultVersion: true, PolicyDocument: p.PolicyDocument, CreateDate: p.UpdateDate ?? p.CreateDate },
      };
    },
    GetPolicyVersion(call) {
      const p = findPolicy(call);
      const id = required(call, 'VersionId');
      const version = id === p.DefaultVersion
        ? { VersionId: id, IsDefaultVersion: true, PolicyDocument: p.PolicyDocument, CreateDate: p.UpdateDate ?? p.CreateDate }
        : ((p.Versions ?? []) as Obj[]).find((v) => v.VersionId === id);
      if (!version) throw apiError(404, 'EntityNotExist.Policy.Version', 'The policy version does not exist.');
      return { PolicyVersion: { IsDefaultVersion: false, ...version } };
    },
    ListEntitiesForPolicy(call) {
      const p = findPolicy(call);
      const users = (call.world.ram?.users ?? []).filter((u) => attached(u, p)).map((u) => ({ UserId: u.UserId, UserName: u.UserName, DisplayName: u.DisplayName ?? u.UserName, AttachDate: attached(u, p)?.AttachDate ?? u.CreateDate }));
      const roles = (call.world.ram?.roles ?? []).filter((r) => attached(r, p)).map((r) => ({ RoleId: r.RoleId, RoleName: r.RoleName, Arn: r.Arn, Description: r.Description ?? '', AttachDate: attached(r, p)?.AttachDate ?? r.CreateDate }));
      return { Users: wrap('User', users), Groups: wrap('Group', []), Roles: wrap('Role', roles) };
    },
    ListRoles(call) {
      const r = byMarker((call.world.ram?.roles ?? []).map((x) => strip(x, ['Policies', 'AssumeRolePolicyDocument'])), call.params.Marker, call.params.MaxItems);
      return { IsTruncated: r.IsTruncated, ...(r.Marker ? { Marker: r.Marker } : {}), Roles: wrap('Role', r.items) };
    },
  },
};
