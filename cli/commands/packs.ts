import { listPacks, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { safeText } from '../output/terminal-text.js';

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
  const header = ['NAME', 'VERSION', 'CHECKS', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  io.stdout([line(header), ...rows.map(line)].join('\n') + '\n');
  return EXIT.OK;
}
