/**
 * Writes the JSON Schema validators of the start-up path as ajv standalone code (`npm run
 * generate:validators`): compiling them when the CLI starts cost ~160 ms of every command (ajv's
 * code generator runs cold). test/engine/generated-validators.test.ts fails when a schema and its
 * generated file differ.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatorSources } from './standalone-validators.js';
import { packageRoot } from '../engine/package-root.js';

for (const { file, source } of validatorSources()) {
  writeFileSync(join(packageRoot(), file), source);
  console.log(`wrote ${file}`);
}
