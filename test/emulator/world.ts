import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import type { World } from './types.js';
import schema from './world.schema.json' with { type: 'json' };

const ajv = new Ajv({ allErrors: true, strict: false });
(addFormats as unknown as (a: Ajv) => void)(ajv);
const validate = ajv.compile<World>(schema as object);

/** `/ram/users/0/UserName` → `$.ram.users[0].UserName`, the form the error message shows. */
function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return '$' + pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~')).map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

function describe(e: ErrorObject): string {
  let path = jsonPath(e.instancePath);
  if (e.keyword === 'required') path += `.${String((e.params as { missingProperty: string }).missingProperty)}`;
  if (e.keyword === 'additionalProperties') path += `.${String((e.params as { additionalProperty: string }).additionalProperty)}`;
  const msg = e.keyword === 'required' ? 'is required' : e.keyword === 'additionalProperties' ? 'is not a known property' : e.keyword === 'enum' ? `must be one of ${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)}` : e.message ?? e.keyword;
  return `${path} ${msg}`;
}

export class WorldError extends Error {
  constructor(readonly source: string, readonly problems: string[]) {
    super(`invalid world ${source}: ${problems.join('; ')}`);
    this.name = 'WorldError';
  }
}

/** Validates a parsed world; errors name the JSON path, e.g. `$.credentials[0].AccessKeySecret is required`. */
export function validateWorld(value: unknown, source = '(inline)'): World {
  if (!validate(value)) {
    const problems = (validate.errors ?? []).filter((e) => e.keyword !== 'if').map(describe);
    throw new WorldError(source, [...new Set(problems)]);
  }
  const world = value as World;
  const ids = new Set<string>();
  world.credentials.forEach((c, i) => {
    if (ids.has(c.AccessKeyId)) throw new WorldError(source, [`$.credentials[${i}].AccessKeyId duplicates ${c.AccessKeyId}`]);
    ids.add(c.AccessKeyId);
  });
  return world;
}

export function loadWorld(path: string): World {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new WorldError(path, [`cannot read file: ${(e as Error).message}`]);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new WorldError(path, [`$ is not JSON: ${(e as Error).message}`]);
  }
  return validateWorld(parsed, path);
}
