import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import type * as YamlLibrary from 'yaml';

/**
 * YAML read at two speeds. Every command reads ~90 check headers and the pack manifests; the
 * `yaml` package, whose Documents keep each node's source range for file:line:col errors, spent
 * ~200 ms of a command's start-up on them (cold) and ~50 ms more on its import. js-yaml reads
 * the same text ~4× faster. So the value comes from js-yaml, and a `yaml` Document is built
 * only when something must point into the text: js-yaml refused it (the Document then reports
 * the error, with the messages and positions Assay always gave), or a later step found an
 * error at a key.
 *
 * Both read YAML 1.2's core schema, and on every text js-yaml accepts they give the same value
 * (test/engine/read-yaml.test.ts). What js-yaml refuses — duplicate keys, several documents, an
 * empty text, unknown tags, aliases — is left to `yaml` to decide, as before.
 */
export function quickLoad(text: string): { value: unknown } | undefined {
  try {
    // No aliases: `yaml` limits how far they expand (a "billion laughs" text), js-yaml does not.
    return { value: load(text, { maxAliases: 0 }) };
  } catch {
    return undefined;
  }
}

const require = createRequire(import.meta.url);
let library: typeof YamlLibrary | undefined;

/** The `yaml` package, loaded the first time a Document is needed. */
export function yamlLibrary(): typeof YamlLibrary {
  return (library ??= require('yaml') as typeof YamlLibrary);
}
