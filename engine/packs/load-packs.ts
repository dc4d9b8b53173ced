import { AssayError } from '../errors/assay-error.js';
import { suggest } from '../errors/suggest.js';
import type { AssaySchema } from '../schema/build-schema.js';
import { loadChecks, type LoadedChecks } from '../checks/load-checks.js';
import type { Pack } from './find-packs.js';

export { findPacks, readPack, findPack, type Pack } from './find-packs.js';

/**
 * Loads a pack's checks. With `controls`, exactly those ids (a listed id without a check is an
 * error), each stamped with the pack's level; otherwise every check found.
 */
export function loadPackChecks(pack: Pack, assay: AssaySchema, baseDir = process.cwd()): LoadedChecks {
  const loaded = loadChecks(pack.checkPaths, assay, baseDir);
  const controls = pack.manifest.controls;
  if (!controls) return loaded;
  const byId = new Map(loaded.checks.map((c) => [c.metadata.id, c]));
  const errors = [...loaded.errors];
  const checks = [];
  for (const [id, control] of Object.entries(controls)) {
    const check = byId.get(id);
    if (!check) {
      errors.push(new AssayError('UNKNOWN_CHECK_ID', `Pack ${pack.manifest.name} lists "${id}", but no check has that id.`, {
        file: pack.file,
        suggestions: suggest(id, byId.keys()),
      }));
      continue;
    }
    checks.push({
      ...check,
      metadata: { ...check.metadata, level: control.level ?? check.metadata.level },
      pack: { name: pack.manifest.name, version: pack.manifest.version, recommendation: control.recommendation, assessment: control.assessment },
    });
  }
  return { checks, errors };
}
