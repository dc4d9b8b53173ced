/**
 * Hand-written plain-JavaScript equivalents of the benchmarked checks, over the generator's own
 * arrays and Maps (no graph, no GraphQL). Each returns the ids of the violating assets; the bench
 * asserts the engine finds exactly the same ids.
 */
import type { Asset } from '../engine/index.js';
import type { World } from './generate.js';

export interface LoopCheck {
  id: string;
  run(world: World): string[];
}

const ids = (assets: Asset[]): string[] => assets.map((a) => a.id);

/** Mirrors `'*' in Principal` in JSONata: a bare value counts as a one-item array. */
function grantsAnyone(policy: unknown): boolean {
  if (policy == null || typeof policy !== 'object') return false;
  const statements = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(statements) ? statements : statements == null ? [] : [statements];
  for (const s of list) {
    if (s == null || typeof s !== 'object') continue;
    const { Effect, Principal } = s as { Effect?: unknown; Principal?: unknown };
    if (Effect !== 'Allow') continue;
    if (Array.isArray(Principal) ? Principal.includes('*') : Principal === '*') return true;
  }
  return false;
}

export const LOOP_CHECKS: LoopCheck[] = [
  {
    // checks/alibaba/cis-v2.0.0/2.1-actiontrail-export-all-logs.graphql
    id: 'alibaba-cis-2.1',
    run(world) {
      const out: Asset[] = [];
      for (const account of world.accounts) {
        const trails = world.accountTrails.get(account.id) ?? [];
        let ok = false;
        for (const t of trails) {
          if (
            t.trailRegion === 'All' &&
            t.eventRW === 'All' &&
            t.status === 'Enable' &&
            t.isLogging === true &&
            (t.ossBucketName != null || t.slsProjectArn != null)
          ) {
            ok = true;
            break;
          }
        }
        if (!ok) out.push(account);
      }
      return ids(out);
    },
  },
  {
    id: 'bench-account-exposure',
    run(world) {
      const out: Asset[] = [];
      for (const account of world.accounts) {
        const buckets = world.accountBuckets.get(account.id) ?? [];
        const sls = world.accountSls.get(account.id) ?? [];
        let publicRw = false;
        for (const b of buckets) if (b.acl === 'public-read-write') { publicRw = true; break; }
        let noneHealthy = true;
        for (const p of sls) if (p.status === 'Normal') { noneHealthy = false; break; }
        if (publicRw || noneHealthy) out.push(account);
      }
      return ids(out);
    },
  },
  {
    id: 'bench-oss-policy-anonymous',
    run(world) {
      const out: Asset[] = [];
      for (const b of world.buckets) if (b.policy != null && grantsAnyone(b.policy)) out.push(b);
      return ids(out);
    },
  },
  {
    id: 'bench-oss-public-acl',
    run(world) {
      const out: Asset[] = [];
      for (const b of world.buckets) if (b.acl === 'public-read' || b.acl === 'public-read-write') out.push(b);
      return ids(out);
    },
  },
  {
    id: 'bench-trail-no-sink',
    run(world) {
      const out: Asset[] = [];
      for (const t of world.trails) {
        if (t.status === 'Enable' && !world.trailBucket.has(t.id) && !world.trailSls.has(t.id)) out.push(t);
      }
      return ids(out);
    },
  },
  {
    id: 'bench-trail-not-all-events',
    run(world) {
      const out: Asset[] = [];
      for (const t of world.trails) if (t.eventRW !== 'All') out.push(t);
      return ids(out);
    },
  },
];
