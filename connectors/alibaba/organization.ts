// First: silences the clients' DEBUG / NODE_DEBUG loggers before any of them loads.
import { connectionSettings } from './connection.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import { ClientFactory } from './clients.js';
import { getCallerIdentity } from './collect.js';
import { CollectContext } from './context.js';
import { resolveAlibabaCredentials } from './credentials/resolve.js';
import { endpointFor } from './endpoints.js';
import { str } from './normalize.js';
import { numberedPages, rpc, type RpcSpec } from './rpc.js';
import type { AlibabaCollectOptions } from './types.js';

/** One member of a Resource Directory, as ResourceManager 2020-03-31 `ListAccounts` describes it. */
export interface OrganizationAccount {
  accountId: string;
  displayName: string | null;
  /** The folder the account is directly in (the Root folder's id, `r-…`, at the top). */
  folderId: string | null;
  /**
   * Every folder above the account, from the Root folder down to its own (from
   * `ResourceDirectoryPath`; `[folderId]` when the answer has no path).
   */
  folderPath: string[];
  /** CreateSuccess, InviteSuccess, PromoteSuccess, PromoteVerifying, … (see ACTIVE_ACCOUNT_STATUSES). */
  status: string | null;
  /** CloudAccount or ResourceAccount. */
  type: string | null;
  /** invited or created. */
  joinMethod: string | null;
  joinTime: string | null;
  modifyTime: string | null;
  resourceDirectoryId: string | null;
  resourceDirectoryPath: string | null;
}

export interface OrganizationListing {
  /** The account that listed the members (the management account or a delegated administrator). */
  callerAccountId: string;
  accounts: OrganizationAccount[];
}

export type OrganizationListOptions = Pick<
  AlibabaCollectOptions,
  'credentials' | 'endpoint' | 'allowInsecureEndpoint' | 'timeoutMs' | 'maxRetries' | 'retryBaseDelayMs' | 'retryMaxDelayMs' | 'retryMaxTotalMs' | 'rateLimits' | 'env'
> & {
  /** Accounts per page (the API's range 1-100; default 100). */
  pageSize?: number;
};

const LIST_ACCOUNTS: RpcSpec = { product: 'resourcemanager', action: 'ListAccounts', region: null };

/**
 * Every member of the caller's Resource Directory (ResourceManager `ListAccounts`, paged to its
 * TotalCount through the usual client stack: declared response shape, retries, rate limit). Only
 * the management account or a delegated administrator may call it. Any failure — a denial, no
 * resource directory, a page that never came, a total that does not add up — throws an AssayError
 * (`ORGANIZATION_LIST_FAILED`): a partial member list is never taken for the organization.
 */
export async function listOrganizationAccounts(options: OrganizationListOptions = {}): Promise<OrganizationListing> {
  const { env, allowInsecureEndpoint, override, timeoutMs, retry } = connectionSettings(options);
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 100)));

  const creds = await resolveAlibabaCredentials(options.credentials ?? {}, { env, endpoint: override, allowInsecureEndpoint, timeoutMs });
  const identity = await getCallerIdentity(creds, endpointFor('sts', null, override), timeoutMs, retry);
  const callerAccountId = str(identity.AccountId);
  if (!callerAccountId) throw new AssayError('COLLECT_FAILED', 'STS GetCallerIdentity returned no AccountId.');

  // The context records failures as gaps in a graph; here any gap means the listing failed.
  const graph = new AssetGraph({ provider: 'alibaba', accountId: callerAccountId, collectedAt: new Date().toISOString() });
  const ctx = new CollectContext({
    graph,
    clients: new ClientFactory(creds, override),
    accountId: callerAccountId,
    timeoutMs,
    retry,
    concurrency: 1,
    productConcurrency: 1,
    rateLimits: options.rateLimits,
  });
  try {
    const { items, complete } = await numberedPages<Record<string, unknown>, unknown>(
      ctx,
      LIST_ACCOUNTS,
      (page) => rpc(ctx, LIST_ACCOUNTS, { PageNumber: page, PageSize: pageSize }),
      (body) => ({ items: accountsOf(body), total: typeof body.TotalCount === 'number' ? body.TotalCount : null }),
    );
    if (!complete || graph.gaps.length) throw listingFailed(graph, callerAccountId);
    return { callerAccountId, accounts: normalizeAccounts(items, callerAccountId) };
  } finally {
    await ctx.limiters.stop();
  }
}

function accountsOf(body: Record<string, unknown>): unknown[] {
  const list = (body.Accounts as { Account?: unknown } | undefined)?.Account;
  return Array.isArray(list) ? list : [];
}

function normalizeAccounts(items: unknown[], caller: string): OrganizationAccount[] {
  const byId = new Map<string, OrganizationAccount>();
  for (const item of items) {
    const a = (item ?? {}) as Record<string, unknown>;
    const accountId = str(a.AccountId);
    if (!accountId) throw failed(caller, 'InvalidResponse', 'ListAccounts answered a member without an AccountId.');
    // The same member twice means the list moved while it was paged: some other member may be missing.
    if (byId.has(accountId)) throw failed(caller, 'PagingIncomplete', `ListAccounts returned member ${accountId} twice: the directory changed while it was listed. Try again.`);
    const path = str(a.ResourceDirectoryPath);
    const folderId = str(a.FolderId);
    byId.set(accountId, {
      accountId,
      displayName: str(a.DisplayName),
      folderId,
      folderPath: path ? path.split('/').slice(1, -1) : folderId ? [folderId] : [],
      status: str(a.Status),
      type: str(a.Type),
      joinMethod: str(a.JoinMethod),
      joinTime: str(a.JoinTime),
      modifyTime: str(a.ModifyTime),
      resourceDirectoryId: str(a.ResourceDirectoryId),
      resourceDirectoryPath: path,
    });
  }
  return [...byId.values()];
}

function listingFailed(graph: AssetGraph, caller: string): AssayError {
  const gap = graph.gaps[graph.gaps.length - 1];
  const code = gap?.code ?? 'UnknownError';
  const hint =
    gap?.permission || /^(EntityNotExists\.ResourceDirectory|MemberAccountAccessDenied)$/.test(code)
      ? ` Run it as the Resource Directory's management account or a delegated administrator, with ${gap?.permission ?? 'resourcemanager:ListAccounts'} allowed.`
      : '';
  return failed(caller, code, `${(gap?.message ?? 'the listing did not complete').replace(/\.$/, '')}.${hint}`);
}

function failed(caller: string, code: string, detail: string): AssayError {
  return new AssayError('ORGANIZATION_LIST_FAILED', `Could not list the organization's member accounts as account ${caller} (ResourceManager ListAccounts, ${code}): ${detail}`);
}

