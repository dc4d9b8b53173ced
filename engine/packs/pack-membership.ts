import type { AssaySchema } from '../schema/build-schema.js';
import { loadChecks } from '../checks/load-checks.js';
import type { Pack } from './load-packs.js';

/**
 * Which packs each check id belongs to (`checks list`). A pack with `controls` names its checks;
 * one without takes every check under its include paths, so those are loaded to learn their ids.
 */
export function packMembership(packs: Pack[], assay: AssaySchema, baseDir = process.cwd()): Map<string, string[]> {
  const membership = new Map<string, string[]>();
  const add = (id: string, pack: string): void => {
    const list = membership.get(id);
    if (list) list.push(pack);
    else membership.set(id, [pack]);
  };
  for (const pack of packs) {
    const ids = pack.manifest.controls
      ? Object.keys(pack.manifest.controls)
      : loadChecks(pack.checkPaths, assay, baseDir).checks.map((c) => c.metadata.id);
    for (const id of ids) add(id, pack.manifest.name);
  }
  return membership;
}
