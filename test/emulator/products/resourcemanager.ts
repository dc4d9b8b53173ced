import { apiError } from '../errors.js';
import { bool, strip, type Call, type RpcProduct } from '../handler.js';
import { byPage, pageMax } from '../paging.js';
import type { Obj } from '../types.js';

/**
 * ResourceManager 2020-03-31 (RPC, global endpoint resourcemanager.aliyuncs.com): the Resource
 * Directory's member listing. Shapes follow `@alicloud/resourcemanager20200331` 2.6.1
 * (ListAccountsResponseBody: `Accounts.Account[]`, TotalCount/PageNumber/PageSize) and the OpenAPI
 * metadata (PageSize 1-100, default 10).
 *
 * Who may call: the model says only the management account or a delegated administrator. An
 * account with no resource directory gets ListAccounts' documented `EntityNotExists.ResourceDirectory`
 * (404); a member account gets `MemberAccountAccessDenied` (403), the product's documented error for
 * a member calling a management operation (ListAccounts documents none of its own for this case).
 */

/** World accounts carry their tags in the API's own form (`Tags: { Tag: [{Key, Value}] }`), returned only with IncludeTags. */
const SIDE_CARS = ['Tags'];

function directory(call: Call) {
  const rd = call.world.resourceDirectory;
  if (!rd) throw apiError(404, 'EntityNotExists.ResourceDirectory', 'The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.');
  const caller = call.identity.AccountId;
  const master = rd.MasterAccountId ?? call.world.account.AccountId;
  if (caller === master || (rd.delegatedAdministrators ?? []).includes(caller)) return rd;
  if ((rd.accounts ?? []).some((a) => a.AccountId === caller)) throw apiError(403, 'MemberAccountAccessDenied', 'The member account is not allowed to perform the operation.');
  throw apiError(404, 'EntityNotExists.ResourceDirectory', 'The resource directory for the account is not enabled. We recommend that you first enable the resource directory for the account.');
}

type Directory = NonNullable<Call['world']['resourceDirectory']>;

/** `rd-x/r-y/fd-a/fd-b/<account>`: the folders from the root down to the account's own. */
function pathOf(rd: Directory, account: Obj): string {
  const chain: string[] = [];
  const seen = new Set<string>();
  let folder = typeof account.FolderId === 'string' ? account.FolderId : rd.RootFolderId;
  while (folder && folder !== rd.RootFolderId && !seen.has(folder)) {
    seen.add(folder);
    chain.unshift(folder);
    const parent = (rd.folders ?? []).find((f) => f.FolderId === folder)?.ParentFolderId;
    folder = typeof parent === 'string' ? parent : rd.RootFolderId;
  }
  return [rd.ResourceDirectoryId, rd.RootFolderId, ...chain, String(account.AccountId)].join('/');
}

/** `Tag.N.Key` / `Tag.N.Value` (pop-core flattens the Tag list so): every pair must be on the account. */
function tagFilter(call: Call): Array<{ Key: string; Value?: string }> {
  const tags: Array<{ Key: string; Value?: string }> = [];
  for (let n = 1; call.params[`Tag.${n}.Key`] !== undefined; n++) {
    const value = call.params[`Tag.${n}.Value`];
    tags.push({ Key: call.params[`Tag.${n}.Key`]!, ...(value !== undefined ? { Value: value } : {}) });
  }
  return tags;
}

function tagsOf(account: Obj): Array<{ Key?: unknown; Value?: unknown }> {
  const list = (account.Tags as { Tag?: unknown } | undefined)?.Tag;
  return Array.isArray(list) ? (list as Array<{ Key?: unknown; Value?: unknown }>) : [];
}

function listed(call: Call, rd: Directory, accounts: Obj[], key: string, withPath: boolean): Obj {
  const wanted = tagFilter(call);
  const matching = accounts.filter((a) => wanted.every((t) => tagsOf(a).some((x) => x.Key === t.Key && (t.Value === undefined || x.Value === t.Value))));
  const r = byPage(matching, call.params.PageNumber, call.params.PageSize, 10, pageMax(call.world, key, 100));
  const includeTags = bool(call.params.IncludeTags);
  const items = r.items.map((a) => ({
    ResourceDirectoryId: rd.ResourceDirectoryId,
    ...strip(a, [...SIDE_CARS, ...(withPath ? [] : ['ResourceDirectoryPath'])]),
    ...(withPath && a.ResourceDirectoryPath === undefined ? { ResourceDirectoryPath: pathOf(rd, a) } : {}),
    ...(includeTags ? { Tags: { Tag: tagsOf(a) } } : {}),
  }));
  return { TotalCount: r.TotalCount, PageNumber: r.PageNumber, PageSize: r.PageSize, Accounts: { Account: items } };
}

export const resourcemanager: RpcProduct = {
  name: 'resourcemanager',
  display: 'ResourceManager',
  version: '2020-03-31',
  host: () => 'resourcemanager.aliyuncs.com',
  ramCode: 'resourcemanager',
  actions: {
    ListAccounts(call) {
      const rd = directory(call);
      return listed(call, rd, rd.accounts ?? [], 'resourcemanager:ListAccounts', true);
    },
    /** Members directly in one folder (default: the Root folder); QueryKeyword is a fuzzy match on display name or id. */
    ListAccountsForParent(call) {
      const rd = directory(call);
      const parent = call.params.ParentFolderId || rd.RootFolderId;
      if (parent !== rd.RootFolderId && !(rd.folders ?? []).some((f) => f.FolderId === parent)) {
        throw apiError(404, 'EntityNotExists.Folder', 'The resource directory folder does not exist.');
      }
      const keyword = (call.params.QueryKeyword ?? '').toLowerCase();
      const inFolder = (rd.accounts ?? []).filter((a) => (a.FolderId ?? rd.RootFolderId) === parent);
      const found = keyword ? inFolder.filter((a) => String(a.DisplayName ?? '').toLowerCase().includes(keyword) || String(a.AccountId).includes(keyword)) : inFolder;
      return listed(call, rd, found, 'resourcemanager:ListAccountsForParent', false);
    },
  },
};
