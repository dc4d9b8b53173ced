import { AssayError } from '../../engine/errors/assay-error.js';
import { suggest } from '../../engine/errors/suggest.js';
import type { OrganizationAccount } from './organization.js';

/**
 * Member statuses that are a working member account (ResourceManager 2020-03-31 `Status`): created,
 * invited and accepted, or upgraded. Every other status — a creation or upgrade being confirmed,
 * failed, expired or cancelled, or Removed — is skipped unless asked for (`includeInactive`).
 */
export const ACTIVE_ACCOUNT_STATUSES: readonly string[] = ['CreateSuccess', 'InviteSuccess', 'PromoteSuccess'];

export interface AccountSelectionOptions {
  /** `all` (default), `ID,ID`, `folder:fd-xxx[,folder:…]` (a folder and every folder below it), or a mix of ids and folders. */
  accounts?: string;
  /** `ID,ID`: accounts left out of the selection. */
  excludeAccounts?: string;
  /** Take members whatever their status (default: only ACTIVE_ACCOUNT_STATUSES). */
  includeInactive?: boolean;
}

export interface SkippedAccount {
  account: OrganizationAccount;
  reason: 'excluded' | 'inactive';
}

export interface AccountSelection {
  selected: OrganizationAccount[];
  /** Members a selector matched (or `all`) that are not scanned, and why. */
  skipped: SkippedAccount[];
}

const isActive = (a: OrganizationAccount): boolean => a.status !== null && ACTIVE_ACCOUNT_STATUSES.includes(a.status);

function tokens(flag: string, value: string): string[] {
  const parts = value.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new AssayError('USAGE', `${flag} has an empty entry in "${value}": give comma-separated values.`);
  return [...new Set(parts)];
}

/** Unknown ids or folders: one error naming all of them, with the closest known ones. */
function unknown(flag: string, what: string, names: string[], known: Iterable<string>): AssayError {
  const options = [...known];
  const suggestions = [...new Set(names.flatMap((n) => suggest(n, options)))];
  const hint = suggestions.length ? ` Did you mean ${suggestions.join(', ')}?` : '';
  return new AssayError('USAGE', `${flag} names ${names.length === 1 ? `an unknown ${what}` : `unknown ${what}s`}: ${names.join(', ')} (not in the organization's member list).${hint}`, { suggestions });
}

/**
 * Which listed member accounts a scan covers: `--accounts all | ID,ID | folder:fd-xxx[,folder:…]`
 * and `--exclude-accounts ID,ID` over the accounts `listOrganizationAccounts` returned. Pure: no
 * calls. Only active members by default: an inactive one matched by `all` or a folder is skipped
 * (listed in `skipped`), one named by id is an error. Unknown ids and folders are errors that name
 * them, with did-you-mean suggestions (folders are known from the members' paths, so a folder with
 * no member in it or below is unknown too); so is a selection that leaves no account.
 */
export function selectAccounts(accounts: readonly OrganizationAccount[], options: AccountSelectionOptions = {}): AccountSelection {
  const byId = new Map(accounts.map((a) => [a.accountId, a]));
  const spec = (options.accounts ?? 'all').trim();
  const includeInactive = options.includeInactive === true;

  let matched: OrganizationAccount[];
  if (spec.toLowerCase() === 'all') {
    matched = [...accounts];
  } else {
    const parts = tokens('--accounts', spec);
    if (parts.some((p) => p.toLowerCase() === 'all')) throw new AssayError('USAGE', '--accounts all cannot be combined with account ids or folders.');
    const folders = parts.filter((p) => p.toLowerCase().startsWith('folder:')).map((p) => p.slice('folder:'.length).trim());
    const ids = parts.filter((p) => !p.toLowerCase().startsWith('folder:'));
    if (folders.some((f) => f === '')) throw new AssayError('USAGE', '--accounts folder: needs a folder id, e.g. folder:fd-a1b2c3.');
    const knownFolders = new Set(accounts.flatMap((a) => a.folderPath));
    const missingIds = ids.filter((id) => !byId.has(id));
    const missingFolders = folders.filter((f) => !knownFolders.has(f));
    if (missingIds.length) throw unknown('--accounts', 'account', missingIds, byId.keys());
    if (missingFolders.length) throw unknown('--accounts', 'folder', missingFolders, knownFolders);
    const inactiveNamed = ids.map((id) => byId.get(id)!).filter((a) => !isActive(a));
    if (inactiveNamed.length && !includeInactive) {
      throw new AssayError(
        'USAGE',
        `--accounts names members that are not active: ${inactiveNamed.map((a) => `${a.accountId} (${a.status ?? 'no status'})`).join(', ')}. Only ${ACTIVE_ACCOUNT_STATUSES.join(', ')} members can be scanned.`,
      );
    }
    const wanted = new Set(ids);
    matched = accounts.filter((a) => wanted.has(a.accountId) || a.folderPath.some((f) => folders.includes(f)));
  }

  const excluded = new Set(options.excludeAccounts === undefined ? [] : tokens('--exclude-accounts', options.excludeAccounts));
  const notIds = [...excluded].filter((id) => !byId.has(id));
  if (notIds.length) throw unknown('--exclude-accounts', 'account', notIds, byId.keys());

  const selected: OrganizationAccount[] = [];
  const skipped: SkippedAccount[] = [];
  for (const account of matched) {
    if (excluded.has(account.accountId)) skipped.push({ account, reason: 'excluded' });
    else if (!includeInactive && !isActive(account)) skipped.push({ account, reason: 'inactive' });
    else selected.push(account);
  }
  if (selected.length === 0) {
    throw new AssayError('USAGE', `No member account is left to scan (--accounts ${spec}${excluded.size ? `, --exclude-accounts ${[...excluded].join(',')}` : ''}): ${skipped.length} matched but ${skipped.length === 1 ? 'was' : 'were'} excluded or not active.`);
  }
  return { selected, skipped };
}
