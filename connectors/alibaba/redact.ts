/**
 * Secrets must never reach logs, errors, snapshots or reports. pop-core puts the whole signed URL
 * (AccessKeyId, Signature, SecurityToken) into error messages, so every message we keep passes here.
 */
const SECRET_PARAMS = /([?&](?:Signature|SecurityToken|AccessKeySecret|security-token|x-oss-security-token|OSSAccessKeyId|AccessKeyId)=)[^&\s"']*/gi;
const SECRET_JSON = /("?(?:AccessKeySecret|SecurityToken|accessKeySecret|securityToken|stsToken|access_key_secret|sts_token)"?\s*[:=]\s*"?)[^",\s}&]*/g;
const AUTH_HEADER = /((?:authorization|x-acs-security-token|x-oss-security-token)["']?\s*[:=]\s*["']?)[^"',\n]*/gi;

/** Secret values registered at run time (the resolved credentials), replaced wherever they appear. */
const knownSecrets = new Set<string>();

/** Remembers a secret value so that `redact` removes it even from free text. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 4) return;
  // Also the percent-encoded forms that appear in signed URLs and string-to-sign echoes.
  const once = encodeURIComponent(value);
  for (const form of [value, once, encodeURIComponent(once)]) knownSecrets.add(form);
}

/** Removes secret query parameters, JSON fields, auth headers and known secret values from text. */
export function redact(text: string): string {
  let out = text
    .replace(SECRET_PARAMS, '$1***')
    .replace(SECRET_JSON, '$1***')
    .replace(AUTH_HEADER, '$1***');
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/**
 * Drops the ", URL: <signed url>" suffix pop-core appends and the "server string to sign is: ..."
 * echo of SignatureDoesNotMatch (it carries the encoded token), then redacts the rest.
 */
export function cleanErrorMessage(message: string): string {
  const withoutUrl = message
    .replace(/,?\s*URL:\s*\S+/g, '')
    .replace(/\s*server string to sign is:.*$/is, '');
  return redact(withoutUrl)
    .replace(/((?:%26|&)(?:SecurityToken|Signature|AccessKeyId)(?:%3D|%253D|=))[^%&\s]*(?:%[0-9A-F]{2}[^%&\s]*)*/gi, '$1***')
    .trim();
}
