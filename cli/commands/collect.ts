import { saveSnapshotAsync } from '../../connectors/snapshot/save-snapshot.js';
import { resolve } from 'node:path';
import { AssayError } from '../../engine/errors/assay-error.js';
import { outputDestination } from '../../engine/files/output-destination.js';
import { collectLive, plannedReads } from '../acquire-graph.js';
import type { LiveArgs } from '../live-options.js';
import { loadCheckSet, loadSchema, printErrors, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { customEndpointNote } from '../../engine/report/common.js';
import { safeText } from '../output/terminal-text.js';
import type { CliIo } from '../io.js';

export interface CollectArgs extends LiveArgs, EngineArgs {
  out?: string;
  /** Write through a symbolic link at --out (default: refuse it). */
  followSymlinks?: boolean;
}

/** `assay collect -o snap.json.gz`: collect a live account into a snapshot to scan later offline. */
export async function collectCommand(args: CollectArgs, io: CliIo): Promise<number> {
  if (!args.out) throw new AssayError('USAGE', 'Name the snapshot file with --out.');
  const out = resolve(io.cwd, args.out);
  const writeOptions = { followSymlinks: args.followSymlinks };
  // A path that will be refused (a symbolic link, a folder) is refused now, not after the collection.
  outputDestination(out, writeOptions);
  let reads: string[] | undefined;
  if (args.pack?.length || args.checks?.length) {
    const assay = loadSchema(args, io);
    const loaded = loadCheckSet(args, assay, io);
    printErrors(loaded.errors, io);
    reads = plannedReads(loaded.checks);
  }
  const graph = await collectLive(args, io, reads);
  const endpointNote = customEndpointNote(graph.metadata as Record<string, unknown>);
  if (endpointNote) io.stderr(`WARNING: ${safeText(endpointNote)}\n`);
  await saveSnapshotAsync(graph, out, writeOptions);
  io.stderr(`Wrote ${args.out}\n`);
  return EXIT.OK;
}
