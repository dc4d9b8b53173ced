import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** One SDL document and where it came from (for error positions). */
export interface SdlSource {
  name: string;
  body: string;
}

/** Files named like this hold shared executable fragments, not type definitions. */
export const FRAGMENTS_FILE = 'fragments.graphql';

/**
 * Reads every `.graphql` file under the given files or folders (folders recursively, sorted, so
 * the schema is the same on every machine), except fragment files.
 */
export function readSdlFiles(paths: string[], baseDir = process.cwd()): SdlSource[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (path.endsWith('.graphql') && !path.endsWith(FRAGMENTS_FILE)) {
      files.push(path);
    }
  };
  for (const path of paths) walk(path);
  return files.map((file) => ({ name: relative(baseDir, file) || file, body: readFileSync(file, 'utf8') }));
}

/** Reads the shared fragment files under the given folders. */
export function readFragmentFiles(paths: string[], baseDir = process.cwd()): SdlSource[] {
  const files: string[] = [];
  const walk = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry));
    } else if (path.endsWith(FRAGMENTS_FILE)) {
      files.push(path);
    }
  };
  for (const path of paths) walk(path);
  return files.map((file) => ({ name: relative(baseDir, file) || file, body: readFileSync(file, 'utf8') }));
}
