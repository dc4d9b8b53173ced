/**
 * Generated programs by their source text. Code generators (where-filters, JSONata expressions,
 * query result builders) print only names and structure into a program and pass values in as
 * data, so expressions of one shape (3.2 and 4.4 differ only in their port) print the same
 * program. Sharing it shares V8's work on it: parsing, type feedback and optimized code, which a
 * scan's first run otherwise pays once per check (a fresh program runs in the interpreter until
 * it has been called enough). Bounded, for long-lived processes.
 */
const programs = new Map<string, (...args: never[]) => unknown>();
const MAX_PROGRAMS = 2000;

/** `new Function(...params, body)`, compiled once per distinct text. */
export function cachedProgram<F extends (...args: never[]) => unknown>(params: readonly string[], body: string): F {
  const key = `${params.join(',')}\n${body}`;
  let program = programs.get(key);
  if (!program) {
    if (programs.size >= MAX_PROGRAMS) programs.clear();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- callers generate from fixed fragments and names only
    program = new Function(...params, body) as (...args: never[]) => unknown;
    programs.set(key, program);
  }
  return program as F;
}
