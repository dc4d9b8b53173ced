import { loadCheckSet, loadSchema, printErrors, type EngineArgs } from '../context.js';
import { listPacks } from '../list-packs.js';
import { packMembership } from '../../engine/packs/pack-membership.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { safeText } from '../output/terminal-text.js';
import { textTable } from '../output/text-table.js';

export interface ChecksArgs extends EngineArgs {
  output?: string;
}


/**
 * `assay checks list`: id, severity, level, how Assay evaluates it (query or manual), the
 * benchmark's own assessment where a pack states it, the packs it belongs to, title.
 */
export function listChecksCommand(args: ChecksArgs, io: CliIo): number {
  const assay = loadSchema(args, io);
  const { checks, errors } = loadCheckSet(args, assay, io, { catalogue: true });
  printErrors(errors, io);
  const packs = listPacks(args, io);
  const membership = packMembership(packs, assay, io.cwd);
  const assessment = (id: string): string =>
    [...new Set(packs.map((p) => p.manifest.controls?.[id]?.assessment).filter(Boolean))].join('/');
  if (args.output === 'json') {
    const rows = checks.map((c) => ({
      ...c.metadata,
      assessment: assessment(c.metadata.id) || undefined,
      packs: membership.get(c.metadata.id) ?? [],
      file: c.file,
    }));
    io.stdout(JSON.stringify(rows, null, 2) + '\n');
  } else {
    const rows = checks.map((c) => [
      c.metadata.id,
      c.metadata.severity,
      c.metadata.level ?? '',
      c.metadata.manual ? 'manual' : 'query',
      assessment(c.metadata.id),
      (membership.get(c.metadata.id) ?? []).join(','),
      safeText(c.metadata.title),
    ]);
    io.stdout(textTable(['ID', 'SEVERITY', 'LEVEL', 'ASSAY', 'BENCHMARK', 'PACKS', 'TITLE'], rows));
  }
  return errors.length ? EXIT.USAGE : EXIT.OK;
}

/** `assay checks validate`: load everything, print every error with file:line:col. */
export function validateChecksCommand(args: ChecksArgs, io: CliIo): number {
  const assay = loadSchema(args, io);
  const { checks, errors } = loadCheckSet(args, assay, io, { catalogue: true });
  printErrors(errors, io);
  const files = new Set(errors.map((e) => e.file)).size;
  io.stdout(`${checks.length} check(s) valid${errors.length ? `, ${errors.length} error(s) in ${files} file(s)` : ''}.\n`);
  return errors.length ? EXIT.USAGE : EXIT.OK;
}
