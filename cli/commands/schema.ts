import { loadSchema, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** `assay schema`: the SDL checks are written against, with the generated filter types. */
export function schemaCommand(args: EngineArgs, io: CliIo): number {
  const assay = loadSchema(args, io);
  io.stdout(assay.printSdl() + '\n');
  return EXIT.OK;
}
