import type { AssetRef } from './results.js';

/**
 * Finds violators' positions in a check's scope, one id at a time (a check's violators may come a
 * slice at a time). Queries list assets in graph order, as scopes do, so a walk in step finds
 * them without a lookup per id; the first id the walk cannot find (out of order, listed twice,
 * outside the scope) switches to an index of the scope, built once. Linear either way.
 */
export class ScopePlacer {
  private next = 0;
  private index: Map<string, number> | undefined;

  constructor(private readonly scope: readonly AssetRef[]) {}

  /** The id's position in the scope, or -1 when it is not in it. */
  place(id: string): number {
    const scope = this.scope;
    if (!this.index) {
      let k = this.next;
      while (k < scope.length && scope[k].id !== id) k++;
      if (k < scope.length) {
        this.next = k + 1;
        return k;
      }
      this.index = new Map();
      for (let j = 0; j < scope.length; j++) if (!this.index.has(scope[j].id)) this.index.set(scope[j].id, j);
    }
    return this.index.get(id) ?? -1;
  }
}
