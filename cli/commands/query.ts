import { readFileSync } from 'node:fs';
import { graphql } from 'graphql';
import { readSnapshot } from '../../connectors/snapshot/load-snapshot.js';
import { inputLimitsFrom } from '../input-limit-flags.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { loadSchema, type EngineArgs } from '../context.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { writeJson } from '../output/write-json.js';

export interface QueryArgs extends EngineArgs {
  query?: string;
  file?: string;
  snapshot: string;
  var?: string[];
}


/** Runs an ad-hoc query against a snapshot and prints the JSON result. */
export async function queryCommand(args: QueryArgs, io: CliIo): Promise<number> {
  const source = args.file ? readFileSync(args.file, 'utf8') : args.query;
  if (!source) throw new AssayError('USAGE', 'Give a query as an argument or with --file.');
  const assay = loadSchema(args, io);
  const graph = await readSnapshot(args.snapshot, inputLimitsFrom(args));
  const variableValues: Record<string, unknown> = {};
  for (const pair of args.var ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new AssayError('USAGE', `--var takes name=value, got "${pair}".`);
    const raw = pair.slice(eq + 1);
    try {
      variableValues[pair.slice(0, eq)] = JSON.parse(raw);
    } catch {
      variableValues[pair.slice(0, eq)] = raw;
    }
  }
  // Fragments a check spreads (AssetFragment) are available here too.
  const fragments = [...assay.fragments.entries()]
    .filter(([name]) => source.includes(`...${name}`) && !source.includes(`fragment ${name}`))
    .map(([, f]) => f.text);
  const result = await graphql({
    schema: assay.schema,
    source: [source, ...fragments].join('\n'),
    contextValue: { graph },
    variableValues,
  });
  writeJson(io, result, 4); // the result, data, each root list, its items
  return result.errors?.length ? EXIT.USAGE : EXIT.OK;
}
