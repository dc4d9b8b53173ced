import { compileJsonata, asArray, type CompiledJsonata, type JsonataLimits } from '../jsonata/guarded-jsonata.js';
import { AssayError } from '../errors/assay-error.js';

/**
 * The `where: { jsonata: "..." }` escape hatch. The expression is a predicate with one item as
 * its context; it runs once over the whole list (`$filter`), never once per item, and each
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
      expression = compileJsonata(`$filter($, function($item) { $item.(${predicate}) })`, this.limits);
      this.compiled.set(predicate, expression);
    }
    return expression;
  }

  async apply(predicate: string, items: unknown[]): Promise<unknown[]> {
    if (items.length === 0) return items;
    const kept = asArray(await this.compile(predicate).evaluate(items));
    // $filter returns the very item objects; keep the original order and identity.
    const keep = new Set(kept);
    for (const item of kept) {
      if (typeof item !== 'object' || item === null) {
        throw new AssayError('JSONATA_RUNTIME', 'where.jsonata must filter a list of objects.');
      }
    }
    return items.filter((item) => keep.has(item));
  }
}
