import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, loadWorld, type RunningEmulator } from './index.js';
import { capPages } from './paging.js';
import { validateWorld, WorldError } from './world.js';
import type { World } from './types.js';

/** ResourceManager 2020-03-31 ListAccounts / ListAccountsForParent on the organization world. */
type Obj = Record<string, any>;
const WORLD = new URL('./worlds/organization.world.json', import.meta.url).pathname;
const MGMT = { accessKeyId: 'LTAI5tOrgMgmtRootKey01', accessKeySecret: 'org-mgmt-root-secret-000000000001' };
const MEMBER = { accessKeyId: 'LTAI5tOrgProdAppKey001', accessKeySecret: 'org-prod-app-secret-0000000000001' };
const DELEGATED = { accessKeyId: 'LTAI5tOrgSecAuditKey01', accessKeySecret: 'org-sec-audit-secret-000000000001' };

const rm = (url: string, key: { accessKeyId: string; accessKeySecret: string }) => new RPCClient({ endpoint: url, apiVersion: '2020-03-31', ...key });
const err = (p: Promise<unknown>) => p.then(() => { throw new Error('expected an error'); }, (e: Obj) => e);

let emu: RunningEmulator;
let world: World;
beforeAll(async () => {
  world = loadWorld(WORLD);
  emu = await startEmulator({ world });
});
afterAll(() => emu.close());

describe('ResourceManager ListAccounts', () => {
  it('lists every member, management account included, in the model shape', async () => {
    const page = await rm(emu.url, MGMT).request<Obj>('ListAccounts', { PageSize: 100 });
    expect(Object.keys(page).sort()).toEqual(['Accounts', 'PageNumber', 'PageSize', 'RequestId', 'TotalCount']);
    expect(page).toMatchObject({ TotalCount: 6, PageNumber: 1, PageSize: 100 });
    const accounts = page.Accounts.Account as Obj[];
    expect(accounts.map((a) => a.AccountId)).toEqual(['5100000000000001', '5100000000000002', '5100000000000003', '5100000000000004', '5100000000000005', '5100000000000006']);
    const legacy = accounts.find((a) => a.DisplayName === 'dev-legacy')!;
    expect(legacy).toEqual({
      AccountId: '5100000000000005', DisplayName: 'dev-legacy', FolderId: 'fd-Legacy3Zt', Status: 'PromoteVerifying', Type: 'ResourceAccount',
      JoinMethod: 'created', JoinTime: '2023-05-01T08:00:00.000Z', ModifyTime: '2024-06-01T08:00:00.000Z', ResourceDirectoryId: 'rd-Org5Xa',
      ResourceDirectoryPath: 'rd-Org5Xa/r-Root8Wc/fd-Dev7Lm2p/fd-Legacy3Zt/5100000000000005',
    });
    expect(accounts[0]!.ResourceDirectoryPath).toBe('rd-Org5Xa/r-Root8Wc/5100000000000001');
    // Tags only when asked for.
    expect(accounts.some((a) => 'Tags' in a)).toBe(false);
  });

  it('pages with PageNumber/PageSize (default 10, max 100) and honours a page cap', async () => {
    const client = rm(emu.url, MGMT);
    const first = await client.request<Obj>('ListAccounts', { PageNumber: 1, PageSize: 4 });
    const second = await client.request<Obj>('ListAccounts', { PageNumber: 2, PageSize: 4 });
    expect(first.Accounts.Account).toHaveLength(4);
    expect(second.Accounts.Account.map((a: Obj) => a.AccountId)).toEqual(['5100000000000005', '5100000000000006']);
    expect((await client.request<Obj>('ListAccounts', {})).PageSize).toBe(10);
    expect((await client.request<Obj>('ListAccounts', { PageSize: 500 })).PageSize).toBe(100);
    const past = await client.request<Obj>('ListAccounts', { PageNumber: 3, PageSize: 4 });
    expect(past).toMatchObject({ TotalCount: 6, Accounts: { Account: [] } });

    const capped = structuredClone(world);
    capPages(capped, { 'resourcemanager:ListAccounts': 2 });
    const small = await startEmulator({ world: capped });
    try {
      const page = await rm(small.url, MGMT).request<Obj>('ListAccounts', { PageSize: 100 });
      expect(page.Accounts.Account).toHaveLength(2);
      expect(page.TotalCount).toBe(6);
    } finally {
      await small.close();
    }
  });

  it('returns tags with IncludeTags and filters by Tag', async () => {
    const client = rm(emu.url, MGMT);
    const tagged = await client.request<Obj>('ListAccounts', { IncludeTags: true, Tag: [{ Key: 'env', Value: 'prod' }], PageSize: 100 });
    expect(tagged.TotalCount).toBe(2);
    expect(tagged.Accounts.Account.map((a: Obj) => a.DisplayName)).toEqual(['prod-app', 'prod-data']);
    expect(tagged.Accounts.Account[0].Tags).toEqual({ Tag: [{ Key: 'env', Value: 'prod' }] });
  });

  it('answers a delegated administrator, denies a member, and says when there is no directory', async () => {
    expect((await rm(emu.url, DELEGATED).request<Obj>('ListAccounts', {})).TotalCount).toBe(6);
    const denied = await err(rm(emu.url, MEMBER).request('ListAccounts', {}));
    expect(denied.code).toBe('MemberAccountAccessDenied');
    expect(denied.entry.response.statusCode).toBe(403);

    const alone = await startEmulator({ world: WORLD.replace('organization', 'minimal') });
    try {
      const e = await err(rm(alone.url, { accessKeyId: 'LTAI5tMinimalRootKey01', accessKeySecret: 'minimal-root-secret-0000000000' }).request('ListAccounts', {}));
      expect(e.code).toBe('EntityNotExists.ResourceDirectory');
      expect(e.entry.response.statusCode).toBe(404);
    } finally {
      await alone.close();
    }
  });

  it('checks signatures and answers deny faults with the resourcemanager RAM action', async () => {
    const bad = await err(rm(emu.url, { ...MGMT, accessKeySecret: 'wrong' }).request('ListAccounts', {}));
    expect(bad.code).toBe('SignatureDoesNotMatch');
    expect(bad.data.HostId).toBe('resourcemanager.aliyuncs.com');
    emu.setFaults([{ product: 'resourcemanager', action: 'ListAccounts', kind: 'deny' }]);
    try {
      const e = await err(rm(emu.url, MGMT).request('ListAccounts', {}));
      expect(e.entry.response.statusCode).toBe(403);
      expect(e.data.AccessDeniedDetail.AuthAction).toBe('resourcemanager:ListAccounts');
    } finally {
      emu.setFaults([]);
    }
    expect(emu.stats().calls['resourcemanager:ListAccounts']).toBeGreaterThan(0);
  });
});

describe('ResourceManager ListAccountsForParent', () => {
  it('lists the members directly in a folder (default the root), QueryKeyword fuzzy on the display name', async () => {
    const client = rm(emu.url, MGMT);
    const root = await client.request<Obj>('ListAccountsForParent', {});
    expect(root.Accounts.Account.map((a: Obj) => a.DisplayName)).toEqual(['management', 'security-audit']);
    const dev = await client.request<Obj>('ListAccountsForParent', { ParentFolderId: 'fd-Dev7Lm2p' });
    expect(dev.Accounts.Account.map((a: Obj) => a.DisplayName)).toEqual(['dev-sandbox']);
    expect('ResourceDirectoryPath' in dev.Accounts.Account[0]).toBe(false);
    const prod = await client.request<Obj>('ListAccountsForParent', { ParentFolderId: 'fd-Prod4Kq9x', QueryKeyword: 'DATA' });
    expect(prod).toMatchObject({ TotalCount: 1, Accounts: { Account: [{ DisplayName: 'prod-data' }] } });
    const missing = await err(client.request('ListAccountsForParent', { ParentFolderId: 'fd-nothere' }));
    expect(missing.code).toBe('EntityNotExists.Folder');
  });
});

describe('world section', () => {
  it('validates resourceDirectory', () => {
    const bad = structuredClone(world) as Obj;
    bad.resourceDirectory.accounts[1].Status = 'Active';
    delete bad.resourceDirectory.RootFolderId;
    expect(() => validateWorld(bad)).toThrow(WorldError);
    expect(() => validateWorld(bad)).toThrow(/resourceDirectory\.RootFolderId is required/);
    expect(() => validateWorld(bad)).toThrow(/resourceDirectory\.accounts\[1\]\.Status must be one of/);
  });
});
