import type { EngineArgs } from '../context.js';
import { listPacks } from '../list-packs.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { safeText } from '../output/terminal-text.js';
import { textTable } from '../output/text-table.js';

/** `assay packs list`: name, version, number of checks, title. */
export function listPacksCommand(args: EngineArgs & { output?: string }, io: CliIo): number {
  const packs = listPacks(args, io);
  if (args.output === 'json') {
    io.stdout(JSON.stringify(packs.map((p) => ({ ...p.manifest, file: p.file })), null, 2) + '\n');
    return EXIT.OK;
  }
  const rows = packs.map((p) => [
    p.manifest.name,
    p.manifest.version,
    p.manifest.controls ? String(Object.keys(p.manifest.controls).length) : 'all',
    safeText(p.manifest.title),
  ]);
  io.stdout(textTable(['NAME', 'VERSION', 'CHECKS', 'TITLE'], rows));
  return EXIT.OK;
}

