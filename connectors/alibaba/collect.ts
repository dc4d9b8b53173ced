// First: silences the clients' DEBUG / NODE_DEBUG loggers before any of them loads.
import { connectionSettings } from './connection.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset } from '../../engine/graph/asset.js';
import { ClientFactory, stsClient } from './clients.js';
import { CollectContext } from './context.js';
import { resolveAlibabaCredentials } from './credentials/resolve.js';
import type { ResolvedCredentials } from './credentials/options.js';
import { describeEndpoint, endpointFor, isPlainHttp } from './endpoints.js';
import { classifyError } from './errors.js';
import { accountArn } from './ids.js';
import { plain, str } from './normalize.js';
import { ALIBABA_PRODUCT_TYPES, ALIBABA_PRODUCTS } from './product-types.js';
import type { RetryPolicy } from './retry.js';
import { actiontrailRegions, collectActionTrail } from './collectors/actiontrail.js';
import { collectCs } from './collectors/cs.js';
import { collectEcs, ecsRegions } from './collectors/ecs.js';
import { collectKms } from './collectors/kms.js';
import { collectOss } from './collectors/oss.js';
import { collectRam } from './collectors/ram.js';
import { collectRds } from './collectors/rds.js';
import { collectSas } from './collectors/sas.js';
import { securitySites } from './collectors/security-sites.js';
import { collectDdosCoo } from './collectors/ddoscoo.js';
import { collectWaf } from './collectors/waf.js';
import { collectCloudfw } from './collectors/cloudfw.js';
import { collectSls } from './collectors/sls.js';
import { collectVpc } from './collectors/vpc.js';
import type { AlibabaCollectOptions, CollectionStats } from './types.js';

const GLOBAL_PRODUCTS = ['ram', 'oss', 'sas', 'actiontrail', 'ddoscoo', 'waf', 'cloudfw'];
const REGIONAL_PRODUCTS = ['ecs', 'vpc', 'rds', 'kms', 'cs', 'sls'];

/** Where global calls and region discovery go when nothing else says. */
const DEFAULT_HOME_REGION = 'cn-hangzhou';

export interface CallerIdentity {
  AccountId?: string;
  Arn?: string;
  UserId?: string;
  IdentityType?: string;
  PrincipalId?: string;
  RoleId?: string;
}

/**
 * STS GetCallerIdentity: the account id. A rejected key here is fatal (CREDENTIALS_INVALID) —
 * nothing else could succeed, and one clear message beats a hundred gaps.
 */
export async function getCallerIdentity(creds: ResolvedCredentials, endpoint: string, timeoutMs: number, retry: RetryPolicy): Promise<CallerIdentity> {
  const client = stsClient(creds, endpoint);
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.request<CallerIdentity>('GetCallerIdentity', {}, { timeout: timeoutMs });
    } catch (err) {
      const c = classifyError(err);
      if (c.kind === 'credentials') {
        throw new AssayError('CREDENTIALS_INVALID', `Alibaba Cloud rejected the credentials (${c.code}) for access key ${maskKeyId(creds.accessKeyId)} from ${creds.source}. Check the AccessKey id and secret.`);
      }
      if ((c.kind === 'throttled' || c.kind === 'transient' || c.kind === 'timeout') && attempt < retry.maxRetries) {
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt)));
        continue;
      }
      throw new AssayError('COLLECT_FAILED', `STS GetCallerIdentity failed with ${c.code}: ${c.message}`);
    }
  }
}

/** `LTAI****abcd`: enough to recognise a key, never the whole id. */
export function maskKeyId(id: string): string {
  return id.length <= 8 ? '****' : `${id.slice(0, 4)}****${id.slice(-4)}`;
}

export async function collectAlibaba(options: AlibabaCollectOptions = {}): Promise<{ graph: AssetGraph; stats: CollectionStats }> {
  const started = Date.now();
  const { env, allowInsecureEndpoint, override, timeoutMs, retry } = connectionSettings(options);
  const products = new Set((options.products ?? ALIBABA_PRODUCTS).map((p) => p.toLowerCase()));
  for (const p of products) {
    if (!ALIBABA_PRODUCTS.includes(p)) {
      throw new AssayError('USAGE', `Unknown Alibaba product "${p}".`, { suggestions: ALIBABA_PRODUCTS.filter((q) => q[0] === p[0]) });
    }
  }

  const creds = await resolveAlibabaCredentials(options.credentials ?? {}, { env, endpoint: override, allowInsecureEndpoint, timeoutMs });
  const homeRegion = creds.regionId ?? options.regions?.[0] ?? DEFAULT_HOME_REGION;
  const identity = await getCallerIdentity(creds, endpointFor('sts', null, override) ?? 'https://sts.aliyuncs.com', timeoutMs, retry);
  const accountId = str(identity.AccountId);
  if (!accountId) throw new AssayError('COLLECT_FAILED', 'STS GetCallerIdentity returned no AccountId.');

  const graph = new AssetGraph({ provider: 'alibaba', accountId, collectedAt: new Date().toISOString() });
  // Whoever serves a custom endpoint decides every answer: every report of this graph says so.
  if (override) graph.metadata.customEndpoint = { url: describeEndpoint(override), plainHttp: isPlainHttp(override) };
  const ctx = new CollectContext({
    graph,
    clients: new ClientFactory(creds, override),
    accountId,
    timeoutMs,
    retry,
    // Sized for QPS x latency: the per-action rate limiters, not these, should set the pace.
    concurrency: options.concurrency ?? 256,
    productConcurrency: options.productConcurrency ?? 64,
    rateLimits: options.rateLimits,
    onProgress: options.onProgress,
  });

  const account: Asset = ctx.addAsset({
    id: accountArn(accountId),
    type: 'AlibabaAccount',
    region: null,
    name: null,
    tags: [],
    raw: plain(withoutRequestId(identity)),
    callerArn: str(identity.Arn),
    identityType: str(identity.IdentityType),
  });

  const timed = async (product: string, region: string | null, fn: () => Promise<void>): Promise<void> => {
    if (!products.has(product)) return;
    const t0 = Date.now();
    ctx.progress({ kind: 'product-start', product, region });
    try {
      await fn();
    } catch (err) {
      // A collector bug must not lose the rest of the scan; record it like a failed call.
      const c = classifyError(err);
      ctx.addGap({ product, action: 'collect', region, types: [] }, { ...c, code: c.code === 'UnknownError' ? 'CollectorError' : c.code });
    }
    ctx.progress({ kind: 'product-end', product, region, durationMs: Date.now() - t0 });
  };

  // RAM needs no region list, and its per-user calls (five per user, each action at 20 QPS) are
  // the longest chain of a scan: start it before region discovery and the regional burst.
  const ram = timed('ram', null, () => collectRam(ctx, account));

  let regions: string[];
  try {
    regions = await discoverRegions(ctx, options.regions, homeRegion, products);
  } catch (error) {
    await ram; // nothing left running behind a failed collection
    await ctx.limiters.stop();
    throw error;
  }
  graph.metadata.regions = regions;
  graph.metadata.products = [...products];
  const tasks = GLOBAL_PRODUCTS.filter((p) => products.has(p)).length + REGIONAL_PRODUCTS.filter((p) => products.has(p)).length * regions.length;
  ctx.progress({ kind: 'start', accountId, regions, products: [...products], tasks });

  // OSS before ActionTrail is not required: edges to buckets resolve by id at query time.
  const global = [
    ram,
    timed('oss', null, () => collectOss(ctx, creds, homeRegion)),
    // Account-wide per site: mainland assets on one, international on the other.
    timed('sas', null, () => collectSas(ctx, account, regions, homeRegion)),
    timed('actiontrail', null, () => collectActionTrail(ctx, regions)),
    // Account-wide per site (mainland / international), like Security Center.
    timed('ddoscoo', null, async () => { await Promise.all(securitySites(regions, homeRegion).map((site) => collectDdosCoo(ctx, site))); }),
    timed('waf', null, async () => { await Promise.all(securitySites(regions, homeRegion).map((site) => collectWaf(ctx, site))); }),
    timed('cloudfw', null, async () => { await Promise.all(securitySites(regions, homeRegion).map((site) => collectCloudfw(ctx, site))); }),
  ];
  const regional = regions.flatMap((region) => [
    timed('ecs', region, () => collectEcs(ctx, region)),
    timed('vpc', region, () => collectVpc(ctx, region)),
    timed('rds', region, () => collectRds(ctx, region)),
    timed('kms', region, () => collectKms(ctx, region)),
    timed('cs', region, () => collectCs(ctx, region)),
    timed('sls', region, () => collectSls(ctx, creds, region, override)),
  ]);
  await Promise.all([...global, ...regional]);
  await ctx.limiters.stop();

  const stats: CollectionStats = {
    accountId,
    regions,
    products: [...products],
    calls: ctx.calls,
    retries: ctx.retries,
    throttled: ctx.throttled,
    gaps: graph.gaps.length,
    duplicates: ctx.duplicates,
    assets: graph.size,
    edges: graph.edgeTotal,
    durationMs: Date.now() - started,
    actions: ctx.actions,
  };
  graph.metadata.stats = stats;
  ctx.progress({ kind: 'end', stats });
  // Calls complete in any order; the same account must give the same graph (reports, snapshots).
  return { graph: graph.canonicalize(), stats };
}

/** Explicit regions win; else ECS DescribeRegions, else ActionTrail's; else the home region (with gaps recorded). */
async function discoverRegions(ctx: CollectContext, explicit: string[] | undefined, home: string, products: Set<string>): Promise<string[]> {
  if (explicit?.length) return [...new Set(explicit)];
  // Security Center, Anti-DDoS, WAF and Cloud Firewall pick their API sites from the regions, so they need them too.
  const regionalWanted = ['ecs', 'vpc', 'rds', 'kms', 'cs', 'sls', 'actiontrail', 'sas', 'ddoscoo', 'waf', 'cloudfw'].some((p) => products.has(p));
  if (!regionalWanted) return [home];
  const fromEcs = await ecsRegions(ctx, home);
  if (fromEcs?.length) return fromEcs;
  const fromTrail = await actiontrailRegions(ctx, home);
  if (fromTrail?.length) return fromTrail;
  // Only the home region is collected now: every regional type may be incomplete.
  const regionalTypes = ['ecs', 'vpc', 'rds', 'kms', 'cs', 'sls', 'actiontrail', 'ddoscoo', 'waf', 'cloudfw'].filter((p) => products.has(p)).flatMap((p) => ALIBABA_PRODUCT_TYPES[p] ?? []);
  ctx.addGap(
    { product: 'ecs', action: 'DescribeRegions', region: home, types: regionalTypes },
    { kind: 'other', code: 'RegionDiscoveryFailed', message: `Could not list regions (ECS and ActionTrail DescribeRegions failed); only ${home} was collected.` },
  );
  return [home];
}

function withoutRequestId(body: object): object {
  const { RequestId: _r, ...rest } = body as Record<string, unknown>;
  return rest;
}
