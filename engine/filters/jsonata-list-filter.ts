import { compileJsonata, asArray, type CompiledJsonata, type JsonataLimits } from '../jsonata/guarded-jsonata.js';

/**
 * The `where: { jsonata: "..." }` escape hatch. The expression is a predicate with one item as
 * its context; it runs once over the whole list (`$map`), never once per item, and each
 * source string compiles once.
 */
export class JsonataListFilter {
  private readonly compiled = new Map<string, CompiledJsonata>();

  constructor(private readonly limits: JsonataLimits) {}

  /** Throws JSONATA_INVALID (column relative to the expression) when the predicate does not parse. */
  compile(predicate: string): CompiledJsonata {
    let expression = this.compiled.get(predicate);
    if (!expression) {
      compileJsonata(predicate, this.limits); // reports syntax errors at the author's own offsets
      // Returns the indices of the kept items: JSONata copies objects, so identity is lost.
      expression = compileJsonata(
        `$filter($map($, function($item, $i) { $boolean($item.(${predicate})) ? $i : -1 }), function($v) { $v >= 0 })`,
        this.limits,
      );
      this.compiled.set(predicate, expression);
    }
    return expression;
  }

  async apply(predicate: string, items: unknown[]): Promise<unknown[]> {
    if (items.length === 0) return items;
    const kept = new Set(asArray(await this.compile(predicate).evaluate(items)));
    return items.filter((_item, index) => kept.has(index));
  }
}
