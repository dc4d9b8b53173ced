import { apiError } from '../errors.js';
import { required, type Call, type RpcProduct } from '../handler.js';
import type { Obj } from '../types.js';

function callerIdentity(call: Call): Obj {
  const id = call.identity;
  const uid = id.AccountId;
  if (id.kind === 'root') return { AccountId: uid, UserId: uid, PrincipalId: uid, Arn: `acs:ram::${uid}:root`, IdentityType: 'Account' };
  if (id.kind === 'ram-user') {
    const user = call.world.ram?.users?.find((u) => u.UserName === id.UserName);
    const userId = String(user?.UserId ?? `2${uid.slice(1)}`);
    return { AccountId: uid, UserId: userId, PrincipalId: userId, Arn: `acs:ram::${uid}:user/${id.UserName}`, IdentityType: 'RAMUser' };
  }
  const roleId = String(id.role?.RoleId ?? '');
  return {
    AccountId: uid,
    RoleId: roleId,
    PrincipalId: `${roleId}:${id.sessionName}`,
    Arn: `acs:ram::${uid}:assumed-role/${String(id.role?.RoleName ?? '').toLowerCase()}/${id.sessionName}`,
    IdentityType: 'AssumedRoleUser',
  };
}

export const sts: RpcProduct = {
  name: 'sts',
  display: 'Sts',
  version: '2015-04-01',
  host: () => 'sts.aliyuncs.com',
  denyCode: 'NoPermission',
  actions: {
    GetCallerIdentity: callerIdentity,
    AssumeRole(call) {
      const arn = required(call, 'RoleArn');
      const session = required(call, 'RoleSessionName');
      if (call.identity.kind === 'root') throw apiError(403, 'NoPermission', 'Roles may not be assumed by root accounts.');
      const role = call.world.ram?.roles?.find((r) => String(r.Arn).toLowerCase() === arn.toLowerCase());
      if (!role) throw apiError(404, 'EntityNotExist.Role', 'The role not exists: ' + arn);
      const duration = Number(call.params.DurationSeconds ?? 3600);
      if (!Number.isInteger(duration) || duration < 900 || duration > 43200) throw apiError(400, 'InvalidParameter.DurationSeconds', 'The Min/Max value of DurationSeconds is 15min/12hr.');
      const s = call.store.issueSession(call.identity, role, session, duration);
      return {
        Credentials: { AccessKeyId: s.AccessKeyId, AccessKeySecret: s.secret, SecurityToken: s.securityToken, Expiration: new Date(s.expiresAt ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z') },
        AssumedRoleUser: { AssumedRoleId: `${String(role.RoleId)}:${session}`, Arn: `acs:ram::${call.identity.AccountId}:assumed-role/${String(role.RoleName).toLowerCase()}/${session}` },
      };
    },
  },
};
