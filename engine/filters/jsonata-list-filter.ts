import { compileJsonata, asArray, mapFast, needsInterpreter, JSONATA_CHUNK, type CompiledJsonata, type JsonataLimits } from '../jsonata/guarded-jsonata.js';
import { toBoolean } from '../jsonata/jsonata-semantics.js';

/**
 * The `where: { jsonata: "..." }` escape hatch. The expression is a predicate with one item as
 * its context; it runs over the whole list (`$map`, in chunks of JSONATA_CHUNK items), never
 * once per item, and each source string compiles once.
 */
export class JsonataListFilter {
  /** The predicate itself, for its compiled per-item form. */
  private readonly predicates = new Map<string, CompiledJsonata>();
  /** The predicate over a whole list, for the interpreter: parsed when first needed. */
  private readonly overList = new Map<string, CompiledJsonata>();

  constructor(private readonly limits: JsonataLimits) {}

  /** Throws JSONATA_INVALID (column relative to the expression) when the predicate does not parse. */
  compile(predicate: string): CompiledJsonata {
    let compiled = this.predicates.get(predicate);
    if (!compiled) this.predicates.set(predicate, (compiled = compileJsonata(predicate, this.limits)));
    return compiled;
  }

  async apply(predicate: string, items: unknown[]): Promise<unknown[]> {
    const compiled = this.compile(predicate);
    if (compiled.fast) {
      try {
        const keep = mapFast(compiled, items, (value) => toBoolean(value) === true);
        return items.filter((_, i) => keep[i]);
      } catch (error) {
        if (!needsInterpreter(error)) throw error;
      }
    }
    let expression = this.overList.get(predicate);
    if (!expression) {
      // Returns the indices of the kept items: JSONata copies objects, so identity is lost.
      expression = compileJsonata(
        `$filter($map($, function($item, $i) { $boolean($item.(${predicate})) ? $i : -1 }), function($v) { $v >= 0 })`,
        this.limits,
      );
      this.overList.set(predicate, expression);
    }
    const out: unknown[] = [];
    // In chunks: the time limit guards against runaway expressions, not against long lists.
    for (let start = 0; start < items.length; start += JSONATA_CHUNK) {
      const chunk = items.slice(start, start + JSONATA_CHUNK);
      const kept = new Set(asArray(await expression.evaluate(chunk)));
      for (let i = 0; i < chunk.length; i++) if (kept.has(i)) out.push(chunk[i]);
    }
    return out;
  }
}
