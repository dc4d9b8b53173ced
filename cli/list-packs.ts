import { resolve } from 'node:path';
import { findPacks, type Pack } from '../engine/packs/find-packs.js';
import { bundledChecksDir } from '../engine/package-root.js';
import type { EngineArgs } from './context.js';
import type { CliIo } from './io.js';

/**
 * The bundled packs and those under --checks. Manifests only (no schema, no check), so
 * `assay packs list` starts without GraphQL, JSONata or the check parsers.
 */
export function listPacks(args: Pick<EngineArgs, 'checks'>, io: CliIo): Pack[] {
  return findPacks([bundledChecksDir(), ...(args.checks ?? []).map((p) => resolve(io.cwd, p))]);
}
