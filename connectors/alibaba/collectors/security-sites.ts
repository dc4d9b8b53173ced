/**
 * Anti-DDoS, WAF and Cloud Firewall are account-wide services with two API sites: cn-hangzhou for
 * the Chinese mainland and ap-southeast-1 for everywhere else. A scan asks the sites whose side of
 * the world it covers: a mainland region (cn-*, except Hong Kong) means the mainland site, any other
 * region the other one.
 */
export const MAINLAND_SITE = 'cn-hangzhou';
export const INTERNATIONAL_SITE = 'ap-southeast-1';

export function securitySites(regions: readonly string[], home: string): string[] {
  const all = regions.length ? regions : [home];
  const sites: string[] = [];
  if (all.some(isMainland)) sites.push(MAINLAND_SITE);
  if (all.some((r) => !isMainland(r))) sites.push(INTERNATIONAL_SITE);
  return sites;
}

function isMainland(region: string): boolean {
  return region.startsWith('cn-') && region !== 'cn-hongkong';
}
