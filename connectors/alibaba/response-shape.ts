/**
 * The one rule that decides whether an API call succeeded: its answer has the shape that API
 * returns. Client libraries do not decide it for us — pop-core resolves a JSON body with no `Code`
 * whatever the HTTP status, its ROA client and @alicloud/log hand back an HTML gateway page as a
 * string, ali-oss resolves `getBucketPolicy` on a 403 — so every answer is held to its API's
 * declared shape (response-shapes.ts) and anything else is a failed call: a gap, never data.
 *
 * A shape is a list of path expectations over the parsed answer:
 * - `A.B`      the path holds a value (not undefined, not null);
 * - `A.B[]`    the path holds an array (XML-style wrappers spelled out: `Users.User[]`);
 * - `A.B{}`    the path holds an object (not an array);
 * - `A.B=200`  the path holds this number or string;
 * - `?A.B[]`   optional: absent or null is fine, anything else must match;
 * - `<Root>`   the raw XML body (ali-oss keeps it as `res.data`) is a `<Root>` document: ali-oss
 *              reads fields out of any XML document, so `<Result/>` would read as "logging off".
 * The answer itself must always be a JSON object.
 */
export type ResponseShape = readonly string[];

/** A call answered with something that is not a success of that API. Retried like a 5xx. */
export class InvalidResponseError extends Error {
  readonly code = 'InvalidResponse';
  override readonly name = 'InvalidResponseError';
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface Expectation {
  path: string[];
  optional: boolean;
  kind: 'present' | 'array' | 'object' | 'equals' | 'xmlRoot';
  value?: string;
}

const parsed = new Map<string, Expectation>();

function parseExpectation(spec: string): Expectation {
  let e = parsed.get(spec);
  if (e) return e;
  let rest = spec;
  const optional = rest.startsWith('?');
  if (optional) rest = rest.slice(1);
  let kind: Expectation['kind'] = 'present';
  let value: string | undefined;
  const eq = rest.indexOf('=');
  if (rest.startsWith('<') && rest.endsWith('>')) {
    kind = 'xmlRoot';
    value = rest.slice(1, -1);
    rest = 'res.data';
  } else if (eq >= 0) {
    kind = 'equals';
    value = rest.slice(eq + 1);
    rest = rest.slice(0, eq);
  } else if (rest.endsWith('[]')) {
    kind = 'array';
    rest = rest.slice(0, -2);
  } else if (rest.endsWith('{}')) {
    kind = 'object';
    rest = rest.slice(0, -2);
  }
  e = { path: rest.split('.'), optional, kind, ...(value !== undefined ? { value } : {}) };
  parsed.set(spec, e);
  return e;
}

/** What the answer is, in a few words, without echoing its (untrusted) content. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'no value';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.trim() === '' ? 'an empty body' : `a ${value.length}-character text body${/^\s*</.test(value) ? ' (HTML/XML)' : ''}`;
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why `value` is not an answer of this shape, or null when it is. */
export function shapeMismatch(value: unknown, shape: ResponseShape): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `expected a JSON object, got ${describeValue(value)}`;
  for (const spec of shape) {
    const e = parseExpectation(spec);
    let at: unknown = value;
    for (const key of e.path) at = at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
    const name = e.path.join('.');
    if (at === undefined || at === null) {
      if (e.optional) continue;
      return `${name} is missing`;
    }
    if (e.kind === 'array' && !Array.isArray(at)) return `${name} is ${describeValue(at)}, not an array`;
    if (e.kind === 'object' && (typeof at !== 'object' || Array.isArray(at))) return `${name} is ${describeValue(at)}, not an object`;
    if (e.kind === 'xmlRoot') {
      const root = xmlRoot(at);
      if (root !== e.value) return `the body is ${root ? `a <${root}> document` : 'not an XML document'}, not <${e.value}>`;
      continue;
    }
    if (e.kind === 'equals' && String(at) !== e.value) return `${name} is ${typeof at === 'number' || typeof at === 'boolean' ? String(at) : describeValue(at)}, not ${e.value}`;
  }
  return null;
}

/** The root element's name of an XML body (Buffer or string), or null. */
function xmlRoot(body: unknown): string | null {
  const text = Buffer.isBuffer(body) ? body.subarray(0, 512).toString('utf8') : typeof body === 'string' ? body.slice(0, 512) : '';
  return /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.-]*)[\s>/]/.exec(text)?.[1] ?? null;
}
