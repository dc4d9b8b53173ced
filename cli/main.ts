import yargs from 'yargs';
import { AssayError } from '../engine/errors/assay-error.js';
import { heapAdvice, isAllocationFailure } from '../engine/errors/heap-budget.js';
import { TOOL_VERSION } from '../engine/version.js';
import { processIo, type CliIo } from './io.js';
import { EXIT } from './exit-codes.js';
import { checksOptions, collectOptions, diffOptions, queryOptions, scanOptions, testOptions } from './command-options.js';
import type { ScanArgs } from './commands/scan.js';
import type { QueryArgs } from './commands/query.js';
import type { ChecksArgs } from './commands/checks.js';
import type { TestArgs } from './commands/test.js';
import type { CollectArgs } from './commands/collect.js';
import type { DiffArgs } from './commands/diff.js';
import type { EngineArgs } from './context.js';

// Handlers are imported when their command runs: `assay --help` loads yargs and the flags only,
// not the engine, GraphQL, JSONata and the cloud SDKs (about 0.7 s on a 2-core machine).
/** A command handler imported on first call. */
const lazy = <A extends unknown[]>(load: () => Promise<(...args: A) => number | Promise<number>>) =>
  async (...args: A): Promise<number> => (await load())(...args);
const scanCommand = lazy(async () => (await import('./commands/scan.js')).scanCommand);
const collectCommand = lazy(async () => (await import('./commands/collect.js')).collectCommand);
const queryCommand = lazy(async () => (await import('./commands/query.js')).queryCommand);
const listChecksCommand = lazy(async () => (await import('./commands/checks.js')).listChecksCommand);
const validateChecksCommand = lazy(async () => (await import('./commands/checks.js')).validateChecksCommand);
const listPacksCommand = lazy(async () => (await import('./commands/packs.js')).listPacksCommand);
const testCommand = lazy(async () => (await import('./commands/test.js')).testCommand);
const schemaCommand = lazy(async () => (await import('./commands/schema.js')).schemaCommand);
const diffCommand = lazy(async () => (await import('./commands/diff.js')).diffCommand);

/**
 * Runs the CLI with the given arguments and returns the exit code. Library-style: it never calls
 * process.exit, so tests run it in-process.
 */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code: number = EXIT.OK;
  const run = (handler: () => number | Promise<number>) => async () => {
    code = await handler();
  };

  const parser = yargs(argv)
    .scriptName('assay')
    .usage('$0 <command> [options]\n\nCloud security posture checks as GraphQL queries over an asset graph.')
    .command(
      'scan',
      'Run checks against a live account (credentials as the Alibaba CLI takes them) or a snapshot, and report findings',
      (y) => scanOptions(y),
      (args) => run(() => scanCommand(args as unknown as ScanArgs, io))(),
    )
    .command(
      'collect',
      'Collect a live account into a snapshot (JSON, or gzipped with .gz)',
      (y) => collectOptions(y),
      (args) => run(() => collectCommand(args as unknown as CollectArgs, io))(),
    )
    .command(
      'query [query]',
      'Run an ad-hoc GraphQL query against a snapshot and print JSON',
      (y) => queryOptions(y),
      (args) => run(() => queryCommand(args as unknown as QueryArgs, io))(),
    )
    .command('checks <action>', 'List or validate check files', (y) =>
      checksOptions(y)
        .command(
          'list',
          'List checks: id, severity, level, kind, title',
          (z) => z.option('output', { alias: 'o', type: 'string', choices: ['table', 'json'], default: 'table' }),
          (args) => run(() => listChecksCommand(args as unknown as ChecksArgs, io))(),
        )
        .command(
          'validate',
          'Load every check and report each error with file:line:col',
          () => {},
          (args) => run(() => validateChecksCommand(args as unknown as ChecksArgs, io))(),
        )
        .demandCommand(1, 'Name an action: list or validate'),
    )
    .command('packs <action>', 'List check packs', (y) =>
      y
        .option('checks', { type: 'string', array: true, describe: 'More folders to look for pack.yaml manifests in' })
        .command(
          'list',
          'List packs: name, version, number of checks, title',
          (z) => z.option('output', { alias: 'o', type: 'string', choices: ['table', 'json'], default: 'table' }),
          (args) => run(() => listPacksCommand(args as never, io))(),
        )
        .demandCommand(1, 'Name an action: list'),
    )
    .command(
      'test',
      'Run each check against its fixtures (valid and invalid cases beside the check)',
      (y) => testOptions(y),
      (args) => run(() => testCommand(args as unknown as TestArgs, io))(),
    )
    .command(
      'schema',
      'Print the GraphQL SDL checks are written against (with generated filter types)',
      (y) => y.option('schema', { type: 'string', array: true, describe: 'SDL folders (default: the bundled schema)' }),
      (args) => run(() => schemaCommand(args as unknown as EngineArgs, io))(),
    )
    .command(
      'diff <old> <new>',
      'Compare two scans (--output json): new, resolved and unchanged findings',
      (y) => diffOptions(y),
      (args) => run(() => diffCommand(args as unknown as DiffArgs, io))(),
    )
    .demandCommand(1, 'Name a command.')
    .strict()
    .recommendCommands()
    .version(TOOL_VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new AssayError('USAGE', message.startsWith('Did you mean') ? `Unknown command. ${message}` : message);
    });

  skipHelpCache(parser);
  try {
    let printed = '';
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      printed = output ?? '';
    });
    if (printed) {
      // --help / --version output, or yargs' own usage message on failure.
      io.stdout(printed.endsWith('\n') ? printed : `${printed}\n`);
    }
    return code;
  } catch (error) {
    if (error instanceof AssayError) {
      io.stderr(`${error.format()}\n`);
      if (error.code === 'USAGE') io.stderr('Run "assay --help" for usage.\n');
      return EXIT.USAGE;
    }
    if (isAllocationFailure(error)) {
      // Readers name their file; this is what reaches here from elsewhere (a report too large).
      io.stderr(`assay: out of memory (${(error as Error).message}): ${heapAdvice()}.\n`);
      return EXIT.USAGE;
    }
    io.stderr(`assay: ${(error as Error)?.message ?? String(error)}\n`);
    return EXIT.USAGE;
  }
}

/**
 * Once a command's handler has started, yargs renders that command's whole help text and keeps it
 * in case the handler shows help later (cliui, string-width and its emoji regex, all cold): ~60 ms
 * of every scan. Assay's handlers never show help, and help asked for later is rendered then, so
 * the cache is switched off. It is an internal of yargs: if it moves, nothing breaks, the time
 * just comes back.
 */
function skipHelpCache(parser: unknown): void {
  const usage = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
