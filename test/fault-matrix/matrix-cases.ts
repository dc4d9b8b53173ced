import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAULT_KINDS, FaultMatrix } from './fault-matrix.js';
import { committedPermissions, PERMISSIONS_FILE, renderPermissions } from './permissions.js';

/**
 * Declares one test per fault kind: every action × that kind, all violations listed at once.
 * Split over a few files so vitest's workers run kinds in parallel.
 */
export function faultMatrixTests(kinds: (keyof typeof FAULT_KINDS)[]): void {
  let matrix: FaultMatrix;
  beforeAll(async () => {
    matrix = await FaultMatrix.start();
  }, 60_000);
  afterAll(() => matrix?.close());

  it.each(kinds)('every action the connector calls, failing as %s: no fail-open, every difference a gap', async (kind) => {
    const fault = FAULT_KINDS[kind]!;
    // The connector's calls over the demo world (62 product:Action pairs when this was written).
    expect(matrix.actions.length).toBeGreaterThan(50);
    const problems: string[] = [];
    const needs = new Map<string, Set<string>>();
    for (const key of matrix.actions) {
      const [product, action] = key.split(':') as [string, string];
      const outcome = await matrix.runCell(product, action, fault);
      if (outcome.faultsInjected === 0) problems.push(`${key}: the fault was never hit (the cell's collection does not call it)`);
      for (const v of outcome.violations) problems.push(`${key} ${fault.label}: ${v}`);
      for (const [id, permissions] of outcome.errored) for (const p of permissions) (needs.get(id) ?? needs.set(id, new Set()).get(id)!).add(p);
    }
    expect(problems).toEqual([]);
    // Denials name what to grant: the measured table must be the one the docs publish.
    if (kind === 'deny') expect(committedPermissions(renderPermissions(needs)), `${PERMISSIONS_FILE} is stale`).toBe(renderPermissions(needs));
  }, 300_000);
}
