import jsonata from 'jsonata';
import { AssayError } from '../errors/assay-error.js';
import { compileToJs, FastTimeout, Runtime } from './jsonata-to-js.js';
import { NotCompiled } from './jsonata-semantics.js';
import { LinearRegExp } from './linear-regex.js';
import { BUDGET_BINDING, checkResultStrings, GUARDED_FUNCTIONS, StringBudget } from './string-budget.js';

/** Guardrails every JSONata evaluation runs with (jsonata's own timeout/stack/sequence options). */
export interface JsonataLimits {
  /** Wall-clock limit of one evaluation, in ms. */
  timeoutMs: number;
  /** Maximum evaluation depth (catches runaway recursion). */
  maxDepth: number;
  /** Maximum length of any sequence the expression builds. */
  maxSequence: number;
  /** Longest string (in UTF-16 units) a built-in may take or build, or a result may hold. */
  maxStringLength?: number;
  /** Characters all built-in string functions may build in one evaluation, together. */
  maxStringTotal?: number;
}

/**
 * Lists are evaluated in chunks of this many items, each chunk with the full time limit, so the
 * limit catches runaway expressions without capping how many assets a check can cover.
 */
export const JSONATA_CHUNK = 2000;

export const DEFAULT_JSONATA_LIMITS: JsonataLimits = {
  timeoutMs: 2000,
  maxDepth: 500,
  maxSequence: 5_000_000,
  // 10 M characters is 10-20 MB; 100 M in one evaluation bounds a runaway check to ~200 MB.
  maxStringLength: 10_000_000,
  maxStringTotal: 100_000_000,
};

export interface CompiledJsonata {
  source: string;
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<unknown>;
  /**
   * The same expression compiled to JavaScript (jsonata-to-js.ts), synchronous, for per-item hot
   * paths; undefined when the expression is outside the compiled subset. It throws NotCompiled
   * when an input needs the interpreter: callers then evaluate() instead.
   */
  fast?: (input: unknown, rt?: Runtime) => unknown;
  /** Guardrail state for a run of `fast` calls (a list chunk): one clock read, one deadline. */
  runtime(): Runtime;
}

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
  token?: string;
  value?: unknown;
}

/**
 * Compiles an expression with guardrails. A syntax error becomes JSONATA_INVALID with the
 * character offset turned into a column (relative to the expression; callers add their offset).
 */
export function compileJsonata(source: string, limits: JsonataLimits = DEFAULT_JSONATA_LIMITS): CompiledJsonata {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, {
      timeout: limits.timeoutMs,
      stack: limits.maxDepth,
      sequence: limits.maxSequence,
      // Regexes run in linear time (linear-regex.ts): one backtracking exec cannot be interrupted.
      RegexEngine: LinearRegExp,
    } as unknown as jsonata.JsonataOptions);
    checkRegexLiterals(expression.ast());
  } catch (error) {
    if (error instanceof AssayError) throw error;
    const failure = error as JsonataFailure;
    throw new AssayError('JSONATA_INVALID', `Invalid JSONata: ${failure.message ?? String(error)}`, {
      column: typeof failure.position === 'number' ? Math.max(1, failure.position) : undefined,
    });
  }
  for (const [name, guarded] of GUARDED_FUNCTIONS) expression.assign(name, guarded);
  const maxStringLength = limits.maxStringLength ?? DEFAULT_JSONATA_LIMITS.maxStringLength!;
  const maxStringTotal = limits.maxStringTotal ?? DEFAULT_JSONATA_LIMITS.maxStringTotal!;
  const runtime = (): Runtime => new Runtime({ deadline: performance.now() + limits.timeoutMs, maxDepth: limits.maxDepth, now: Date.now() });
  // Generated on first use: loading a pack parses every expression (for its errors), but a
  // listing or a scan that never meets a check's violators need not generate its JavaScript.
  let fast: CompiledJsonata['fast'] | null = null;
  const fastForm = (): CompiledJsonata['fast'] => {
    if (fast !== null) return fast;
    const js = compileToJs(expression.ast());
    fast = js && ((input: unknown, rt?: Runtime): unknown => {
      try {
        return js(input, rt ?? runtime());
      } catch (error) {
        if (error instanceof FastTimeout) throw jsonataRuntimeError({ code: 'D1012' }, limits);
        throw error;
      }
    });
    return fast;
  };
  const interpret = async (input: unknown, bindings?: Record<string, unknown>): Promise<unknown> => {
    try {
      const budget = new StringBudget(maxStringLength, maxStringTotal);
      const result: unknown = await expression.evaluate(input, { ...bindings, [BUDGET_BINDING]: budget });
      checkResultStrings(result, maxStringLength);
      return result;
    } catch (error) {
      throw jsonataRuntimeError(error, limits);
    }
  };
  return {
    source,
    get fast() {
      return fastForm();
    },
    runtime,
    async evaluate(input, bindings) {
      const compiled = bindings ? undefined : fastForm();
      if (compiled) {
        try {
          return compiled(input);
        } catch (error) {
          if (!(error instanceof NotCompiled)) throw error;
        }
      }
      return interpret(input, bindings);
    },
  };
}

/** True when an error from `fast` means "evaluate this in the interpreter instead". */
export function needsInterpreter(error: unknown): boolean {
  return error instanceof NotCompiled;
}

/**
 * Every regex literal must compile for the linear engine: a lookaround or backreference is a load
 * error at its position, not a failure at the first evaluation.
 */
function checkRegexLiterals(node: unknown): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) checkRegexLiterals(n);
    return;
  }
  const n = node as { type?: string; value?: unknown; position?: number };
  if (n.type === 'regex' && n.value instanceof RegExp) {
    try {
      // (Without the g that jsonata adds to every literal: the message shows the pattern as written.)
      new LinearRegExp(n.value.source, n.value.flags.replace('g', ''));
    } catch (error) {
      // jsonata's position is just past the literal `/source/flags` (its flags have a g added).
      const written = n.value.source.length + 2 + n.value.flags.replace('g', '').length;
      const column = typeof n.position === 'number' ? Math.max(1, n.position - written + 1) : undefined;
      throw new AssayError('JSONATA_INVALID', (error as Error).message, { column });
    }
  }
  for (const [key, value] of Object.entries(n)) if (key !== 'position' && typeof value === 'object') checkRegexLiterals(value);
}

function jsonataRuntimeError(error: unknown, limits: JsonataLimits): AssayError {
  if (error instanceof AssayError) return error;
  const failure = error as JsonataFailure;
  switch (failure.code) {
    case 'D1012':
      return new AssayError('JSONATA_LIMIT', `JSONata expression ran longer than ${limits.timeoutMs} ms and was stopped.`);
    case 'D1011':
      return new AssayError('JSONATA_LIMIT', `JSONata expression exceeded the depth limit of ${limits.maxDepth} (runaway recursion?).`);
    case 'D2015':
      return new AssayError('JSONATA_LIMIT', `JSONata expression built a sequence longer than ${limits.maxSequence} items.`);
    default:
      if (error instanceof RangeError && /string length/i.test(error.message)) {
        return new AssayError('JSONATA_LIMIT', `JSONata expression built a string longer than JavaScript allows (${error.message}).`);
      }
      if (error instanceof RangeError) {
        return new AssayError('JSONATA_LIMIT', `JSONata expression overflowed the stack: ${error.message}`);
      }
      return new AssayError('JSONATA_RUNTIME', `JSONata error${failure.code ? ` ${failure.code}` : ''}: ${failure.message ?? String(error)}`);
  }
}

/** JSONata returns a lone item for a one-item sequence and undefined for none: normalize to an array. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? Array.from(value) : [value];
}

/**
 * Runs an expression's compiled form over a list, one guardrail runtime per JSONATA_CHUNK items
 * (the time limit applies per chunk, as in the interpreter). Throws NotCompiled like `fast`.
 */
export function mapFast<T>(expression: CompiledJsonata, items: readonly unknown[], use: (value: unknown, item: unknown) => T): T[] {
  const fast = expression.fast!;
  const out: T[] = [];
  for (let start = 0; start < items.length; start += JSONATA_CHUNK) {
    const rt = expression.runtime();
    const end = Math.min(items.length, start + JSONATA_CHUNK);
    for (let i = start; i < end; i++) out.push(use(fast(items[i], rt), items[i]));
  }
  return out;
}
