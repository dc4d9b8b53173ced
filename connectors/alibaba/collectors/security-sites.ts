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

/**
 * Security Center keeps assets on two sites too, with its own split: the SDK's endpoint map sends
 * every cn-* region (Hong Kong and the finance regions included) to tds.cn-shanghai and every other
 * region to tds.ap-southeast-1. A scan reads each site its regions (and home region) fall on.
 */
export const SAS_MAINLAND_SITE = 'cn-shanghai';
export const SAS_INTERNATIONAL_SITE = 'ap-southeast-1';

export function sasSiteOf(region: string): string {
  return region.startsWith('cn-') ? SAS_MAINLAND_SITE : SAS_INTERNATIONAL_SITE;
}

export function sasSites(regions: readonly string[], home: string): string[] {
  const sites = new Set([home, ...regions].map(sasSiteOf));
  return [SAS_MAINLAND_SITE, SAS_INTERNATIONAL_SITE].filter((s) => sites.has(s));
}
