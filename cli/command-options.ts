import type { Argv } from 'yargs';
import { SEVERITIES } from '../engine/checks/check-definition.js';
import { liveOptions } from './live-options.js';
import { OUTPUT_FORMATS } from './output/output-formats.js';
import { DEFAULT_INPUT_LIMITS } from '../engine/errors/input-limits.js';

/**
 * The flags of every command, apart from their handlers: `assay --help` and argument parsing
 * load only this and yargs; a command's handler (and the engine it needs) is imported when the
 * command runs (cli/main.ts).
 */
export function scanOptions<T>(yargs: Argv<T>) {
  return liveOptions(yargs)
    .option('snapshot', { type: 'string', describe: 'Scan a saved snapshot (JSON or .json.gz) instead of a live account' })
    .option('checks', { type: 'string', array: true, describe: 'Check files or folders (default: the bundled packs)' })
    .option('pack', { type: 'string', array: true, describe: 'Run the checks of these packs (see "assay packs list")' })
    .option('schema', { type: 'string', array: true, describe: 'SDL folders (default: the bundled schema)' })
    .option('output', {
      alias: 'o',
      type: 'string',
      array: true,
      describe: `Report format, repeatable: FORMAT or FORMAT=FILE (${OUTPUT_FORMATS.join(', ')}); default table`,
    })
    .option('output-file', { type: 'string', describe: 'Write a report given without =FILE to this file instead of stdout' })
    .option('severity', { type: 'string', array: true, describe: `Only run checks of these severities (${SEVERITIES.join(', ')})` })
    .option('check', { type: 'string', array: true, describe: 'Only run the checks with these ids' })
    .option('fail-on', {
      type: 'string',
      choices: [...SEVERITIES, 'none'],
      default: 'info',
      describe: 'Exit 1 when a finding has this severity or higher (none: never for findings)',
    })
    .option('exceptions', { type: 'string', describe: 'YAML file of accepted risks (check, asset/tags, owner, reason, expires)' })
    .option('baseline', { type: 'string', describe: 'An earlier scan (--output json=FILE): report new, resolved and unchanged findings' })
    .option('fail-on-new', { type: 'boolean', describe: 'With --baseline: gate the exit code on new findings only' })
    .option('follow-symlinks', { type: 'boolean', default: false, describe: 'Write a report through a symbolic link at its path (default: refuse; a planted link could point at any file)' })
    .options(inputLimitOptions(['max-input-mb', 'max-line-mb', 'max-assets', 'max-exceptions-mb']));
}

export function collectOptions<T>(yargs: Argv<T>) {
  return liveOptions(yargs)
    .option('out', { alias: 'o', type: 'string', describe: 'Snapshot file to write (.json or .json.gz)', demandOption: true })
    .option('pack', { type: 'string', array: true, describe: 'Collect only what these packs read (default: everything)' })
    .option('checks', { type: 'string', array: true, describe: 'Collect only what these checks read' })
    .option('follow-symlinks', { type: 'boolean', default: false, describe: 'Write the snapshot through a symbolic link at --out (default: refuse; a planted link could point at any file)' });
}

export function queryOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('query', { type: 'string', describe: 'A GraphQL query, e.g. "{ alibabaActionTrails { name eventRW } }"' })
    .option('file', { alias: 'f', type: 'string', describe: 'Read the query from a file (a check file works too)' })
    .option('snapshot', { type: 'string', demandOption: true, describe: 'Snapshot to query' })
    .option('var', { type: 'string', array: true, describe: 'Variable as name=JSON (or name=text)' })
    .option('schema', { type: 'string', array: true, describe: 'SDL folders (default: the bundled schema)' })
    .options(inputLimitOptions(['max-input-mb', 'max-line-mb', 'max-assets']));
}

export function checksOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('checks', { type: 'string', array: true, describe: 'Check files or folders (default: the bundled packs)' })
    .option('pack', { type: 'string', array: true, describe: 'Run the checks of these packs (see "assay packs list")' })
    .option('schema', { type: 'string', array: true, describe: 'SDL folders (default: the bundled schema)' });
}

export function testOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('checks', { type: 'string', array: true, describe: 'Check files or folders (default: the bundled packs)' })
    .option('pack', { type: 'string', array: true, describe: 'Run the checks of these packs (see "assay packs list")' })
    .option('schema', { type: 'string', array: true, describe: 'SDL folders (default: the bundled schema)' })
    .option('check', { type: 'string', array: true, describe: 'Only test the checks with these ids' })
    .option('strict', { type: 'boolean', default: false, describe: 'Fail when a check lacks a passing and a failing fixture' });
}

export function diffOptions<T>(yargs: Argv<T>) {
  return yargs
    .positional('old', { type: 'string', describe: 'The earlier scan (assay scan --output json=FILE)', demandOption: true })
    .positional('new', { type: 'string', describe: 'The later scan', demandOption: true })
    .option('output', { type: 'string', choices: ['table', 'json'], default: 'table', describe: 'Print a summary table or the diff as JSON' })
    .option('fail-on-new', { type: 'boolean', describe: 'Exit 1 when the later scan has findings the earlier one did not' })
    .options(inputLimitOptions(['max-input-mb']));
}

const MB = 1024 * 1024;

/** Flags that raise the limits on input files (engine/errors/input-limits.ts), with their defaults. */
const INPUT_LIMIT_OPTIONS = {
  'max-input-mb': `Largest snapshot (after decompression) or scan result (--baseline, diff) read, in MB (default ${DEFAULT_INPUT_LIMITS.maxInputBytes / MB})`,
  'max-line-mb': `Longest line of a snapshot (one asset, edge or gap), in MB (default ${DEFAULT_INPUT_LIMITS.maxLineBytes / MB})`,
  'max-assets': `Most assets a snapshot may hold (default ${DEFAULT_INPUT_LIMITS.maxAssets})`,
  'max-exceptions-mb': `Largest --exceptions file, in MB (default ${DEFAULT_INPUT_LIMITS.maxExceptionsBytes / MB})`,
} as const;

type InputLimitFlag = keyof typeof INPUT_LIMIT_OPTIONS;

function inputLimitOptions(names: InputLimitFlag[]) {
  return Object.fromEntries(names.map((name) => [name, { type: 'number', group: 'Input limits:', describe: INPUT_LIMIT_OPTIONS[name] } as const]));
}
