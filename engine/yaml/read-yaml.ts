import { createRequire } from 'node:module';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import type * as YamlLibrary from 'yaml';

/**
 * YAML read at two speeds. Every command reads ~90 check headers and the pack manifests, and
 * `assay test` ~90 fixture files; the `yaml` package, whose Documents keep each node's source
 * range for file:line:col errors, spent ~200 ms of a command's start-up on the headers alone
 * (cold) and ~50 ms more on its import. js-yaml reads the same text ~4× faster. So the value
 * comes from js-yaml, and a `yaml` Document is built only when something must point into the
 * text: js-yaml refused it (the Document then reports the error, with the messages and positions
 * Assay always gave), or a later step found an error at a key.
 *
 * Both read YAML 1.2's core schema, and on every text js-yaml accepts they give the same value
 * (test/engine/read-yaml.test.ts). What js-yaml refuses — duplicate keys, several documents, an
 * empty text, unknown tags, aliases (outside `merge` mode), an alias-heavy text — is left to
 * `yaml` to decide, as before.
 */
export function quickLoad(text: string, options: QuickLoadOptions = {}): { value: unknown } | undefined {
  try {
    // No aliases unless asked for: `yaml` limits how far they expand (a "billion laughs" text).
    if (!options.merge) return { value: load(text, { maxAliases: 0 }) };
    const value = load(text, { schema: MERGE_SCHEMA });
    // An alias is a shared object, so its expansion is counted here; an alias-heavy text is left
    // to yaml, which either refuses it or reads it as before.
    return aliasesWithin(value, ALIAS_NODES) ? { value } : undefined;
  } catch {
    return undefined;
  }
}

export interface QuickLoadOptions {
  /** Aliases and merge keys (`<<: *anchor`), as fixture files share assets: yaml's `merge: true`, with aliases expanding to at most ALIAS_NODES nodes. */
  merge?: boolean;
}

const MERGE_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/**
 * Nodes that aliases may add, at most. yaml refuses a text when an anchor's uses times its own
 * nested aliasing exceed its maxAliasCount (10,000 for fixtures); every such use adds at least
 * one node here, so what passes here passes there.
 */
const ALIAS_NODES = 10_000;

/** True when the nodes reached again through shared objects (aliases) number at most `budget`. */
function aliasesWithin(value: unknown, budget: number): boolean {
  const seen = new Set<object>();
  const pending: Array<{ node: unknown; again: boolean }> = [{ node: value, again: false }];
  let added = 0;
  while (pending.length) {
    const { node, again } = pending.pop()!;
    const isObject = node !== null && typeof node === 'object';
    const repeated = again || (isObject && seen.has(node));
    if (repeated && ++added > budget) return false;
    if (!isObject) continue;
    seen.add(node);
    for (const child of Object.values(node)) pending.push({ node: child, again: repeated });
  }
  return true;
}

/**
 * A text's value, or the first line of its first YAML error: js-yaml's value when it reads the
 * text, else yaml's (with its errors and limits, as before). Manifests and fixture files; check
 * headers need positions as well (check-header.ts).
 */
export function readYaml(text: string, options: QuickLoadOptions = {}): { value: unknown } | { error: string } {
  const quick = quickLoad(text, options);
  if (quick) return quick;
  const document = yamlLibrary().parseDocument(text, { uniqueKeys: true, merge: options.merge });
  const firstLine = (message: string) => ({ error: message.split('\n')[0] });
  if (document.errors.length) return firstLine(document.errors[0].message);
  try {
    return { value: document.toJS({ maxAliasCount: options.merge ? ALIAS_NODES : undefined }) };
  } catch (error) {
    return firstLine(error instanceof Error ? error.message : String(error)); // aliases that expand too far
  }
}

const require = createRequire(import.meta.url);
let library: typeof YamlLibrary | undefined;

/** The `yaml` package, loaded the first time a Document is needed. */
export function yamlLibrary(): typeof YamlLibrary {
  return (library ??= require('yaml') as typeof YamlLibrary);
}
