import { resolve } from 'node:path';
import { loadSchemaFromDirs, bundledChecksDir, bundledSchemaDir } from '../engine/bundled.js';
import type { AssaySchema } from '../engine/schema/build-schema.js';
import { loadChecks, type LoadedChecks } from '../engine/checks/load-checks.js';
import { AssayError } from '../engine/errors/assay-error.js';
import { suggest } from '../engine/errors/suggest.js';
import { SEVERITIES, type Severity } from '../engine/checks/check-definition.js';
import type { CliIo } from './io.js';
import { listPacks } from './list-packs.js';
import { findPack, loadPackChecks, type Pack } from '../engine/packs/load-packs.js';

/** Options every command that reads schema or checks shares. */
export interface EngineArgs {
  schema?: string[];
  checks?: string[];
  pack?: string[];
}

export function loadSchema(args: EngineArgs, io: CliIo): AssaySchema {
  const dirs = args.schema?.length ? args.schema.map((d) => resolve(io.cwd, d)) : [bundledSchemaDir()];
  return loadSchemaFromDirs(dirs);
}

export interface CheckSetOptions {
  /**
   * With neither --pack nor --checks: every bundled check (the catalogue: `checks list`,
   * `checks validate`, `test`) instead of the default packs (what `scan` and `collect` run).
   */
  catalogue?: boolean;
}

/**
 * The checks a command works on: the named packs (searched in the bundled packs and --checks
 * folders), else the --checks paths, else the bundled default packs (`default: true` in pack.yaml;
 * two versions of one benchmark must not both run) — or every bundled check for the catalogue.
 */
export function loadCheckSet(args: EngineArgs, assay: AssaySchema, io: CliIo, options: CheckSetOptions = {}): LoadedChecks {
  const paths = args.checks?.length ? args.checks.map((p) => resolve(io.cwd, p)) : [bundledChecksDir()];
  let packNames = args.pack ?? [];
  let packs: Pack[] | undefined;
  if (!packNames.length && !args.checks?.length && !options.catalogue) {
    packs = listPacks(args, io); // no --checks: the bundled packs
    packNames = packs.filter((p) => p.manifest.default).map((p) => p.manifest.name);
  }
  if (!packNames.length) return loadChecks(paths, assay, io.cwd);
  packs ??= listPacks(args, io);
  const out: LoadedChecks = { checks: [], errors: [] };
  const seen = new Set<string>();
  for (const name of packNames) {
    const loaded = loadPackChecks(findPack(packs, name), assay, io.cwd);
    out.errors.push(...loaded.errors);
    for (const check of loaded.checks) {
      // A check shared by two selected packs runs once (as in the first pack named).
      if (seen.has(check.metadata.id)) continue;
      seen.add(check.metadata.id);
      out.checks.push(check);
    }
  }
  return out;
}

/** Applies --check and --severity; an unknown id is a usage error with suggestions. */
export function selectChecks(loaded: LoadedChecks, ids: string[] | undefined, severities: string[] | undefined): LoadedChecks {
  let checks = loaded.checks;
  if (ids?.length) {
    const known = new Set(checks.map((c) => c.metadata.id));
    for (const id of ids) {
      if (!known.has(id)) {
        throw new AssayError('UNKNOWN_CHECK_ID', `No check with id "${id}".`, { suggestions: suggest(id, known) });
      }
    }
    checks = checks.filter((c) => ids.includes(c.metadata.id));
  }
  if (severities?.length) {
    const wanted = parseSeverities(severities);
    checks = checks.filter((c) => wanted.has(c.metadata.severity));
  }
  return { checks, errors: loaded.errors };
}

/** `--severity high,critical` or repeated flags. */
export function parseSeverities(values: string[]): Set<Severity> {
  const out = new Set<Severity>();
  for (const value of values.flatMap((v) => v.split(','))) {
    const s = value.trim().toLowerCase();
    if (!s) continue;
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      throw new AssayError('USAGE', `Unknown severity "${value}" (use ${SEVERITIES.join(', ')}).`, { suggestions: suggest(s, SEVERITIES) });
    }
    out.add(s as Severity);
  }
  return out;
}

/** Prints load errors the way compilers do: file:line:col: message [CODE], excerpt. */
export function printErrors(errors: AssayError[], io: CliIo): void {
  for (const error of errors) io.stderr(`${error.format()}\n`);
}
