import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AssayError } from '../errors/assay-error.js';
import type { AssaySchema } from '../schema/build-schema.js';
import type { CheckDefinition } from './check-definition.js';
import { CheckHeader } from './check-header.js';
import { loadCheckSource } from './load-check.js';

export interface LoadedChecks {
  checks: CheckDefinition[];
  /** One or more per bad file; the other files still load. */
  errors: AssayError[];
}

/** Check files: `.graphql` files under the given files or folders, except fragment files. */
export function findCheckFiles(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (path: string, explicit: boolean): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path).sort()) {
        if (entry === 'node_modules' || entry.startsWith('.') || entry === 'fixtures') continue;
        walk(join(path, entry), false);
      }
    } else if (explicit || (path.endsWith('.graphql') && !path.endsWith('fragments.graphql'))) {
      files.push(path);
    }
  };
  for (const path of paths) {
    try {
      walk(path, true);
    } catch {
      files.push(path); // reported as unreadable by loadChecks
    }
  }
  return files;
}

/**
 * Loads every check under the given paths. A bad file yields errors and no check; a duplicate
 * id is an error on the second file, pointing at the first.
 */
export function loadChecks(paths: string[], assay: AssaySchema, baseDir = process.cwd()): LoadedChecks {
  const checks: CheckDefinition[] = [];
  const errors: AssayError[] = [];
  const byId = new Map<string, CheckDefinition>();
  for (const path of findCheckFiles(paths)) {
    const file = relative(baseDir, path) || path;
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (error) {
      errors.push(new AssayError('CHECK_READ', `Cannot read check file: ${(error as Error).message}`, { file }));
      continue;
    }
    const result = loadCheckSource(file, source, assay);
    errors.push(...result.errors);
    if (!result.check) continue;
    const first = byId.get(result.check.metadata.id);
    if (first) {
      const pos = CheckHeader.read(source).positionOfPath(['id']);
      errors.push(
        new AssayError('DUPLICATE_CHECK_ID', `Duplicate check id "${result.check.metadata.id}", first defined in ${first.file}.`, {
          file,
          line: pos.line,
          column: pos.column,
          source,
        }),
      );
      continue;
    }
    byId.set(result.check.metadata.id, result.check);
    checks.push(result.check);
  }
  return { checks, errors };
}
