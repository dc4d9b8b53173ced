import { runFixtures } from '../../engine/testing/run-fixtures.js';
import { loadCheckSet, loadSchema, printErrors, selectChecks, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { colors } from '../output/terminal-text.js';

export interface TestArgs extends EngineArgs {
  check?: string[];
  strict?: boolean;
}


/** `assay test`: runs each check against its fixtures (fixtures/<check-file>.yaml beside it). */
export async function testCommand(args: TestArgs, io: CliIo): Promise<number> {
  const c = colors(io.isTTY);
  const assay = loadSchema(args, io);
  const loaded = selectChecks(loadCheckSet(args, assay, io, { catalogue: true }), args.check, undefined);
  printErrors(loaded.errors, io);
  const report = await runFixtures(loaded.checks, assay, io.cwd);
  printErrors(report.errors, io);
  for (const result of report.results) {
    const mark = result.ok ? c.green('✓') : c.red('✗');
    io.stdout(`${mark} ${result.checkId} ${result.kind}: ${result.name}\n`);
    for (const problem of result.problems) io.stdout(`    ${problem}\n`);
  }
  for (const missing of report.untested) io.stdout(`${c.yellow('!')} ${missing.checkId}: ${missing.missing}\n`);
  const failed = report.results.filter((r) => !r.ok).length;
  io.stdout(`${report.results.length - failed} passed, ${failed} failed\n`);
  if (loaded.errors.length || report.errors.length) return EXIT.USAGE;
  return failed || (args.strict && report.untested.length) ? EXIT.FINDINGS : EXIT.OK;
}
