import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { AssayError } from '../errors/assay-error.js';
import { readYaml } from '../yaml/read-yaml.js';
import { suggest } from '../errors/suggest.js';
import { PACK_MANIFEST_FILE, type PackManifest } from './pack-manifest.js';
import { validateManifest as generatedManifestValidator } from './manifest-validator.generated.js';

// Packs are found and their manifests read without the schema or any check: `assay packs list`
// needs nothing more, and does not load GraphQL, JSONata or the checks' parsers.

// packManifestSchema, compiled ahead (npm run generate:validators; a test keeps the two in step).
const validateManifest = generatedManifestValidator as unknown as ValidateFunction;

export interface Pack {
  manifest: PackManifest;
  /** Absolute path of the manifest file. */
  file: string;
  /** Absolute check paths (files or folders) the pack reads. */
  checkPaths: string[];
}

/** Finds every `pack.yaml` under the given folders and reads it. */
export function findPacks(dirs: string[]): Pack[] {
  const packs: Pack[] = [];
  const walk = (dir: string): void => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    const manifest = join(dir, PACK_MANIFEST_FILE);
    if (existsSync(manifest)) packs.push(readPack(manifest));
    for (const entry of readdirSync(dir).sort()) {
      if (entry === 'fixtures' || entry.startsWith('.')) continue;
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
    }
  };
  for (const dir of dirs) walk(dir);
  return packs;
}

export function readPack(file: string): Pack {
  const read = readYaml(readFileSync(file, 'utf8'));
  if ('error' in read) throw new AssayError('PACK_INVALID', `Invalid YAML: ${read.error}`, { file });
  const manifest = read.value as PackManifest;
  if (!validateManifest(manifest)) {
    const error = validateManifest.errors![0];
    throw new AssayError('PACK_INVALID', `Pack manifest does not match the format at ${error.instancePath || '(top level)'}: ${error.message}.`, { file });
  }
  const base = dirname(file);
  return { manifest, file, checkPaths: (manifest.include ?? ['.']).map((p) => resolve(base, p)) };
}

/** The pack with this name, or a usage error with suggestions. */
export function findPack(packs: Pack[], name: string): Pack {
  const pack = packs.find((p) => p.manifest.name === name);
  if (!pack) {
    throw new AssayError('UNKNOWN_PACK', `No pack named "${name}".`, { suggestions: suggest(name, packs.map((p) => p.manifest.name)) });
  }
  return pack;
}
