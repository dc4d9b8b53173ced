import { registerSecret } from '../redact.js';
import type { ResolvedCredentials } from './options.js';

/**
 * Builds ResolvedCredentials whose secret fields are non-enumerable (so JSON.stringify, spreads
 * and console.log never show them) and registers the secrets for redaction.
 */
export function makeCredentials(input: {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string | null;
  source: string;
  expiration?: string | null;
  regionId?: string | null;
}): ResolvedCredentials {
  registerSecret(input.accessKeySecret);
  registerSecret(input.securityToken ?? undefined);
  const out: Record<string, unknown> = { accessKeyId: input.accessKeyId, source: input.source };
  if (input.expiration) out.expiration = input.expiration;
  if (input.regionId) out.regionId = input.regionId;
  Object.defineProperty(out, 'accessKeySecret', { value: input.accessKeySecret, enumerable: false });
  if (input.securityToken) Object.defineProperty(out, 'securityToken', { value: input.securityToken, enumerable: false });
  return Object.freeze(out) as unknown as ResolvedCredentials;
}
