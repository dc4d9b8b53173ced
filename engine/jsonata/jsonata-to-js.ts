import {
  BUILTINS,
  collapse,
  deepEqual,
  FAST_STRING_LIMIT,
  INHERITED_NAMES,
  isLambda,
  isNumber,
  isNumeric,
  lookup,
  MAX_ARGS,
  NotCompiled,
  sequence,
  toBoolean,
  toJsonataString,
  truthy,
  type Lambda,
} from './jsonata-semantics.js';
import { constantSlots, programInstance } from '../codegen/program-cache.js';
import { LinearRegExp } from './linear-regex.js';

/**
 * Compiles a JSONata AST into one JavaScript function, once per expression, for the hot paths
 * (where predicates and reasons run once per asset; the interpreter costs 10-700 µs per item).
 * The generated source keeps JSONata variables in JavaScript locals and lambdas as JavaScript
 * closures, so V8 optimizes an expression as a whole. Only a subset compiles — paths, filters,
 * literals, arithmetic, comparison, boolean and string operators, conditions, blocks, variables,
 * lambdas and the built-ins in jsonata-semantics.ts; anything else (sorting, object constructors,
 * transforms, ranges, focus/index binding...) returns undefined and the expression keeps running
 * in the jsonata interpreter. At run time NotCompiled means "ask the interpreter" (its error
 * messages are the ones users see); tests compare both on every bundled expression.
 *
 * Safety: no text of the expression reaches the generated source but property names that match
 * the identifier grammar (`.name`, see propertyAccess). Variable names become generated
 * identifiers, and every literal (strings, numbers, other keys, lists, regular expressions) is
 * passed in a constants array; the source is built only from fixed fragments.
 */

/** Guardrails of one evaluation, as the interpreter's `timeout` and `stack` options. */
export interface FastLimits {
  /** performance.now() after which the evaluation stops with a time-limit error. */
  deadline: number;
  /** Deepest lambda nesting before handing over to the interpreter (which reports it). */
  maxDepth: number;
  /** $millis() for the whole evaluation (JSONata fixes it per evaluation). */
  now: number;
}

/** Raised when an evaluation runs past its deadline (a runaway expression). */
export class FastTimeout extends Error {}

/** Runs the compiled expression; one Runtime may serve many inputs (a list), one at a time. */
export type FastJsonata = (input: unknown, rt: Runtime) => unknown;

/** The guardrails' state: reused across the items of a list, so no per-item clock reads. */
export class Runtime implements FastLimits {
  depth = 0;
  calls = 0;
  readonly deadline: number;
  readonly maxDepth: number;
  readonly now: number;
  constructor(limits: FastLimits) {
    this.deadline = limits.deadline;
    this.maxDepth = limits.maxDepth;
    this.now = limits.now;
  }
}

interface Node {
  type: string;
  value?: unknown;
  steps?: Node[];
  stages?: Node[];
  predicate?: Node[];
  expr?: Node;
  lhs?: Node;
  rhs?: Node;
  expressions?: Node[];
  condition?: Node;
  then?: Node;
  else?: Node;
  arguments?: Node[];
  procedure?: Node;
  body?: Node;
  signature?: unknown;
  [key: string]: unknown;
}

/** Features the compiler leaves to the interpreter, wherever they appear on a node. */
const UNSUPPORTED_KEYS = ['group', 'keepSingletonArray', 'keepArray', 'consarray', 'focus', 'index', 'tuple', 'ancestor', 'seekingParent'];

class Unsupported extends Error {}

/** Only these node types can yield an empty or one-item sequence; the others are collapsed already. */
const MAY_YIELD_SEQUENCE = new Set(['path', 'name', 'function']);

/** A variable slot the frame has not bound (yet): lookup goes on outward, as in jsonata. */
const UNBOUND = Symbol('unbound');

/** Returns the compiled expression, or undefined when it uses anything outside the subset. */
export function compileToJs(ast: unknown): FastJsonata | undefined {
  let source: string;
  let constants: unknown[];
  try {
    const generator = new Generator(countBindings(ast, new Map()));
    source = generator.program(ast as Node);
    constants = generator.constants;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  // Generated from fixed fragments only (see above); one program per shape of expression, and
  // one instance of it, whose closures every expression of that shape runs with its constants.
  return programInstance<(constants: unknown[]) => FastJsonata>(['h'], source, [HELPERS])(constants);
}

/** A block with nothing applied to it (no predicate, no unsupported flag): a frame and its expressions. */
function isPlainBlock(node: Node): boolean {
  return node.type === 'block' && !!node.expressions?.length && !node.predicate?.length && UNSUPPORTED_KEYS.every((key) => node[key] === undefined || node[key] === false);
}

/** How many times each name is bound (`$name :=`) or taken as a lambda parameter. */
function countBindings(node: unknown, out: Map<string, number>): Map<string, number> {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) countBindings(n, out);
    return out;
  }
  const n = node as Node;
  const add = (name: string): void => void out.set(name, (out.get(name) ?? 0) + 1);
  if (n.type === 'bind' && n.lhs?.type === 'variable') add(String(n.lhs.value));
  if (n.type === 'lambda') for (const a of n.arguments ?? []) add(String(a.value));
  for (const [key, value] of Object.entries(n)) if (key !== 'position' && typeof value === 'object') countBindings(value, out);
  return out;
}

/**
 * The names a frame binds: every `$name :=` in these nodes, not looking into nested blocks and
 * lambdas (frames of their own). A tail-call thunk runs in its caller's frame here.
 */
function declaredIn(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    for (const n of node) declaredIn(n, out);
    return out;
  }
  const n = node as Node;
  if (n.type === 'block' || (n.type === 'lambda' && !n.thunk)) return out;
  if (n.type === 'bind' && n.lhs?.type === 'variable') out.push(String(n.lhs.value));
  for (const [key, value] of Object.entries(n)) if (key !== 'position' && typeof value === 'object') declaredIn(value, out);
  return out;
}

/** A JavaScript local holding a JSONata variable; `always` when it is bound from the start (a parameter). */
interface Local {
  id: string;
  always: boolean;
}

/** A frame at compile time (the root, a block, a lambda call): its names and their locals. */
class Scope {
  readonly locals = new Map<string, Local>();
  constructor(readonly parent: Scope | null) {}
}

// --- Run-time helpers the generated code calls (passed in as `h`). -----------------------------

function isTrue(value: unknown): boolean {
  return value === true || (value !== false && truthy(value));
}

/** What a simple path's plain reads give when they meet an array: the general algorithm decides. */
const GENERAL = Symbol('general');

/**
 * evaluatePath + evaluateStep: map each step over the sequence, flatten, stop when empty. A path
 * usually starts from one item (an asset), and most steps give one result: neither is wrapped in
 * an array of its own, and a step's results are flattened straight into the next sequence.
 */
function runPath(input: unknown, firstIsVariable: boolean, steps: ReadonlyArray<(item: unknown) => unknown>): unknown[] {
  const startsFromOne = firstIsVariable || !Array.isArray(input);
  if (steps.length === 1 && startsFromOne && !firstIsVariable) {
    // One step over one item (`rules[...]` of an asset): a sequence it made is the result as it
    // is (the loop below would copy it), a lone array too (the singleton rule).
    const res = steps[0](input);
    if (res === undefined) return sequence();
    return Array.isArray(res) ? res : sequence(res);
  }
  let current = startsFromOne ? undefined : (input as unknown[]);
  const last = steps.length - 1;
  for (let i = 0; ; i++) {
    const code = steps[i];
    let first: unknown;
    let results = 0;
    let out: unknown[] | undefined;
    const count = current ? current.length : 1;
    for (let j = 0; j < count; j++) {
      const res = code(current ? current[j] : input);
      if (res === undefined) continue;
      if (++results === 1) first = res;
      else out = flattenInto(out ?? flattenInto(sequence(), first), res);
    }
    if (results === 0) return sequence();
    if (results === 1) {
      // A lone array from the last step is the result itself (jsonata's singleton rule).
      if (i === last && Array.isArray(first) && !(first as { sequence?: boolean }).sequence) return first;
      out = flattenInto(sequence(), first);
    }
    if (i === last || out!.length === 0) return out!;
    current = out;
  }
}

function flattenInto(out: unknown[], value: unknown): unknown[] {
  if (Array.isArray(value)) for (const v of value) out.push(v);
  else out.push(value);
  return out;
}

/** evaluateFilter with a predicate: a number (or numbers) selects by index, anything else by truth. */
function filter(input: unknown, predicate: (item: unknown) => unknown): unknown[] {
  const list = Array.isArray(input) ? input : sequence(input);
  const results = sequence();
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    let res = predicate(item);
    if (isNumeric(res)) res = [res];
    if (Array.isArray(res) && res.every((x) => typeof x === 'number')) {
      for (const n of res as number[]) {
        let i = Math.floor(n);
        if (i < 0) i = list.length + i;
        if (i === index) results.push(item);
      }
    } else if (toBoolean(res)) {
      results.push(item);
    }
  }
  return results;
}

/** evaluateFilter with a predicate known to give true, false or undefined. */
function filterTrue(input: unknown, predicate: (item: unknown) => unknown): unknown[] {
  const list = Array.isArray(input) ? input : sequence(input);
  const results = sequence();
  for (let index = 0; index < list.length; index++) if (predicate(list[index]) === true) results.push(list[index]);
  return results;
}

/** evaluateFilter with a constant number: the item at that index. */
function pick(input: unknown, index: number): unknown[] {
  const list = Array.isArray(input) ? input : sequence(input);
  const item = list[index < 0 ? list.length + index : index];
  if (item === undefined) return sequence();
  return Array.isArray(item) ? item : sequence(item);
}

function equal(l: unknown, r: unknown): boolean {
  if (l === undefined || r === undefined) return false;
  return l === r || deepEqual(l, r);
}

function notEqual(l: unknown, r: unknown): boolean {
  if (l === undefined || r === undefined) return false;
  return l !== r && !deepEqual(l, r);
}

function orderable(type: string): boolean {
  return type === 'undefined' || type === 'string' || type === 'number';
}

function comparable(l: unknown, r: unknown): boolean {
  const lt = typeof l;
  const rt = typeof r;
  if (!orderable(lt) || !orderable(rt)) throw new NotCompiled('T2010: not comparable');
  if (l === undefined || r === undefined) return false;
  if (lt !== rt) throw new NotCompiled('T2009: mixed types');
  return true;
}

const lt = (l: unknown, r: unknown): boolean | undefined => (comparable(l, r) ? (l as number) < (r as number) : undefined);
const le = (l: unknown, r: unknown): boolean | undefined => (comparable(l, r) ? (l as number) <= (r as number) : undefined);
const gt = (l: unknown, r: unknown): boolean | undefined => (comparable(l, r) ? (l as number) > (r as number) : undefined);
const ge = (l: unknown, r: unknown): boolean | undefined => (comparable(l, r) ? (l as number) >= (r as number) : undefined);

function numbers(l: unknown, r: unknown): boolean {
  if (l !== undefined && !isNumeric(l)) throw new NotCompiled('T2001');
  if (r !== undefined && !isNumeric(r)) throw new NotCompiled('T2002');
  return l !== undefined && r !== undefined;
}

const add = (l: unknown, r: unknown): number | undefined => (numbers(l, r) ? (l as number) + (r as number) : undefined);
const subtract = (l: unknown, r: unknown): number | undefined => (numbers(l, r) ? (l as number) - (r as number) : undefined);
const multiply = (l: unknown, r: unknown): number | undefined => (numbers(l, r) ? (l as number) * (r as number) : undefined);
const divide = (l: unknown, r: unknown): number | undefined => (numbers(l, r) ? (l as number) / (r as number) : undefined);
const modulo = (l: unknown, r: unknown): number | undefined => (numbers(l, r) ? (l as number) % (r as number) : undefined);

function negate(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (!isNumeric(v)) throw new NotCompiled('negation of a non-number');
  return -v;
}

function includes(l: unknown, r: unknown): boolean {
  if (l === undefined || r === undefined) return false;
  return Array.isArray(r) ? r.indexOf(l) !== -1 : r === l;
}

/** An operand of `&` as text (nothing for undefined). */
function str(value: unknown): string {
  return toJsonataString(value) ?? '';
}

/** `&`: a string past FAST_STRING_LIMIT goes to the interpreter, whose string budget reports it. */
function cat(l: string, r: string): string {
  if (l.length + r.length > FAST_STRING_LIMIT) throw new NotCompiled('string limit');
  return l + r;
}

/** An array constructor: items flattened one level unless they are array constructors themselves. */
function array(values: unknown[], nested: readonly boolean[]): unknown[] {
  let result: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === undefined) continue;
    if (nested[i]) result.push(value);
    else result = result.concat(Array.isArray(value) ? value : [value]);
  }
  return result;
}

/**
 * Calls a lambda; every call counts against the depth and time limits. (No try/finally: a throw
 * ends the whole evaluation, and the next one starts at depth 0.)
 */
function apply(rt: Runtime, fn: unknown, a: unknown, b: unknown, c: unknown): unknown {
  if (!isLambda(fn)) throw new NotCompiled('not a function');
  if (++rt.depth > rt.maxDepth) throw new NotCompiled('depth');
  if ((++rt.calls & 1023) === 0 && performance.now() > rt.deadline) throw new FastTimeout('time');
  const result = (fn as Lambda)(a, b, c);
  rt.depth--;
  return result;
}

function checkInput(input: unknown): void {
  // The interpreter wraps an array input in an outer sequence; not mirrored here.
  if (Array.isArray(input)) throw new NotCompiled('array input');
}

function stackOverflow(error: unknown): unknown {
  return error instanceof RangeError ? new NotCompiled('stack') : error;
}

const HELPERS = {
  U: UNBOUND, G: GENERAL, collapse, lookup, isTrue, runPath, filter, filterTrue, pick, equal, notEqual,
  lt, le, gt, ge, add, subtract, multiply, divide, modulo, negate, includes, str, cat, array, apply, checkInput, stackOverflow, isNumber,
};

/** What the binary helpers return: equality and `in` a boolean, order comparisons undefined too. */
const BINARY_KINDS: Record<string, Kind> = { '=': 'boolean', '!=': 'boolean', in: 'boolean', '<': 'truth', '<=': 'truth', '>': 'truth', '>=': 'truth' };

const BINARY: Record<string, string> = {
  '=': 'equal', '!=': 'notEqual', '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge',
  '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulo', in: 'includes',
};

// --- The generator. ------------------------------------------------------------------------------

/**
 * What generated code is known to evaluate to, beyond "never a sequence" (every kind): `boolean`
 * (true or false), `truth` (true, false or undefined: a comparison, $not), `string` (a string
 * literal, a concatenation), `plain` (any other value). Tests of truth and sequence collapses are
 * left out where the kind makes them no-ops, and a string needs no conversion to be concatenated.
 */
type Kind = 'boolean' | 'truth' | 'string' | 'plain';

/** `$type(x) = "<name>"` as a test of x (the built-in's own cases). */
const TYPE_TESTS: Record<string, (x: string) => string> = {
  number: (x) => `isNumber(${x})`,
  string: (x) => `(typeof ${x} === 'string')`,
  boolean: (x) => `(typeof ${x} === 'boolean')`,
  array: (x) => `Array.isArray(${x})`,
  null: (x) => `(${x} === null)`,
};

/** A node with nothing applied to it: no predicate, no stages, no unsupported flag. */
function isBare(node: Node): boolean {
  return !node.predicate?.length && !node.stages?.length && UNSUPPORTED_KEYS.every((key) => node[key] === undefined || node[key] === false);
}

/** A string, number, boolean or null literal with nothing applied to it. */
function isScalarLiteral(node: Node): boolean {
  const scalar = node.type === 'string' || node.type === 'number' || (node.type === 'value' && (node.value === null || typeof node.value === 'boolean'));
  return scalar && isBare(node);
}

/** A list constructor of at most 16 scalar literals, with nothing applied to it: `["a", 1, null]`. */
function isScalarList(node: Node): boolean {
  const items = node.expressions ?? [];
  return node.type === 'unary' && node.value === '[' && items.length <= 16 && items.every(isScalarLiteral) && isBare(node);
}

/** Built-ins whose result is never a sequence, and what else is known of it. */
const BUILTIN_KINDS: Record<string, Kind> = {
  count: 'plain', exists: 'boolean', boolean: 'truth', not: 'truth', string: 'plain', join: 'plain', type: 'plain',
  lowercase: 'plain', uppercase: 'plain', length: 'plain', substring: 'plain', contains: 'truth', toMillis: 'plain', millis: 'plain',
};

class Generator {
  readonly constants: unknown[] = [];
  /** The kind of generated expressions, by their text (the same text is the same expression). */
  private readonly kinds = new Map<string, Kind>();
  private next = 0;
  private scope: Scope = new Scope(null);
  /** Per generated function being built: its temporaries. */
  private readonly temps: string[][] = [];

  /**
   * Lambdas a root block binds at its top level to a name bound nowhere else (not even in a
   * condition of that block, which may run or not), by the name's local: the closure made up
   * front and the kind of its body. Each is known only once its own code is generated, so a known
   * lambda calls only lambdas defined before it, never itself: no recursion through known calls.
   */
  private readonly known = new Map<string, { fn: string; kind: Kind | undefined }>();
  /** The kind of a lambda's body, by the lambda's code. */
  private readonly bodyKinds = new Map<string, Kind>();
  /**
   * Lists of scalar literals a root block binds at its top level to a name bound nowhere else
   * (`$any4 := ["0.0.0.0/0", "0.0.0.0"]`), by the name's local, known once their bind is
   * generated (as `known`): `x in $any4` then compares with each item as `x in [...]` does.
   */
  private readonly knownLists = new Map<string, Node>();

  /** `bindings`: how often each name is bound or a parameter (a name in it is never a built-in). */
  constructor(private readonly bindings: Map<string, number>) {}

  /** The factory's body: helpers unpacked once, then the compiled function. */
  program(ast: Node): string {
    if (isPlainBlock(ast) && declaredIn(ast.expressions).length) return this.rootBlockProgram(ast);
    const input = this.fresh('i');
    // The root frame: `$$` is the input; names bound outside any block live here.
    this.scope.locals.set('$', { id: input, always: true });
    const locals = this.declare(this.scope, declaredIn(ast));
    this.temps.push([]);
    const body = this.node(ast, input);
    const temps = this.temps.pop()!;
    return [
      ...this.factoryHeader(),
      `function compiled(${input}, rt) {`,
      `  checkInput(${input});`,
      `  rt.depth = 0;`,
      locals,
      temps.length ? `let ${temps.join(', ')};` : '',
      `  try { return ${body}; } catch (e) { throw stackOverflow(e); }`,
      `}`,
      this.factoryFooter(),
    ].join('\n');
  }

  /**
   * A root block — `($a := ...; $f := function(...) {...}; result)`, the shape of a long check
   * expression — compiled so that its lambdas are made once, with the factory, not once per
   * evaluation: the block's variables, the input and the runtime are the factory's locals, each
   * evaluation sets the input and runtime and resets the variables to unbound, and a bind of a
   * lambda literal assigns the closure made up front. The closures read the current evaluation's
   * values through those locals; evaluations never interleave (they are synchronous).
   */
  private rootBlockProgram(ast: Node): string {
    const input = this.fresh('i');
    this.scope.locals.set('$', { id: input, always: true });
    const scope = new Scope(this.scope);
    const ids = this.bindNames(scope, declaredIn(ast.expressions));
    const lambdas: string[] = [];
    this.temps.push([]);
    const expressions = this.within(scope, () =>
      (ast.expressions ?? []).map((e) => {
        const lambda = e.rhs;
        if (e.type === 'bind' && e.lhs?.type === 'variable' && lambda && isScalarList(lambda) && this.bindings.get(String(e.lhs.value)) === 1) {
          const code = this.node(e, input);
          this.knownLists.set(scope.locals.get(String(e.lhs.value))!.id, lambda);
          return code;
        }
        if (e.type !== 'bind' || e.lhs?.type !== 'variable' || lambda?.type !== 'lambda' || lambda.thunk) return this.node(e, input);
        for (const key of UNSUPPORTED_KEYS) if (e[key] !== undefined && e[key] !== false) throw new Unsupported(key);
        const made = this.fresh('L');
        const code = this.node(lambda, input);
        lambdas.push(`const ${made} = ${code};`);
        const local = scope.locals.get(String(e.lhs.value))!;
        if (this.bindings.get(String(e.lhs.value)) === 1) this.known.set(local.id, { fn: made, kind: this.bodyKinds.get(code) });
        return `(${local.id} = ${made})`;
      }),
    );
    const temps = this.temps.pop()!;
    return [
      ...this.factoryHeader(),
      `let ${[input, 'rt', ...ids, ...temps].join(', ')};`,
      ...lambdas,
      `function compiled(input, runtime) {`,
      `  ${input} = input;`,
      `  rt = runtime;`,
      `  checkInput(${input});`,
      `  rt.depth = 0;`,
      ids.length ? `  ${ids.map((id) => `${id} = U`).join(', ')};` : '',
      `  try { return (${expressions.join(', ')}); } catch (e) { throw stackOverflow(e); }`,
      `}`,
      this.factoryFooter(),
    ].join('\n');
  }

  /** An arrow function; the temporaries its body needs are its own locals. */
  private arrow(params: string[], build: () => string[], prelude = ''): string {
    this.temps.push([]);
    const statements = build();
    const temps = this.temps.pop()!;
    const result = statements.pop() ?? 'undefined';
    if (!prelude && !temps.length && !statements.length) return `(${params.join(', ')}) => ${result}`;
    const declarations = temps.length ? `let ${temps.join(', ')};` : '';
    return `(${params.join(', ')}) => { ${prelude} ${declarations} ${statements.map((e) => `${e};`).join(' ')} return ${result}; }`;
  }

  /** A temporary of the innermost generated function. */
  private temp(): string {
    const id = this.fresh('t');
    this.temps[this.temps.length - 1].push(id);
    return id;
  }

  private fresh(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  private constant(value: unknown): string {
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  /** The factory's first lines: helpers unpacked once, and the constants. */
  private factoryHeader(): string[] {
    return [
      `"use strict";`,
      `const {${Object.keys(HELPERS).join(', ')}} = h;`,
      // The constants of the expression being evaluated (factoryFooter sets them).
      constantSlots(this.constants.length).declaration,
    ];
  }

  /** The factory's last line: a binder of each expression's constants to `compiled`. */
  private factoryFooter(): string {
    return constantSlots(this.constants.length).binder('compiled', 'input, runtime');
  }

  /** A local for each name a frame binds (names it already has keep theirs); returns the new ids. */
  private bindNames(scope: Scope, names: string[]): string[] {
    const ids: string[] = [];
    for (const name of names) {
      if (scope.locals.has(name)) continue;
      const id = this.fresh('v');
      scope.locals.set(name, { id, always: false });
      ids.push(id);
    }
    return ids;
  }

  /** Locals for the names a frame binds, each starting unbound; returns their declaration. */
  private declare(scope: Scope, names: string[]): string {
    const ids = this.bindNames(scope, names);
    return ids.length ? `let ${ids.map((id) => `${id} = U`).join(', ')};` : '';
  }

  private within<T>(scope: Scope, build: () => T): T {
    const outer = this.scope;
    this.scope = scope;
    try {
      return build();
    } finally {
      this.scope = outer;
    }
  }

  /** A node as `evaluate` runs it: its own value, then its predicates, then sequence collapse. */
  private node(node: Node, input: string): string {
    for (const key of UNSUPPORTED_KEYS) if (node[key] !== undefined && node[key] !== false) throw new Unsupported(key);
    let code = this.own(node, input);
    const predicates = node.type === 'path' ? [] : node.predicate ?? [];
    for (const predicate of predicates) code = this.filter(predicate, code);
    if (!predicates.length && (!MAY_YIELD_SEQUENCE.has(node.type) || this.kinds.has(code))) return code;
    return `collapse(${code})`;
  }

  private typed(code: string, kind: Kind): string {
    this.kinds.set(code, kind);
    return code;
  }

  /** JSONata truth of generated code: the code itself when it is a boolean already. */
  private truth(code: string): string {
    const kind = this.kinds.get(code);
    return kind === 'boolean' ? code : kind === 'truth' ? `(${code} === true)` : `isTrue(${code})`;
  }

  private own(node: Node, input: string): string {
    switch (node.type) {
      case 'string':
        return this.typed(this.constant(node.value), 'string');
      case 'number':
      case 'value':
        return this.constant(node.value);
      case 'variable':
        return this.variable(node, input);
      case 'name':
        return `lookup(${input}, ${this.constant(String(node.value))})`;
      case 'path':
        return this.path(node, input);
      case 'binary':
        return this.binary(node, input);
      case 'unary':
        return this.unary(node, input);
      case 'condition': {
        const then = this.node(node.then!, input);
        const otherwise = node.else ? this.node(node.else, input) : 'undefined';
        const code = `(${this.truth(this.node(node.condition!, input))} ? ${then} : ${otherwise})`;
        // Either branch's kind when both have it. With no else the value may be undefined: a
        // boolean becomes a truth, and any other kind is lost (`"a" & (x ? "b")` is "a", not
        // "aundefined": a string kind would skip str()).
        const kind = this.kinds.get(then);
        if (kind && node.else) return kind === this.kinds.get(otherwise) ? this.typed(code, kind) : code;
        return kind === 'boolean' ? this.typed(code, 'truth') : code;
      }
      case 'block': {
        // A frame of its own: an arrow function run at once, its binds as locals.
        // (Parentheses are a block too; one that binds nothing needs no frame.)
        const names = declaredIn(node.expressions);
        const expressions = node.expressions ?? [];
        if (!expressions.length) return 'undefined';
        if (!names.length) {
          const parts = expressions.map((e) => this.node(e, input));
          const kind = this.kinds.get(parts[parts.length - 1]);
          const code = `(${parts.join(', ')})`;
          return kind ? this.typed(code, kind) : code;
        }
        const scope = new Scope(this.scope);
        const locals = this.declare(scope, names);
        return `(${this.within(scope, () => this.arrow([], () => expressions.map((e) => this.node(e, input)), locals))})()`;
      }
      case 'bind': {
        if (node.lhs?.type !== 'variable') throw new Unsupported('bind target');
        // A bind sets the name in the innermost frame (where declaredIn put it).
        const local = this.scope.locals.get(String(node.lhs.value));
        if (!local) throw new Unsupported('bind outside its frame');
        return `(${local.id} = ${this.node(node.rhs!, input)})`;
      }
      case 'lambda':
        return this.lambda(node, input);
      case 'function':
        return this.call(node, input);
      default:
        throw new Unsupported(node.type);
    }
  }

  private variable(node: Node, input: string): string {
    const name = String(node.value);
    if (name === '') return input;
    // Every frame out that may bind the name; the innermost that has bound it wins.
    const candidates: Local[] = [];
    for (let scope: Scope | null = this.scope; scope; scope = scope.parent) {
      const local = scope.locals.get(name);
      if (!local) continue;
      candidates.push(local);
      if (local.always) break;
    }
    let code = 'undefined';
    for (const local of candidates.reverse()) code = local.always ? local.id : `(${local.id} !== U ? ${local.id} : ${code})`;
    return code;
  }

  /** A path: plain property reads while no array is met, else the general algorithm. */
  private path(node: Node, input: string): string {
    const steps = node.steps ?? [];
    if (!steps.length) throw new Unsupported('empty path');
    const firstIsVariable = steps[0].type === 'variable';
    const functions = steps.map((step) => {
      const item = this.fresh('i');
      return this.arrow([item], () => {
        let code = this.node(step, item);
        for (const stage of step.stages ?? []) {
          if (stage.type !== 'filter') throw new Unsupported(`stage ${stage.type}`);
          code = this.filter(stage, code);
        }
        return [code];
      });
    });
    const general = `runPath(${input}, ${firstIsVariable}, [${functions.join(', ')}])`;
    // (A name Object.prototype has is read by `lookup`, which reads own properties only.)
    const simple = steps.every(
      (step, i) => !step.stages?.length && ((step.type === 'name' && !INHERITED_NAMES.has(String(step.value))) || (i === 0 && step.type === 'variable')),
    );
    if (!simple) return general;
    // Each read: a non-object gives nothing, an array hands over to the general algorithm (G).
    const start = firstIsVariable ? this.variable(steps[0], input) : input;
    const keys = steps.slice(firstIsVariable ? 1 : 0).map((step) => this.propertyAccess(String(step.value)));
    const t = this.temp();
    let reads = t;
    for (const key of keys.reverse()) {
      reads = `(${t} === null || typeof ${t} !== 'object' ? undefined : Array.isArray(${t}) ? G : (${t} = ${t}${key}, ${reads}))`;
    }
    const value = this.temp();
    // Plain reads give a property's value as it is, never a sequence: only the general path needs collapsing.
    const code = `((${value} = (${t} = ${start}, ${reads})) !== G ? ${value} : collapse(${general}))`;
    // (A variable alone may hold a sequence: no property read, no kind.)
    return keys.length ? this.typed(code, 'plain') : code;
  }

  /**
   * `.name` for a key that is an identifier (the one text of an expression printed into code:
   * checked against the identifier grammar, so it can only name a property), else `[k3]`. A
   * fixed name lets V8 compile a plain property load; a key read from a constant of the shared
   * instance (see compileToJs) is a keyed load it cannot specialize.
   */
  private propertyAccess(key: string): string {
    return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${this.constant(key)}]`;
  }

  /** A filter stage over `list` (code): by index for a number literal, else by predicate. */
  private filter(stage: Node, list: string): string {
    const expr = stage.expr!;
    if (expr.type === 'number') return `pick(${list}, ${this.constant(Math.floor(expr.value as number))})`;
    const item = this.fresh('i');
    let kind: Kind | undefined;
    const predicate = this.arrow([item], () => {
      const code = this.node(expr, item);
      kind = this.kinds.get(code);
      return [code];
    });
    // A predicate that gives a boolean selects by truth alone (never by index).
    return `${kind === 'boolean' || kind === 'truth' ? 'filterTrue' : 'filter'}(${list}, ${predicate})`;
  }

  private binary(node: Node, input: string): string {
    const op = String(node.value);
    if (op === '=' || op === '!=') {
      const compared = this.literalEquality(node.lhs!, node.rhs!, input, op === '!=');
      if (compared) return compared;
    }
    const list = op === 'in' ? (isScalarList(node.rhs!) ? node.rhs! : this.knownList(node.rhs!)) : undefined;
    if (list) {
      // `x in ["Drop", "drop"]`: jsonata's `in` is === against each item; undefined is in nothing.
      const items = list.expressions!.map((e) => this.constant(e.value));
      const lhs = this.node(node.lhs!, input);
      if (!items.length) return this.typed(`(${lhs}, false)`, 'boolean');
      const t = this.temp();
      return this.typed(`((${t} = ${lhs}) === ${items.join(` || ${t} === `)})`, 'boolean');
    }
    const lhs = this.node(node.lhs!, input);
    const rhs = this.node(node.rhs!, input);
    if (op === '&') {
      // Concatenation: an operand known to be a string is used as it is.
      const text = (code: string): string => (this.kinds.get(code) === 'string' ? code : `str(${code})`);
      return this.typed(`cat(${text(lhs)}, ${text(rhs)})`, 'string');
    }
    if (op === 'and') return this.typed(`(${this.truth(lhs)} && ${this.truth(rhs)})`, 'boolean');
    if (op === 'or') return this.typed(`(${this.truth(lhs)} || ${this.truth(rhs)})`, 'boolean');
    const helper = BINARY[op];
    if (!helper) throw new Unsupported(`operator ${op}`);
    return this.typed(`${helper}(${lhs}, ${rhs})`, BINARY_KINDS[op] ?? 'plain');
  }

  /**
   * `x = "literal"` (or a number, boolean or null) as `===`, and `x != literal` as "defined and
   * not ===": the same as deepEqual against a scalar, with undefined unequal to everything. And
   * `$type(x) = "number"` (string, boolean, array, null) as the test itself, without the call.
   */
  private literalEquality(lhs: Node, rhs: Node, input: string, negated: boolean): string | undefined {
    const [literal, other] = isScalarLiteral(rhs) ? [rhs, lhs] : isScalarLiteral(lhs) ? [lhs, rhs] : [undefined, undefined];
    if (!literal || !other) return undefined;
    const typeTest = typeof literal.value === 'string' && Object.hasOwn(TYPE_TESTS, literal.value) ? TYPE_TESTS[literal.value] : undefined;
    if (!negated && typeTest && this.isBuiltinCall(other, 'type', 1)) return this.typed(typeTest(this.node(other.arguments![0], input)), 'boolean');
    const code = this.node(other, input);
    const value = this.constant(literal.value);
    if (!negated) return this.typed(`(${code} === ${value})`, 'boolean');
    const t = this.temp();
    return this.typed(`((${t} = ${code}) !== undefined && ${t} !== ${value})`, 'boolean');
  }

  /** A plain call of the built-in `$name` (not a name the expression binds) with `arity` arguments. */
  private isBuiltinCall(node: Node, name: string, arity: number): boolean {
    return (
      node.type === 'function' &&
      node.procedure?.type === 'variable' &&
      node.procedure.value === name &&
      !this.bindings.has(name) &&
      node.arguments?.length === arity &&
      isBare(node)
    );
  }

  private unary(node: Node, input: string): string {
    if (node.value === '-') return `negate(${this.node(node.expression as Node, input)})`;
    if (node.value === '[') {
      const items = node.expressions ?? [];
      if (items.every((e) => e.type === 'string' || e.type === 'number' || e.type === 'value') && !node.predicate) {
        // A constant list such as ["Drop", "drop"]: built once (nothing downstream mutates it).
        return this.constant(items.map((e) => e.value));
      }
      const nested = this.constant(items.map((e) => e.value === '['));
      return `array([${items.map((e) => this.node(e, input)).join(', ')}], ${nested})`;
    }
    throw new Unsupported(`unary ${String(node.value)}`);
  }

  private lambda(node: Node, input: string): string {
    // A tail-call thunk (the parser wraps a lambda's tail call in one) is that call, made now.
    if (node.thunk) return this.node(node.body!, input);
    if (node.signature !== undefined) throw new Unsupported('lambda signature');
    const params = (node.arguments ?? []).map((a) => String(a.value));
    if (params.length > MAX_ARGS) throw new Unsupported('lambda with many parameters');
    const scope = new Scope(this.scope);
    // Parameters are always bound (to undefined when a call leaves them out), as in jsonata.
    const ids = params.map((name) => {
      const id = this.fresh('v');
      scope.locals.set(name, { id, always: true });
      return id;
    });
    const locals = this.declare(scope, declaredIn(node.body));
    // A JavaScript closure; its body sees the input `$` of where it was defined, as in jsonata.
    let kind: Kind | undefined;
    const code = `(${this.within(scope, () =>
      this.arrow(
        ids,
        () => {
          const body = this.node(node.body!, input);
          kind = this.kinds.get(body);
          return [body];
        },
        locals,
      ),
    )})`;
    if (kind) this.bodyKinds.set(code, kind);
    return code;
  }

  private call(node: Node, input: string): string {
    const procedure = node.procedure!;
    const name = procedure.type === 'variable' ? String(procedure.value) : '';
    const args = (node.arguments ?? []).map((a, i): string => {
      if (a.type === 'regex' && name === 'contains' && i === 1 && !this.bindings.has(name) && a.value instanceof RegExp) {
        // `$contains(s, /re/)`: the only regex use compiled; linear time, as in the interpreter.
        return this.constant(new LinearRegExp(a.value.source, a.value.flags.replace(/[gy]/g, '')));
      }
      if (a.type === 'operator' || a.type === 'regex') throw new Unsupported('partial application or regex argument');
      return this.node(a, input);
    });
    if (args.length > MAX_ARGS) throw new Unsupported('call with many arguments');
    const padded = [...args, 'undefined', 'undefined', 'undefined'].slice(0, MAX_ARGS).join(', ');
    if (procedure.type === 'variable' && !this.bindings.has(name)) {
      if (!Object.hasOwn(BUILTINS, name)) throw new Unsupported(`function $${name}`);
      // $not of a boolean is its negation (the built-in gives undefined only for undefined).
      if (name === 'not' && args.length === 1 && this.kinds.get(args[0]) === 'boolean') return this.typed(`!${args[0]}`, 'boolean');
      // Positional arguments, no array per call: these run for every asset.
      const call = `${this.constant(BUILTINS[name])}(${args.length}, ${padded}, ${input}, rt)`;
      return Object.hasOwn(BUILTIN_KINDS, name) ? this.typed(call, BUILTIN_KINDS[name]) : call;
    }
    const known = procedure.type === 'variable' ? this.knownLambda(name) : undefined;
    if (known) {
      // A direct call V8 can inline (apply's one call site sees every lambda of every check); a
      // known lambda cannot recurse, so the depth and time guards have nothing to catch. The name
      // is bound by then: code is generated in the order it runs, and the bind came first.
      const call = `${known.fn}(${padded})`;
      return known.kind ? this.typed(call, known.kind) : call;
    }
    return `apply(rt, ${this.node(procedure, input)}, ${padded})`;
  }

  /** The known list (see `knownLists`) a bare variable means here, if it means one. */
  private knownList(node: Node): Node | undefined {
    if (node.type !== 'variable' || !isBare(node)) return undefined;
    const id = this.localId(String(node.value));
    return id === undefined ? undefined : this.knownLists.get(id);
  }

  /** The known lambda (see `known`) a name means here, if it means one. */
  private knownLambda(name: string): { fn: string; kind: Kind | undefined } | undefined {
    const id = this.localId(name);
    return id === undefined ? undefined : this.known.get(id);
  }

  /** The local a name means here (the innermost scope binding it). */
  private localId(name: string): string | undefined {
    for (let scope: Scope | null = this.scope; scope; scope = scope.parent) {
      const local = scope.locals.get(name);
      if (local) return local.id;
    }
    return undefined;
  }
}
