import { describe, expect, it } from 'vitest';
import { ScopePlacer } from '../../engine/runner/place-in-scope.js';
import type { AssetRef } from '../../engine/runner/results.js';

/** Each id's position in the scope, or -1, placed one at a time as a check's violators are. */
const placeInScope = (scope: readonly AssetRef[], ids: readonly string[]): number[] => {
  const placer = new ScopePlacer(scope);
  return ids.map((id) => placer.place(id));
};

const scope = (...ids: string[]): AssetRef[] => ids.map((id) => ({ id, type: 'T', name: id, region: null, accountId: null, provider: null }));

describe('ScopePlacer', () => {
  it('finds ids listed in the scope order by walking in step', () => {
    expect(placeInScope(scope('a', 'b', 'c', 'd'), ['b', 'd'])).toEqual([1, 3]);
    expect(placeInScope(scope('a', 'b'), [])).toEqual([]);
  });
  it('finds ids out of order, listed twice, or outside the scope', () => {
    const s = scope('a', 'b', 'c', 'd');
    expect(placeInScope(s, ['c', 'a', 'd'])).toEqual([2, 0, 3]);
    expect(placeInScope(s, ['b', 'b', 'c'])).toEqual([1, 1, 2]);
    expect(placeInScope(s, ['a', 'x', 'd'])).toEqual([0, -1, 3]);
    expect(placeInScope([], ['a'])).toEqual([-1]);
  });
  it('gives a duplicated scope id its first position', () => {
    expect(placeInScope(scope('a', 'b', 'a'), ['b', 'a'])).toEqual([1, 2]);
    expect(placeInScope(scope('a', 'b', 'a'), ['a', 'b', 'a'])).toEqual([0, 1, 2]);
  });
});
