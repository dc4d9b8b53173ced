import type { ScanResult } from '../runner/results.js';
import { allFindings, isExcepted } from './common.js';

/**
 * One finding a line (JSON Lines), for log pipelines and `jq`: the finding plus the scan it came
 * from (tool version, account, time) and whether an exception covers it.
 */
export function renderJsonl(result: ScanResult): string {
  const scan = {
    tool: `${result.tool.name} ${result.tool.version}`,
    startedAt: result.startedAt,
    provider: result.source.provider ?? null,
    accountId: result.source.accountId ?? null,
  };
  return allFindings(result)
    .map((finding) => JSON.stringify({ ...finding, excepted: isExcepted(finding), scan }) + '\n')
    .join('');
}
