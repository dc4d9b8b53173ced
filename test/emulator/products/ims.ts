import { apiError } from '../errors.js';
import type { Call, RpcProduct } from '../handler.js';
import type { Obj } from '../types.js';

const COLUMNS = [
  'user', 'user_creation_time', 'user_last_logon', 'password_exist', 'password_active', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_exist', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used',
  'access_key_2_exist', 'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used',
];

const tf = (b: boolean): string => (b ? 'TRUE' : 'FALSE');

function keyCols(keys: Obj[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < 2; i++) {
    const k = keys[i];
    out.push(k ? 'TRUE' : 'FALSE', k ? tf(k.Status === 'Active') : 'N/A', k ? String(k.CreateDate) : 'N/A', k ? String(k.LastUsedDate ?? '-') : 'N/A');
  }
  return out;
}

/** The credential report CSV built from the world (reference §2.4: `<root>` first, then UPNs). */
export function credentialReport(call: Call): string {
  const acct = call.world.account;
  const root = (acct.Root ?? {}) as Obj;
  const rows = [COLUMNS.join(',')];
  rows.push(['<root>', String(root.CreateDate ?? '-'), String(root.LastLogon ?? '-'), 'TRUE', 'TRUE', '-', 'N/A', tf(root.MFAActive === true), ...keyCols((root.AccessKeys ?? []) as Obj[])].join(','));
  for (const u of call.world.ram?.users ?? []) {
    const lp = u.LoginProfile as Obj | undefined;
    rows.push([
      `${String(u.UserName)}@${acct.AccountId}.onaliyun.com`,
      String(u.CreateDate),
      String(u.LastLoginDate ?? '-'),
      tf(!!lp),
      lp ? tf(lp.Status !== 'Inactive') : 'N/A',
      lp ? String(lp.PasswordLastChanged ?? lp.CreateDate ?? '-') : 'N/A',
      'N/A',
      tf(!!u.MFADevice),
      ...keyCols((u.AccessKeys ?? []) as Obj[]),
    ].join(','));
  }
  return rows.join('\n') + '\n';
}

/**
 * Report generation as the model has it: GenerateCredentialReport answers STARTED, INPROGRESS or
 * COMPLETED. The world's `account.CredentialReportStates` lists what successive Generate calls
 * answer (the last one repeats); without it the report is ready at once. Until a Generate call
 * has answered COMPLETED, GetCredentialReport answers with no content.
 */
const generateCalls = new WeakMap<object, number>();

function reportState(call: Call, advance: boolean): string {
  const states = call.world.account.CredentialReportStates as string[] | undefined;
  if (!states?.length) return 'COMPLETED';
  const n = generateCalls.get(call.world) ?? 0;
  if (advance) generateCalls.set(call.world, n + 1);
  const seen = advance ? n : n - 1;
  return seen < 0 ? 'NONE' : states[Math.min(seen, states.length - 1)] ?? 'COMPLETED';
}

export const ims: RpcProduct = {
  name: 'ims',
  display: 'Ims',
  version: '2019-08-15',
  host: () => 'ims.aliyuncs.com',
  denyCode: 'NoPermission',
  actions: {
    GenerateCredentialReport: (call) => ({ State: reportState(call, true) }),
    GetCredentialReport(call) {
      if (call.params.NextToken) throw apiError(400, 'InvalidParameter.NextToken', 'The specified NextToken is not valid.');
      const ready = reportState(call, false) === 'COMPLETED';
      const csv = ready ? Buffer.from(credentialReport(call)).toString('base64') : '';
      return { Content: csv, GeneratedTime: ready ? new Date(call.now()).toISOString().replace(/\.\d{3}Z$/, 'Z') : '', IsTruncated: 'false', NextToken: '' };
    },
  },
};
