import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { startEmulator, loadWorld, type RunningEmulator } from '../../emulator/index.js';
import { capPages } from '../../emulator/paging.js';
import { listOrganizationAccounts, selectAccounts, type OrganizationListOptions } from '../../../connectors/alibaba/index.js';

/** Organization member discovery against the emulator (ResourceManager ListAccounts). */
const WORLD = fileURLToPath(new URL('../../emulator/worlds/organization.world.json', import.meta.url));
const MGMT = { accessKeyId: 'LTAI5tOrgMgmtRootKey01', accessKeySecret: 'org-mgmt-root-secret-000000000001' };
const MEMBER = { accessKeyId: 'LTAI5tOrgProdAppKey001', accessKeySecret: 'org-prod-app-secret-0000000000001' };
const DELEGATED = { accessKeyId: 'LTAI5tOrgSecAuditKey01', accessKeySecret: 'org-sec-audit-secret-000000000001' };
const fast: OrganizationListOptions = { retryBaseDelayMs: 5, retryMaxDelayMs: 20, retryMaxTotalMs: 2000, timeoutMs: 2000, env: {} };

let emu: RunningEmulator;
beforeAll(async () => {
  const world = loadWorld(WORLD);
  // A server that answers 2 members a page whatever PageSize asks: only the total ends the list.
  capPages(world, { 'resourcemanager:ListAccounts': 2 });
  emu = await startEmulator({ world });
});
afterAll(() => emu.close());

const list = (extra: OrganizationListOptions = {}) => listOrganizationAccounts({ credentials: MGMT, endpoint: emu.url, ...fast, ...extra });
const rejection = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as Error & { code: string });

describe('listOrganizationAccounts', () => {
  it('lists every member across pages capped at 2, to the TotalCount', async () => {
    emu.setFaults([]);
    const before = emu.stats().calls['resourcemanager:ListAccounts'] ?? 0;
    const { callerAccountId, accounts } = await list();
    expect(callerAccountId).toBe('5100000000000001');
    expect(accounts.map((a) => a.accountId)).toEqual(['5100000000000001', '5100000000000002', '5100000000000003', '5100000000000004', '5100000000000005', '5100000000000006']);
    expect(emu.stats().calls['resourcemanager:ListAccounts']! - before).toBe(3);
    expect(accounts.find((a) => a.accountId === '5100000000000005')).toEqual({
      accountId: '5100000000000005', displayName: 'dev-legacy', folderId: 'fd-Legacy3Zt', folderPath: ['r-Root8Wc', 'fd-Dev7Lm2p', 'fd-Legacy3Zt'],
      status: 'PromoteVerifying', type: 'ResourceAccount', joinMethod: 'created', joinTime: '2023-05-01T08:00:00.000Z', modifyTime: '2024-06-01T08:00:00.000Z',
      resourceDirectoryId: 'rd-Org5Xa', resourceDirectoryPath: 'rd-Org5Xa/r-Root8Wc/fd-Dev7Lm2p/fd-Legacy3Zt/5100000000000005',
    });
  });

  it('works for a delegated administrator', async () => {
    emu.setFaults([]);
    const { callerAccountId, accounts } = await list({ credentials: DELEGATED });
    expect(callerAccountId).toBe('5100000000000006');
    expect(accounts).toHaveLength(6);
  });

  it('a member account is refused: an error naming the cause, never an empty organization', async () => {
    emu.setFaults([]);
    const e = await rejection(list({ credentials: MEMBER }));
    expect(e.code).toBe('ORGANIZATION_LIST_FAILED');
    expect(e.message).toContain('MemberAccountAccessDenied');
    expect(e.message).toContain('5100000000000002');
    expect(e.message).toMatch(/management account or a delegated administrator/);
  });

  it('a RAM denial is an error with the permission to grant', async () => {
    emu.setFaults([{ product: 'resourcemanager', action: 'ListAccounts', kind: 'deny' }]);
    try {
      const e = await rejection(list());
      expect(e.code).toBe('ORGANIZATION_LIST_FAILED');
      expect(e.message).toContain('resourcemanager:ListAccounts');
    } finally {
      emu.setFaults([]);
    }
  });

  it('a page that keeps failing after others succeeded is an error, not a shorter organization', async () => {
    // The first page answers (a 0 ms latency rule, once); every later page is a 503, retried then given up.
    emu.setFaults([
      { product: 'resourcemanager', action: 'ListAccounts', kind: 'latency', latencyMs: 0, count: 1 },
      { product: 'resourcemanager', action: 'ListAccounts', kind: 'error', status: 503 },
    ]);
    const before = emu.stats().calls['resourcemanager:ListAccounts'] ?? 0;
    try {
      const e = await rejection(list({ maxRetries: 1 }));
      expect(e.code).toBe('ORGANIZATION_LIST_FAILED');
      expect(e.message).toContain('ServiceUnavailable');
      // Page 1, then page 2 and its one retry.
      expect(emu.stats().calls['resourcemanager:ListAccounts']! - before).toBe(3);
    } finally {
      emu.setFaults([]);
    }
  });

  it('an answer without the ListAccounts shape is an error after its retries', async () => {
    emu.setFaults([{ product: 'resourcemanager', action: 'ListAccounts', kind: 'shapeless' }]);
    try {
      const e = await rejection(list({ maxRetries: 1 }));
      expect(e.code).toBe('ORGANIZATION_LIST_FAILED');
      expect(e.message).toContain('InvalidResponse');
    } finally {
      emu.setFaults([]);
    }
  });

  it('an account with no resource directory is an error', async () => {
    const alone = await startEmulator({ world: WORLD.replace('organization', 'minimal') });
    try {
      const e = await rejection(listOrganizationAccounts({ credentials: { accessKeyId: 'LTAI5tMinimalRootKey01', accessKeySecret: 'minimal-root-secret-0000000000' }, endpoint: alone.url, ...fast }));
      expect(e.code).toBe('ORGANIZATION_LIST_FAILED');
      expect(e.message).toContain('EntityNotExists.ResourceDirectory');
    } finally {
      await alone.close();
    }
  });

  it('selection over the listed members: active only, folders include subfolders', async () => {
    emu.setFaults([]);
    const { accounts } = await list();
    const all = selectAccounts(accounts);
    expect(all.selected.map((a) => a.displayName)).toEqual(['management', 'prod-app', 'prod-data', 'dev-sandbox', 'security-audit']);
    expect(all.skipped).toEqual([{ account: expect.objectContaining({ displayName: 'dev-legacy' }), reason: 'inactive' }]);
    const dev = selectAccounts(accounts, { accounts: 'folder:fd-Dev7Lm2p', includeInactive: true });
    expect(dev.selected.map((a) => a.displayName)).toEqual(['dev-sandbox', 'dev-legacy']);
  });
});
