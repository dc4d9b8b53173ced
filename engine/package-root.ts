import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding Assay's package.json, found by walking up from this module, so the bundled
 * schema/ and checks/ are found from the sources (tests) and from dist/ (the built CLI) alike.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'schema'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Assay package root (package.json next to schema/).');
    dir = parent;
  }
  return (cached = dir);
}

/** Folder of the bundled SDL (core + Alibaba). */
export const bundledSchemaDir = (): string => join(packageRoot(), 'schema');
/** Folder of the bundled check packs. */
export const bundledChecksDir = (): string => join(packageRoot(), 'checks');
