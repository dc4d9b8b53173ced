import { isIP } from 'node:net';

/**
 * Whether a URL hostname (as `new URL()` normalizes it: `127.1` is `127.0.0.1`, IPv6 in brackets)
 * names this machine: `localhost`, 127.0.0.0/8 or ::1 (also as an IPv4-mapped address).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
  return false;
}
