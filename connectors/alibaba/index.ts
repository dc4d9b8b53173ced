/** The live Alibaba Cloud connector: credentials, collection into an AssetGraph, progress and stats. */
// First: silences the clients' DEBUG / NODE_DEBUG loggers before any of them loads.
import './quiet-client-logs.js';
export { collectAlibaba, getCallerIdentity, maskKeyId } from './collect.js';
export type { AlibabaCollectOptions, CollectProgress, CollectionStats, ActionStats } from './types.js';
export type { AlibabaCredentialOptions, ResolvedCredentials } from './credentials/options.js';
export { resolveAlibabaCredentials, credentialsFromEnv, regionFromEnv } from './credentials/resolve.js';
export { ALIBABA_PRODUCT_TYPES, ALIBABA_PRODUCTS, productsForTypes } from './product-types.js';
export { parseRegionList, parseProductList, credentialOptionsFromFlags } from './cli-options.js';
export { endpointOverride, defaultEndpoint } from './endpoints.js';
export { DEFAULT_RATE_LIMITS } from './rate-limits.js';
export { DEFAULT_RETRY } from './retry.js';
export { redact } from './redact.js';
export { listOrganizationAccounts, type OrganizationAccount, type OrganizationListing, type OrganizationListOptions } from './organization.js';
export { selectAccounts, ACTIVE_ACCOUNT_STATUSES, type AccountSelection, type AccountSelectionOptions, type SkippedAccount } from './account-selection.js';
