import {
  BUILTINS,
  collapse,
  deepEqual,
  isLambda,
  isNumeric,
  lookup,
  NotCompiled,
  sequence,
  toBoolean,
  toJsonataString,
  truthy,
  type Lambda,
} from './jsonata-semantics.js';

/**
 * Compiles a JSONata AST into JavaScript closures, once per expression, for the hot paths (where
 * predicates and reasons run once per asset; the interpreter costs 10-700 µs per item, the
 * closures well under one). Only a subset compiles — paths, filters, literals, arithmetic,
 * comparison, boolean and string operators, conditions, blocks, variables, lambdas and the
 * built-ins in jsonata-semantics.ts; anything else (regex, sorting, object constructors,
 * transforms, ranges, focus/index binding...) returns undefined and the expression keeps running in
 * the jsonata interpreter. At run time NotCompiled means "ask the interpreter" (its error
 * messages are the ones users see); tests compare both on every bundled expression.
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

/**
 * A variable frame, as the interpreter's: a block or a lambda call opens one; lookup walks out
 * and, like JSONata, skips a name bound to undefined. (Maps, not prototype chains: V8 turns every
 * object used as a prototype into a slow dictionary.)
 */
class Env {
  readonly vars = new Map<string, unknown>();
  constructor(readonly parent: Env | null) {}

  lookup(name: string): unknown {
    for (let frame: Env | null = this; frame; frame = frame.parent) {
      const value = frame.vars.get(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }
}
type Code = (input: unknown, env: Env, rt: Runtime) => unknown;

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

const MAY_YIELD_SEQUENCE = new Set(['path', 'name', 'function']);

/** Returns the compiled expression, or undefined when it uses anything outside the subset. */
export function compileToJs(ast: unknown): FastJsonata | undefined {
  let code: Code;
  try {
    const bound = new Set<string>();
    collectBoundNames(ast as Node, bound);
    code = new Compiler(bound).node(ast as Node);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return (input, rt) => {
    // The interpreter wraps an array input in an outer sequence; not mirrored here.
    if (Array.isArray(input)) throw new NotCompiled('array input');
    const env = new Env(null);
    env.vars.set('$', input);
    rt.depth = 0;
    try {
      return code(input, env, rt);
    } catch (error) {
      if (error instanceof RangeError) throw new NotCompiled('stack');
      throw error;
    }
  };
}

function collectBoundNames(node: unknown, out: Set<string>): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const n of node) collectBoundNames(n, out);
    return;
  }
  const n = node as Node;
  if (n.type === 'bind' && n.lhs?.type === 'variable') out.add(String(n.lhs.value));
  if (n.type === 'lambda') for (const a of n.arguments ?? []) out.add(String(a.value));
  for (const [key, value] of Object.entries(n)) if (key !== 'position' && typeof value === 'object') collectBoundNames(value, out);
}

class Compiler {
  constructor(private readonly bound: Set<string>) {}

  /** A node as `evaluate` runs it: its own value, then its predicates, then sequence collapse. */
  node(node: Node): Code {
    for (const key of UNSUPPORTED_KEYS) if (node[key] !== undefined && node[key] !== false) throw new Unsupported(key);
    const own = this.own(node);
    const filters = (node.type === 'path' ? [] : node.predicate ?? []).map((p) => this.filter(p));
    // Only these can yield an empty or one-item sequence; the others return values already collapsed.
    if (!filters.length && !MAY_YIELD_SEQUENCE.has(node.type)) return own;
    if (!filters.length) return (input, env, rt) => collapse(own(input, env, rt));
    return (input, env, rt) => {
      let result = own(input, env, rt);
      for (const filter of filters) result = filter(result, env, rt);
      return collapse(result);
    };
  }

  private own(node: Node): Code {
    switch (node.type) {
      case 'string':
      case 'number':
      case 'value': {
        const value = node.value;
        return () => value;
      }
      case 'variable':
        return this.variable(node);
      case 'name': {
        const key = String(node.value);
        return (input) => lookup(input, key);
      }
      case 'path':
        return this.path(node);
      case 'binary':
        return this.binary(node);
      case 'unary':
        return this.unary(node);
      case 'condition': {
        const condition = this.node(node.condition!);
        const then = this.node(node.then!);
        const otherwise = node.else ? this.node(node.else) : undefined;
        return (input, env, rt) => (truthy(condition(input, env, rt)) ? then(input, env, rt) : otherwise?.(input, env, rt));
      }
      case 'block': {
        const expressions = (node.expressions ?? []).map((e) => this.node(e));
        return (input, env, rt) => {
          const frame = new Env(env);
          let result: unknown;
          for (const expression of expressions) result = expression(input, frame, rt);
          return result;
        };
      }
      case 'bind': {
        if (node.lhs?.type !== 'variable') throw new Unsupported('bind target');
        const name = String(node.lhs.value);
        const value = this.node(node.rhs!);
        return (input, env, rt) => {
          const v = value(input, env, rt);
          env.vars.set(name, v);
          return v;
        };
      }
      case 'lambda':
        return this.lambda(node);
      case 'function':
        return this.call(node);
      default:
        throw new Unsupported(node.type);
    }
  }

  private variable(node: Node): Code {
    const name = String(node.value);
    if (name === '') return (input) => input;
    return (_input, env) => env.lookup(name);
  }

  /** evaluatePath + evaluateStep: map each step over the sequence, flatten, stop when empty. */
  private path(node: Node): Code {
    const steps = node.steps ?? [];
    if (!steps.length) throw new Unsupported('empty path');
    const compiled = steps.map((step) => ({
      code: this.node(step),
      stages: (step.stages ?? []).map((stage) => {
        if (stage.type !== 'filter') throw new Unsupported(`stage ${stage.type}`);
        return this.filter(stage);
      }),
    }));
    const firstIsVariable = steps[0].type === 'variable';
    const last = compiled.length - 1;
    const general: Code = (input, env, rt) => {
      let current: unknown[] = Array.isArray(input) && !firstIsVariable ? input : sequence(input);
      let result: unknown[] = current;
      for (let i = 0; i <= last; i++) {
        const { code, stages } = compiled[i];
        const step: unknown[] = [];
        for (const item of current) {
          let res = code(item, env, rt);
          for (const stage of stages) res = stage(res, env, rt);
          if (res !== undefined) step.push(res);
        }
        if (i === last && step.length === 1 && Array.isArray(step[0]) && !(step[0] as { sequence?: boolean }).sequence) {
          result = step[0] as unknown[];
        } else {
          result = sequence();
          for (const res of step) {
            if (Array.isArray(res)) for (const v of res) result.push(v);
            else result.push(res);
          }
        }
        if (result.length === 0) break;
        current = result;
      }
      return result;
    };
    // The common shape, `$r.policy` or `a.b.c` over objects: plain property reads give the same
    // value as the general algorithm as long as no step before the last meets an array.
    const simple = steps.every((step, i) => !step.stages?.length && (step.type === 'name' || (i === 0 && step.type === 'variable')));
    if (!simple) return general;
    const first = steps[0].type === 'variable' ? this.variable(steps[0]) : undefined;
    const keys = steps.map((step) => String(step.value));
    return (input, env, rt) => {
      let value: unknown = first ? first(input, env, rt) : input;
      for (let i = first ? 1 : 0; i <= last; i++) {
        if (value === null || typeof value !== 'object' || isLambda(value)) return undefined;
        if (Array.isArray(value)) return general(input, env, rt);
        value = (value as Record<string, unknown>)[keys[i]];
      }
      return value;
    };
  }

  /** evaluateFilter: a number selects by index, anything else keeps the items it is true for. */
  private filter(stage: Node): (input: unknown, env: Env, rt: Runtime) => unknown {
    const expr = stage.expr!;
    if (expr.type === 'number') {
      const index = Math.floor(expr.value as number);
      return (input) => {
        const list = Array.isArray(input) ? input : sequence(input);
        const item = list[index < 0 ? list.length + index : index];
        if (item === undefined) return sequence();
        return Array.isArray(item) ? item : sequence(item);
      };
    }
    const predicate = this.node(expr);
    return (input, env, rt) => {
      const list = Array.isArray(input) ? input : sequence(input);
      const results = sequence();
      for (let index = 0; index < list.length; index++) {
        const item = list[index];
        let res = predicate(item, env, rt);
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
    };
  }

  private binary(node: Node): Code {
    const op = String(node.value);
    const lhs = this.node(node.lhs!);
    const rhs = this.node(node.rhs!);
    switch (op) {
      case 'and':
        return (input, env, rt) => truthy(lhs(input, env, rt)) && truthy(rhs(input, env, rt));
      case 'or':
        return (input, env, rt) => truthy(lhs(input, env, rt)) || truthy(rhs(input, env, rt));
      case '&':
        return (input, env, rt) => (toJsonataString(lhs(input, env, rt)) ?? '') + (toJsonataString(rhs(input, env, rt)) ?? '');
      case '=':
      case '!=': {
        const equal = op === '=';
        return (input, env, rt) => {
          const l = lhs(input, env, rt);
          const r = rhs(input, env, rt);
          if (l === undefined || r === undefined) return false;
          return deepEqual(l, r) === equal;
        };
      }
      case '<':
      case '<=':
      case '>':
      case '>=':
        return (input, env, rt) => compare(op, lhs(input, env, rt), rhs(input, env, rt));
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
        return (input, env, rt) => arithmetic(op, lhs(input, env, rt), rhs(input, env, rt));
      case 'in':
        return (input, env, rt) => {
          const l = lhs(input, env, rt);
          const r = rhs(input, env, rt);
          if (l === undefined || r === undefined) return false;
          return Array.isArray(r) ? r.some((x) => x === l) : r === l;
        };
      default:
        throw new Unsupported(`operator ${op}`);
    }
  }

  private unary(node: Node): Code {
    if (node.value === '-') {
      const operand = this.node(node.expression as Node);
      return (input, env, rt) => {
        const v = operand(input, env, rt);
        if (v === undefined) return undefined;
        if (!isNumeric(v)) throw new NotCompiled('negation of a non-number');
        return -v;
      };
    }
    if (node.value === '[') {
      const items = (node.expressions ?? []).map((e) => ({ code: this.node(e), nested: e.value === '[' }));
      const literals = node.expressions ?? [];
      if (literals.every((e) => e.type === 'string' || e.type === 'number' || e.type === 'value') && !node.predicate) {
        // A constant list such as ["Drop", "drop"]: built once (nothing downstream mutates it).
        const constant = literals.map((e) => e.value);
        return () => constant;
      }
      return (input, env, rt) => {
        let result: unknown[] = [];
        for (const { code, nested } of items) {
          const value = code(input, env, rt);
          if (value === undefined) continue;
          if (nested) result.push(value);
          else result = result.concat(Array.isArray(value) ? value : [value]);
        }
        return result;
      };
    }
    throw new Unsupported(`unary ${String(node.value)}`);
  }

  private lambda(node: Node): Code {
    // A tail-call thunk (the parser wraps a lambda's tail call in one) is that call, made now.
    if (node.thunk) return this.node(node.body!);
    if (node.signature !== undefined) throw new Unsupported('lambda signature');
    const params = (node.arguments ?? []).map((a) => String(a.value));
    const body = this.node(node.body!);
    return (input, env, rt) => {
      const lambda: Lambda = {
        jsonataLambda: true,
        arity: params.length,
        call(args) {
          if (++rt.depth > rt.maxDepth) throw new NotCompiled('depth');
          if ((++rt.calls & 1023) === 0 && performance.now() > rt.deadline) throw new FastTimeout('time');
          const frame = new Env(env);
          for (let i = 0; i < params.length; i++) frame.vars.set(params[i], args[i]);
          try {
            return body(input, frame, rt);
          } finally {
            rt.depth--;
          }
        },
      };
      return lambda;
    };
  }

  private call(node: Node): Code {
    const procedure = node.procedure!;
    const name = procedure.type === 'variable' ? String(procedure.value) : '';
    const args = (node.arguments ?? []).map((a, i): Code => {
      if (a.type === 'regex' && name === 'contains' && i === 1 && !this.bound.has(name) && a.value instanceof RegExp) {
        // `$contains(s, /re/)`: the only regex use compiled; a stateless copy (no g/y flag).
        const regex = new RegExp(a.value.source, a.value.flags.replace(/[gy]/g, ''));
        return () => regex;
      }
      if (a.type === 'operator' || a.type === 'regex') throw new Unsupported('partial application or regex argument');
      return this.node(a);
    });
    if (procedure.type === 'variable' && !this.bound.has(String(procedure.value))) {
      const builtin = BUILTINS[String(procedure.value)];
      if (!builtin) throw new Unsupported(`function $${String(procedure.value)}`);
      return (input, env, rt) => builtin(args.map((a) => a(input, env, rt)), input, () => rt.now);
    }
    const target = this.node(procedure);
    return (input, env, rt) => {
      const fn = target(input, env, rt);
      if (!isLambda(fn)) throw new NotCompiled('not a function');
      return fn.call(args.map((a) => a(input, env, rt)));
    };
  }
}

function compare(op: string, l: unknown, r: unknown): boolean | undefined {
  const lt = typeof l;
  const rt = typeof r;
  const comparable = (t: string): boolean => t === 'undefined' || t === 'string' || t === 'number';
  if (!comparable(lt) || !comparable(rt)) throw new NotCompiled('T2010: not comparable');
  if (l === undefined || r === undefined) return undefined;
  if (lt !== rt) throw new NotCompiled('T2009: mixed types');
  const a = l as number | string;
  const b = r as number | string;
  switch (op) {
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    default: return a >= b;
  }
}

function arithmetic(op: string, l: unknown, r: unknown): number | undefined {
  if (l !== undefined && !isNumeric(l)) throw new NotCompiled('T2001');
  if (r !== undefined && !isNumeric(r)) throw new NotCompiled('T2002');
  if (l === undefined || r === undefined) return undefined;
  const a = l as number;
  const b = r as number;
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    default: return a % b;
  }
}
