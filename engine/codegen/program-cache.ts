/**
 * Generated programs by their source text. Code generators (where-filters, JSONata expressions,
 * query result builders) print only names and structure into a program and pass values in as
 * data, so expressions of one shape (3.2 and 4.4 differ only in their port) print the same
 * program. Run as one shared instance (JSONata, result builders: `programInstance`), it shares
 * V8's work on it: parsing, type feedback and optimized code, which a scan's first run otherwise
 * pays once per check (a fresh program runs unoptimized until it has been called enough); run as
 * an instance per caller (where-filters: `ownInstance`), only the parse. Bounded, for long-lived
 * processes.
 */
const programs = new Map<string, (...args: never[]) => unknown>();
const MAX_PROGRAMS = 2000;

/** `new Function(...params, body)`, compiled once per distinct text. */
function cachedProgram<F extends (...args: never[]) => unknown>(params: readonly string[], body: string): F {
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

const instances = new WeakMap<object, unknown>();

/**
 * A program's one instance: the program called once, with `args`, for every caller of its text.
 * Callers of one text then run the same closures, so they share V8's type feedback and optimized
 * code. Closures made by a call per caller would share only the parsed source: sibling closures
 * share feedback only once their maker has a feedback vector of its own, which a maker called a
 * few times never gets (V8 allocates feedback lazily), so 4.4 would warm up again after 3.2.
 */
export function programInstance<T>(params: readonly string[], body: string, args: readonly unknown[]): T {
  const program = cachedProgram<(...values: unknown[]) => T>(params, body);
  if (!instances.has(program)) instances.set(program, program(...args));
  return instances.get(program) as T;
}

/**
 * A fresh instance of a program for one caller: the program (parsed once per text) called with
 * that caller's `args`. Values the program keeps as constants of the instance stay fixed for V8,
 * which folds them into optimized code; nothing is shared with other callers but the parse. For
 * code that is cheap to warm and hot per item (where-filters: +20-30% with shared constants).
 */
export function ownInstance<T>(params: readonly string[], body: string, args: readonly unknown[]): T {
  return cachedProgram<(...values: unknown[]) => T>(params, body)(...args);
}

/**
 * Source lines for an instance whose code reads constants `k0`..`k{count-1}`: they are the
 * instance's own variables, declared by `declaration`, and `binder` returns, per caller, a
 * function that sets them to that caller's values (when the call before was another caller's)
 * and calls `entry`. The instance's code must never call itself for another caller mid-call.
 */
export function constantSlots(count: number): { declaration: string; binder(entry: string, params: string): string } {
  const names = Array.from({ length: count }, (_, i) => `k${i}`);
  return {
    declaration: count ? `let K, ${names.join(', ')};` : '',
    binder: (entry, params) =>
      count
        ? `return (constants) => (${params}) => { if (K !== constants) { K = constants; ${names.map((k, i) => `${k} = K[${i}]`).join(', ')}; } return ${entry}(${params}); };`
        : `return () => ${entry};`,
  };
}
