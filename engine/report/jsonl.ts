import type { ScanResult } from '../runner/results.js';
import { allFindings, customEndpointOf, isExcepted } from './common.js';
import { joinChunks, type ReportChunks } from './chunks.js';

/**
 * One finding a line (JSON Lines), for log pipelines and `jq`: the finding plus the scan it came
 * from (tool version, account, time) and whether an exception covers it.
 */
export function renderJsonl(result: ScanResult): string {
  return joinChunks(renderJsonlChunks(result));
}

/** renderJsonl's lines one at a time. */
export function* renderJsonlChunks(result: ScanResult): ReportChunks {
  const scan = {
    tool: `${result.tool.name} ${result.tool.version}`,
    startedAt: result.startedAt,
    provider: result.source.provider ?? null,
    accountId: result.source.accountId ?? null,
    ...(customEndpointOf(result.source) ? { customEndpoint: customEndpointOf(result.source) } : {}),
  };
  for (const finding of allFindings(result)) yield JSON.stringify({ ...finding, excepted: isExcepted(finding), scan }) + '\n';
}
