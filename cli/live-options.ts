import type { Argv } from 'yargs';
import type { CliIo } from './io.js';

/** Flags for collecting from a live Alibaba Cloud account (same as `assay collect`). */
export interface LiveArgs {
  profile?: string;
  region?: string[];
  endpoint?: string;
  'allow-insecure-endpoint'?: boolean;
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
    .option('endpoint', { type: 'string', group: 'Live account:', describe: 'Send every API call to this base URL (e.g. the emulator): https://, or http:// to loopback only; env ASSAY_ALIBABA_ENDPOINT' })
    .option('allow-insecure-endpoint', {
      type: 'boolean',
      group: 'Live account:',
      describe: 'Allow --endpoint to be plain http:// to a host that is not loopback (default off); env ASSAY_ALLOW_INSECURE_ENDPOINT=1',
    })
    .option('role-arn', { type: 'string', group: 'Live account:', describe: 'Assume this RAM role (scan another account)' })
    .option('role-session-name', { type: 'string', group: 'Live account:', describe: 'Session name for --role-arn (default assay)' })
    .option('external-id', { type: 'string', group: 'Live account:', describe: 'External id for --role-arn' })
    .option('ecs-ram-role', { type: 'string', group: 'Live account:', describe: 'Use the ECS instance RAM role (name, or "" to discover it)' })
    .option('concurrency', { type: 'number', group: 'Live account:', describe: 'Maximum API calls in flight (default 256; 64 per product)' })
    .option('timeout', { type: 'number', group: 'Live account:', describe: 'Per-call timeout in seconds (default 10)' })
    .option('progress', { type: 'boolean', group: 'Live account:', describe: 'Show a progress bar (default: on a terminal, off in CI)' });
}

/**
 * The io a live collection runs with: --allow-insecure-endpoint reaches the connector as
 * ASSAY_ALLOW_INSECURE_ENDPOINT=1 in the environment it reads (collectLive passes io.env).
 */
export function liveIo(args: LiveArgs, io: CliIo): CliIo {
  return args['allow-insecure-endpoint'] ? { ...io, env: { ...io.env, ASSAY_ALLOW_INSECURE_ENDPOINT: '1' } } : io;
}
