import { saveSnapshot } from '../../connectors/snapshot/save-snapshot.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { collectLive, plannedReads } from '../acquire-graph.js';
import type { LiveArgs } from '../live-options.js';
import { loadCheckSet, loadSchema, printErrors, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export interface CollectArgs extends LiveArgs, EngineArgs {
  out?: string;
}


/** `assay collect -o snap.json.gz`: collect a live account into a snapshot to scan later offline. */
export async function collectCommand(args: CollectArgs, io: CliIo): Promise<number> {
  if (!args.out) throw new AssayError('USAGE', 'Name the snapshot file with --out.');
  let reads: string[] | undefined;
  if (args.pack?.length || args.checks?.length) {
    const assay = loadSchema(args, io);
    const loaded = loadCheckSet(args, assay, io);
    printErrors(loaded.errors, io);
    reads = plannedReads(loaded.checks);
  }
  const graph = await collectLive(args, io, reads);
  saveSnapshot(graph, args.out);
  io.stderr(`Wrote ${args.out}\n`);
  return EXIT.OK;
}
