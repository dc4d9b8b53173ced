import { describe, expect, it } from 'vitest';
import { selectAccounts, type OrganizationAccount } from '../../../connectors/alibaba/index.js';

const acct = (accountId: string, displayName: string, folderPath: string[], status = 'CreateSuccess'): OrganizationAccount => ({
  accountId, displayName, folderId: folderPath[folderPath.length - 1] ?? null, folderPath, status, type: 'ResourceAccount', joinMethod: 'created',
  joinTime: null, modifyTime: null, resourceDirectoryId: 'rd-x', resourceDirectoryPath: null,
});
const ROOT = 'r-root';
const ACCOUNTS = [
  acct('5100000000000001', 'management', [ROOT]),
  acct('5100000000000002', 'prod-app', [ROOT, 'fd-prod']),
  acct('5100000000000003', 'prod-data', [ROOT, 'fd-prod'], 'InviteSuccess'),
  acct('5100000000000004', 'dev-sandbox', [ROOT, 'fd-dev']),
  acct('5100000000000005', 'dev-legacy', [ROOT, 'fd-dev', 'fd-legacy'], 'PromoteVerifying'),
  acct('5100000000000006', 'removed', [ROOT, 'fd-dev'], 'Removed'),
];
const ids = (s: { selected: OrganizationAccount[] }) => s.selected.map((a) => a.accountId.slice(-1));
const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as Error & { code: string; suggestions: string[] };
  }
  throw new Error('expected a usage error');
};

describe('selectAccounts', () => {
  it('all (the default): active members only, the others reported as skipped', () => {
    const s = selectAccounts(ACCOUNTS);
    expect(ids(s)).toEqual(['1', '2', '3', '4']);
    expect(s.skipped.map((x) => [x.account.accountId.slice(-1), x.reason])).toEqual([['5', 'inactive'], ['6', 'inactive']]);
    expect(ids(selectAccounts(ACCOUNTS, { accounts: ' ALL ' }))).toEqual(['1', '2', '3', '4']);
    expect(ids(selectAccounts(ACCOUNTS, { includeInactive: true }))).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('ids, in the organization order, duplicates once', () => {
    expect(ids(selectAccounts(ACCOUNTS, { accounts: '5100000000000004, 5100000000000002,5100000000000004' }))).toEqual(['2', '4']);
  });

  it('folders include their subfolders; folders and ids mix', () => {
    expect(ids(selectAccounts(ACCOUNTS, { accounts: 'folder:fd-dev', includeInactive: true }))).toEqual(['4', '5', '6']);
    expect(ids(selectAccounts(ACCOUNTS, { accounts: 'folder:fd-dev' }))).toEqual(['4']);
    expect(ids(selectAccounts(ACCOUNTS, { accounts: 'folder:fd-legacy,folder:fd-prod', includeInactive: true }))).toEqual(['2', '3', '5']);
    expect(ids(selectAccounts(ACCOUNTS, { accounts: 'folder:fd-prod,5100000000000001' }))).toEqual(['1', '2', '3']);
    expect(ids(selectAccounts(ACCOUNTS, { accounts: `folder:${ROOT}` }))).toEqual(['1', '2', '3', '4']);
  });

  it('--exclude-accounts leaves members out and says so', () => {
    const s = selectAccounts(ACCOUNTS, { accounts: 'folder:fd-prod', excludeAccounts: '5100000000000003' });
    expect(ids(s)).toEqual(['2']);
    expect(s.skipped).toEqual([{ account: ACCOUNTS[2], reason: 'excluded' }]);
    // Excluding a member the selection did not match is fine: it is still a known member.
    expect(ids(selectAccounts(ACCOUNTS, { accounts: 'folder:fd-prod', excludeAccounts: '5100000000000001' }))).toEqual(['2', '3']);
  });

  it('unknown ids are one error naming all of them, with did-you-mean', () => {
    const e = usage(() => selectAccounts(ACCOUNTS, { accounts: '5100000000000002,510000000000007,123' }));
    expect(e.code).toBe('USAGE');
    expect(e.message).toContain('unknown accounts: 510000000000007, 123');
    expect(e.suggestions).toContain('5100000000000001');
    expect(e.message).toMatch(/Did you mean .*5100000000000001/);
    const excl = usage(() => selectAccounts(ACCOUNTS, { excludeAccounts: '5100000000000009' }));
    expect(excl.message).toContain('--exclude-accounts names an unknown account: 5100000000000009');
  });

  it('unknown folders are an error with did-you-mean', () => {
    const e = usage(() => selectAccounts(ACCOUNTS, { accounts: 'folder:fd-prd' }));
    expect(e.message).toContain('an unknown folder: fd-prd');
    expect(e.suggestions[0]).toBe('fd-prod');
  });

  it('malformed selections are errors', () => {
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: '' })).message).toContain('empty entry');
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: '5100000000000001,,5100000000000002' })).message).toContain('empty entry');
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: 'all,5100000000000001' })).message).toContain('cannot be combined');
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: 'folder:' })).message).toContain('needs a folder id');
    expect(usage(() => selectAccounts(ACCOUNTS, { excludeAccounts: ',' })).message).toContain('empty entry');
  });

  it('an inactive member named by id is an error unless inactive members are asked for', () => {
    const e = usage(() => selectAccounts(ACCOUNTS, { accounts: '5100000000000005' }));
    expect(e.message).toContain('5100000000000005 (PromoteVerifying)');
    expect(ids(selectAccounts(ACCOUNTS, { accounts: '5100000000000005', includeInactive: true }))).toEqual(['5']);
  });

  it('a selection that leaves nothing to scan is an error', () => {
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: 'folder:fd-legacy' })).message).toContain('No member account is left to scan');
    expect(usage(() => selectAccounts(ACCOUNTS, { accounts: '5100000000000002', excludeAccounts: '5100000000000002' })).message).toContain('No member account');
    expect(usage(() => selectAccounts([], {})).message).toContain('No member account');
  });
});
