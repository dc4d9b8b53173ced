/**
 * Deterministic synthetic Alibaba-shaped worlds for the benchmark. One seeded PRNG drives
 * everything, so a size always yields the same assets, edges and violating sets.
 *
 * The generator returns the assets and edges (for the AssetGraph) and, separately, plain-JS
 * indexes (arrays and Maps holding direct references) that the hand-written loop checks use.
 */
import type { Asset } from '../engine/index.js';

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface EdgeSpec {
  from: string;
  label: string;
  to: string;
}

/** Plain indexes over the same objects the graph holds (what a hand-written scanner would keep). */
export interface World {
  assets: Asset[];
  edges: EdgeSpec[];
  accounts: Asset[];
  trails: Asset[];
  buckets: Asset[];
  slsProjects: Asset[];
  /** account id -> its trails / buckets / SLS projects (collected assets only). */
  accountTrails: Map<string, Asset[]>;
  accountBuckets: Map<string, Asset[]>;
  accountSls: Map<string, Asset[]>;
  /** trail id -> the collected bucket / SLS project it delivers to (absent: none or not collected). */
  trailBucket: Map<string, Asset>;
  trailSls: Map<string, Asset>;
}

const REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'ap-southeast-1', 'eu-central-1', 'us-west-1'];

/** Picks from weighted options: [[value, weight], ...]. */
function weighted<T>(rand: () => number, options: Array<[T, number]>): T {
  let total = 0;
  for (const [, w] of options) total += w;
  let r = rand() * total;
  for (const [v, w] of options) {
    r -= w;
    if (r < 0) return v;
  }
  return options[options.length - 1][0];
}

const iso = (rand: () => number): string => new Date(Date.UTC(2024, 0, 1) + Math.floor(rand() * 2 * 365 * 86400_000)).toISOString().replace(/\.\d+Z$/, 'Z');

/**
 * Builds a world of exactly `size` assets: one account per ~1000 assets; per account 0..10
 * trails (one account in 8 has none), ~70% of the rest OSS buckets, the others SLS projects.
 * 40% of accounts are locked down (no public bucket), 10% have no healthy SLS project.
 */
export function generateWorld(size: number, seed = 20261125): World {
  const rand = prng(seed);
  const int = (n: number): number => Math.floor(rand() * n);
  const accountCount = Math.max(1, Math.round(size / 1000));
  const world: World = {
    assets: [],
    edges: [],
    accounts: [],
    trails: [],
    buckets: [],
    slsProjects: [],
    accountTrails: new Map(),
    accountBuckets: new Map(),
    accountSls: new Map(),
    trailBucket: new Map(),
    trailSls: new Map(),
  };
  const byId = new Map<string, Asset>();
  const add = (asset: Asset): Asset => {
    world.assets.push(asset);
    byId.set(asset.id, asset);
    return asset;
  };
  const edge = (from: string, label: string, to: string): void => {
    world.edges.push({ from, label, to });
  };

  let remaining = size;
  for (let a = 0; a < accountCount; a++) {
    const uid = String(1_000_000_000_000_000 + a * 7919);
    const accountsLeft = accountCount - a;
    // This account's share of the assets (including itself).
    const share = a === accountCount - 1 ? remaining : Math.max(1, Math.min(remaining - (accountsLeft - 1), Math.round(remaining / accountsLeft)));
    remaining -= share;
    const account = add({
      id: `acs:ram::${uid}:root`,
      type: 'AlibabaAccount',
      provider: 'alibaba',
      accountId: uid,
      region: null,
      name: `account-${a}`,
      tags: [],
      raw: { AccountId: uid, Arn: `acs:ram::${uid}:user/assay-auditor`, IdentityType: 'RAMUser' },
      callerArn: `acs:ram::${uid}:user/assay-auditor`,
    });
    world.accounts.push(account);
    const trails: Asset[] = [];
    const buckets: Asset[] = [];
    const sls: Asset[] = [];
    world.accountTrails.set(account.id, trails);
    world.accountBuckets.set(account.id, buckets);
    world.accountSls.set(account.id, sls);

    let rest = share - 1;
    // Account profiles: locked down (no public ACL or anonymous policy), SLS retired (no healthy project).
    const lockedDown = rand() < 0.4;
    const slsRetired = rand() < 0.1;
    // Trails: a few per account, one account in 8 has none at all.
    const trailCount = Math.min(rest, weighted(rand, [[0, 12], [1, 30], [2, 25], [3, 15], [5, 10], [10, 8]]));
    rest -= trailCount;
    const bucketCount = Math.round(rest * 0.7);
    const slsCount = rest - bucketCount;

    for (let i = 0; i < bucketCount; i++) {
      const region = REGIONS[int(REGIONS.length)];
      const name = `bkt-${a}-${i}`;
      const acl = lockedDown ? 'private' : weighted(rand, [['private', 85], ['public-read', 10], ['public-read-write', 5]]);
      const policy = makePolicy(rand, uid, name, lockedDown);
      const bucket = add({
        id: `acs:oss:*:${uid}:${name}`,
        type: 'AlibabaOssBucket',
        provider: 'alibaba',
        accountId: uid,
        region,
        name,
        tags: rand() < 0.3 ? [{ key: 'env', value: weighted(rand, [['prod', 1], ['dev', 1]]) }] : [],
        raw: { Name: name, Location: `oss-${region}`, StorageClass: 'Standard', AccessControlList: { Grant: acl } },
        location: `oss-${region}`,
        creationDate: iso(rand),
        storageClass: weighted(rand, [['Standard', 8], ['IA', 1], ['Archive', 1]]),
        acl,
        policy,
      });
      buckets.push(bucket);
      edge(account.id, 'ossBuckets', bucket.id);
    }

    for (let i = 0; i < slsCount; i++) {
      const region = REGIONS[int(REGIONS.length)];
      const name = `sls-${a}-${i}`;
      const status = weighted<string | null>(rand, slsRetired ? [['Disable', 9], [null, 1]] : [['Normal', 90], ['Disable', 8], [null, 2]]);
      const project = add({
        id: `acs:log:${region}:${uid}:project/${name}`,
        type: 'AlibabaSlsProject',
        provider: 'alibaba',
        accountId: uid,
        region,
        name,
        tags: [],
        raw: { projectName: name, status, region },
        description: rand() < 0.5 ? `project ${name}` : null,
        status,
        createTime: iso(rand),
        lastModifyTime: iso(rand),
      });
      sls.push(project);
      edge(account.id, 'slsProjects', project.id);
    }

    for (let i = 0; i < trailCount; i++) {
      const home = REGIONS[int(REGIONS.length)];
      const name = `trail-${a}-${i}`;
      const status = weighted(rand, [['Enable', 85], ['Disable', 10], ['Fresh', 5]]);
      const isLogging = status === 'Enable' ? rand() < 0.95 : false;
      const eventRW = weighted<string | null>(rand, [['All', 50], ['Write', 35], ['Read', 13], [null, 2]]);
      const trailRegion = rand() < 0.7 ? 'All' : home;
      // Sinks: an OSS bucket of the account, a bucket elsewhere (edge to an uncollected asset), or none.
      let ossBucketName: string | null = null;
      let bucketTarget: string | null = null;
      const ossRoll = rand();
      if (ossRoll < 0.55 && buckets.length) {
        const b = buckets[int(buckets.length)];
        ossBucketName = b.name;
        bucketTarget = b.id;
      } else if (ossRoll < 0.65) {
        ossBucketName = `external-logs-${int(1000)}`;
        bucketTarget = `acs:oss:*:9999999999999999:${ossBucketName}`;
      }
      let slsProjectArn: string | null = null;
      const slsRoll = rand();
      if (slsRoll < 0.35 && sls.length) {
        slsProjectArn = sls[int(sls.length)].id;
      } else if (slsRoll < 0.42) {
        slsProjectArn = `acs:log:${home}:9999999999999999:project/external-${int(1000)}`;
      }
      const arn = `acs:actiontrail:${home}:${uid}:trail/${name}`;
      const trail = add({
        id: arn,
        type: 'AlibabaActionTrail',
        provider: 'alibaba',
        accountId: uid,
        region: home,
        name,
        tags: [],
        raw: { Name: name, HomeRegion: home, TrailRegion: trailRegion, EventRW: eventRW, Status: status, OssBucketName: ossBucketName ?? '', SlsProjectArn: slsProjectArn ?? '', TrailArn: arn },
        homeRegion: home,
        trailRegion,
        eventRW,
        status,
        isLogging,
        isOrganizationTrail: false,
        organizationId: null,
        ossBucketName,
        ossBucketLocation: ossBucketName ? `oss-${home}` : null,
        ossKeyPrefix: null,
        ossWriteRoleArn: null,
        slsProjectArn,
        slsWriteRoleArn: slsProjectArn ? `acs:ram::${uid}:role/aliyunactiontraildefaultrole` : null,
        maxComputeProjectArn: null,
        createTime: iso(rand),
        updateTime: iso(rand),
        startLoggingTime: status === 'Fresh' ? null : iso(rand),
        stopLoggingTime: null,
        latestDeliveryTime: isLogging ? iso(rand) : null,
        latestDeliveryError: null,
        ossBucketStatus: ossBucketName ? true : null,
        slsLogStoreStatus: slsProjectArn ? true : null,
      });
      trails.push(trail);
      edge(account.id, 'trails', trail.id);
      if (bucketTarget) edge(trail.id, 'ossBucket', bucketTarget);
      if (slsProjectArn) edge(trail.id, 'slsProject', slsProjectArn);
    }
    world.trails.push(...trails);
    world.buckets.push(...buckets);
    world.slsProjects.push(...sls);
  }

  // Plain links for the loop checks: only targets that were collected (as the graph resolves them).
  for (const e of world.edges) {
    if (e.label !== 'ossBucket' && e.label !== 'slsProject') continue;
    const target = byId.get(e.to);
    if (target) (e.label === 'ossBucket' ? world.trailBucket : world.trailSls).set(e.from, target);
  }
  if (world.assets.length !== size) throw new Error(`generator made ${world.assets.length} assets, wanted ${size}`);
  return world;
}

/**
 * A bucket policy (Alibaba OSS policy syntax) for ~30% of buckets. Some grant Principal "*"
 * (as ["*"] or as a bare "*"), some only to the account, some deny "*" (not a grant).
 */
function makePolicy(rand: () => number, uid: string, bucket: string, lockedDown: boolean): unknown {
  if (rand() >= 0.3) return null;
  const resource = [`acs:oss:*:${uid}:${bucket}`, `acs:oss:*:${uid}:${bucket}/*`];
  const kind = lockedDown
    ? weighted(rand, [['account', 85], ['denyAny', 15]])
    : weighted(rand, [['account', 70], ['anyList', 10], ['anyBare', 5], ['denyAny', 10], ['mixed', 5]]);
  const statement = (effect: string, principal: unknown, actions: string[]): Record<string, unknown> => ({
    Effect: effect,
    Action: actions,
    Principal: principal,
    Resource: resource,
  });
  switch (kind) {
    case 'account':
      return { Version: '1', Statement: [statement('Allow', [uid], ['oss:GetObject', 'oss:PutObject'])] };
    case 'anyList':
      return { Version: '1', Statement: [statement('Allow', ['*'], ['oss:GetObject'])] };
    case 'anyBare':
      return { Version: '1', Statement: [statement('Allow', '*', ['oss:GetObject', 'oss:ListObjects'])] };
    case 'denyAny':
      return { Version: '1', Statement: [statement('Deny', ['*'], ['oss:DeleteObject']), statement('Allow', [uid], ['oss:*'])] };
    default:
      return { Version: '1', Statement: [statement('Allow', [uid], ['oss:*']), statement('Allow', [uid, '*'], ['oss:GetObject'])] };
  }
}
