import type { AssetGraph } from '../engine/graph/asset-graph.js';
import type { CheckDefinition } from '../engine/checks/check-definition.js';
import { emptyReadSet, mergeReadSets } from '../engine/checks/read-set.js';
import { describeGap } from '../engine/graph/gap.js';
import type { LiveArgs } from './live-options.js';
import type { CliIo } from './io.js';
import { progressRenderer } from './output/collect-progress.js';
import { safeText } from './output/terminal-text.js';

/** What a set of checks reads, as the connector plans collection from it (types and Type.fields). */
export function plannedReads(checks: CheckDefinition[]): string[] {
  const reads = checks.reduce((all, check) => mergeReadSets(all, check.reads), emptyReadSet());
  return [...reads.types, ...reads.fields];
}

/**
 * Collects a live account into a graph. With `reads`, only the products that provide those types
 * and fields are called (query-planned collection: a scan of one check makes only the calls it needs).
 */
export async function collectLive(args: LiveArgs, io: CliIo, reads?: Iterable<string>): Promise<AssetGraph> {
  const progress = progressRenderer({ bar: args.progress ?? io.isTTY, write: io.stderr });
  try {
    // Loaded on demand: the SDK clients (ali-oss, pop-core, SLS) cost ~200 ms of start-up that
    // --help, offline scans and the other commands do not need.
    const { collectAlibaba, credentialOptionsFromFlags, parseRegionList, productsForTypes } = await import('../connectors/alibaba/index.js');
    const { graph } = await collectAlibaba({
      credentials: credentialOptionsFromFlags({
        ...args,
        'ecs-ram-role': args['ecs-ram-role'] === undefined ? undefined : args['ecs-ram-role'] || true,
      } as Record<string, unknown>),
      regions: parseRegionList(args.region),
      endpoint: args.endpoint ?? io.env.ASSAY_ALIBABA_ENDPOINT,
      // Absent, the connector reads ASSAY_ALLOW_INSECURE_ENDPOINT from env.
      ...(args['allow-insecure-endpoint'] ? { allowInsecureEndpoint: true } : {}),
      products: reads ? productsForTypes(reads) : undefined,
      concurrency: args.concurrency,
      timeoutMs: args.timeout === undefined ? undefined : args.timeout * 1000,
      env: io.env,
      onProgress: progress.onProgress,
    });
    for (const gap of graph.gaps) io.stderr(`warning: ${safeText(describeGap(gap))}\n`);
    return graph;
  } finally {
    progress.stop();
  }
}
