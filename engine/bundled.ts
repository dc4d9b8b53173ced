import { bundledSchemaDir, packageRoot } from './package-root.js';
import { readFragmentFiles, readSdlFiles } from './schema/sdl-source.js';
import { buildAssaySchema, type AssaySchema, type BuildSchemaOptions } from './schema/build-schema.js';

export { bundledSchemaDir, bundledChecksDir } from './package-root.js';

/**
 * Builds the schema from SDL folders (default: the bundled schema/). Fragment files in them
 * become shared fragments checks may spread.
 */
export function loadSchemaFromDirs(dirs: string[] = [bundledSchemaDir()], options: Partial<BuildSchemaOptions> = {}): AssaySchema {
  return buildAssaySchema({
    ...options,
    sdl: readSdlFiles(dirs, packageRootOrCwd(dirs)),
    fragments: readFragmentFiles(dirs, packageRootOrCwd(dirs)),
  });
}

function packageRootOrCwd(dirs: string[]): string {
  const root = packageRoot();
  return dirs.every((d) => d.startsWith(root)) ? root : process.cwd();
}
