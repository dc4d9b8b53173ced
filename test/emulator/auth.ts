import { randomBytes } from 'node:crypto';
import { apiError } from './errors.js';
import type { Obj, World } from './types.js';

/** Who signed a request: a world key or an STS session issued by AssumeRole. */
export interface Identity {
  AccessKeyId: string;
  secret: string;
  AccountId: string;
  kind: 'root' | 'ram-user' | 'assumed-role';
  UserName?: string;
  role?: Obj;
  sessionName?: string;
  securityToken?: string;
  expiresAt?: number;
}

const SKEW_MS = 15 * 60 * 1000;

/** Keys, STS sessions, nonce replay and clock-skew checks shared by every protocol. */
export class CredentialStore {
  private readonly keys = new Map<string, Identity>();
  private readonly sessions = new Map<string, Identity>();
  private readonly nonces = new Map<string, number>();
  private readonly inactive: Set<string>;

  constructor(world: World, private readonly clock: () => number) {
    for (const c of world.credentials) {
      if (c.Status === 'Inactive') continue;
      this.keys.set(c.AccessKeyId, { AccessKeyId: c.AccessKeyId, secret: c.AccessKeySecret, AccountId: c.AccountId, kind: c.Type, ...(c.UserName ? { UserName: c.UserName } : {}) });
    }
    this.inactive = new Set(world.credentials.filter((c) => c.Status === 'Inactive').map((c) => c.AccessKeyId));
  }

  lookup(accessKeyId: string | undefined): Identity {
    if (!accessKeyId) throw apiError(400, 'MissingParameter', 'The input parameter "AccessKeyId" that is mandatory for processing this request is not supplied.');
    if (this.inactive.has(accessKeyId)) throw apiError(400, 'InvalidAccessKeyId.Inactive');
    const id = this.keys.get(accessKeyId) ?? this.sessions.get(accessKeyId);
    if (!id) throw apiError(404, 'InvalidAccessKeyId.NotFound');
    return id;
  }

  /** STS keys only work with their own token, until expiry; a token on a long-term key is rejected too. */
  checkToken(id: Identity, token: string | undefined): void {
    if (id.kind !== 'assumed-role') {
      if (token) throw apiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
      return;
    }
    if (!token) throw apiError(400, 'MissingSecurityToken', 'SecurityToken is missing for the STS AccessKey.');
    if (token !== id.securityToken) throw apiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');
    if ((id.expiresAt ?? Infinity) < this.clock()) throw apiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');
  }

  checkTime(ms: number): void {
    if (Number.isNaN(ms)) throw apiError(400, 'InvalidTimeStamp.Format');
    if (Math.abs(ms - this.clock()) > SKEW_MS) throw apiError(400, 'InvalidTimeStamp.Expired');
  }

  /** Nonces are remembered per key for the skew window (reference §3.2 notes). */
  checkNonce(accessKeyId: string, nonce: string | undefined): void {
    if (!nonce) return;
    const now = this.clock();
    if (this.nonces.size > 50_000) for (const [k, exp] of this.nonces) if (exp < now) this.nonces.delete(k);
    const key = `${accessKeyId}\n${nonce}`;
    const exp = this.nonces.get(key);
    if (exp !== undefined && exp >= now) throw apiError(400, 'SignatureNonceUsed');
    this.nonces.set(key, now + SKEW_MS);
  }

  issueSession(caller: Identity, role: Obj, sessionName: string, durationSeconds: number): Identity {
    const id: Identity = {
      AccessKeyId: `STS.${randomBytes(12).toString('base64url')}`,
      secret: randomBytes(24).toString('base64url'),
      AccountId: caller.AccountId,
      kind: 'assumed-role',
      role,
      sessionName,
      securityToken: `CAIS${randomBytes(48).toString('base64')}`,
      expiresAt: this.clock() + durationSeconds * 1000,
    };
    this.sessions.set(id.AccessKeyId, id);
    return id;
  }
}
