import cliProgress from 'cli-progress';
import type { CollectProgress, CollectionStats } from '../../connectors/alibaba/index.js';
import { describeGap } from '../../engine/graph/gap.js';
import { safeText } from './terminal-text.js';

/**
 * Renders collection progress: a bar on a terminal, plain lines otherwise (CI logs). Both go to
 * stderr so stdout stays the report.
 */
export function progressRenderer(options: { bar: boolean; write: (text: string) => void }): {
  onProgress: (event: CollectProgress) => void;
  stop: () => void;
} {
  let bar: cliProgress.SingleBar | undefined;
  let total = 0;
  let done = 0;
  let calls = 0;
  let retries = 0;
  const update = (): void => bar?.update(done, { calls, retries });

  const onProgress = (event: CollectProgress): void => {
    switch (event.kind) {
      case 'start':
        total = Math.max(1, event.products.length * Math.max(1, event.regions.length));
        options.write(`Collecting account ${safeText(event.accountId)}: ${event.products.length} products in ${event.regions.length} regions\n`);
        if (options.bar) {
          bar = new cliProgress.SingleBar(
            { format: '  {bar} {value}/{total} product-regions | {calls} calls, {retries} retries', hideCursor: true, clearOnComplete: true, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0, { calls: 0, retries: 0 });
        }
        break;
      case 'product-end':
        done++;
        if (bar) {
          bar.setTotal(Math.max(total, done));
          update();
        } else {
          options.write(`  ${event.product}${event.region ? ` ${event.region}` : ''}: done in ${Math.round(event.durationMs)} ms\n`);
        }
        break;
      case 'call':
        calls++;
        update();
        break;
      case 'retry':
        retries++;
        update();
        break;
      case 'gap':
        if (!bar) options.write(`  gap: ${safeText(describeGap(event.gap))}\n`);
        break;
      case 'end':
        bar?.stop();
        bar = undefined;
        options.write(summaryLine(event.stats));
        break;
      default:
        break;
    }
  };
  return { onProgress, stop: () => bar?.stop() };
}

export function summaryLine(stats: CollectionStats): string {
  return (
    `Collected ${stats.assets} assets, ${stats.edges} edges from ${stats.regions.length} regions in ${(stats.durationMs / 1000).toFixed(1)} s: ` +
    `${stats.calls} calls, ${stats.retries} retries, ${stats.throttled} throttled, ${stats.gaps} gaps\n`
  );
}
