import type { Argv } from 'yargs';

/** Flags for collecting from a live Alibaba Cloud account (same as `assay collect`). */
export interface LiveArgs {
  profile?: string;
  region?: string[];
  endpoint?: string;
  'role-arn'?: string;
  'role-session-name'?: string;
  'external-id'?: string;
  'ecs-ram-role'?: string;
  concurrency?: number;
  timeout?: number;
  progress?: boolean;
}

export function liveOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('profile', { type: 'string', group: 'Live account:', describe: 'Profile in ~/.aliyun/config.json (or the credentials file); env ALIBABA_CLOUD_PROFILE' })
    .option('region', { type: 'string', array: true, group: 'Live account:', describe: 'Only these regions (default: every region the account can use)' })
    .option('endpoint', { type: 'string', group: 'Live account:', describe: 'Send every API call to this base URL (e.g. the emulator); env ASSAY_ALIBABA_ENDPOINT' })
    .option('role-arn', { type: 'string', group: 'Live account:', describe: 'Assume this RAM role (scan another account)' })
    .option('role-session-name', { type: 'string', group: 'Live account:', describe: 'Session name for --role-arn (default assay)' })
    .option('external-id', { type: 'string', group: 'Live account:', describe: 'External id for --role-arn' })
    .option('ecs-ram-role', { type: 'string', group: 'Live account:', describe: 'Use the ECS instance RAM role (name, or "" to discover it)' })
    .option('concurrency', { type: 'number', group: 'Live account:', describe: 'Maximum API calls in flight (default 256; 64 per product)' })
    .option('timeout', { type: 'number', group: 'Live account:', describe: 'Per-call timeout in seconds (default 10)' })
    .option('progress', { type: 'boolean', group: 'Live account:', describe: 'Show a progress bar (default: on a terminal, off in CI)' });
}
