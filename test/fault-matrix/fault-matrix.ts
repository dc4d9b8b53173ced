import { join } from 'node:path';
import { collectAlibaba } from '../../connectors/alibaba/collect.js';
import { productsForTypes } from '../../connectors/alibaba/product-types.js';
import { loadChecks } from '../../engine/checks/load-checks.js';
import type { CheckDefinition } from '../../engine/checks/check-definition.js';
import { gapsTouching } from '../../engine/checks/read-set.js';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import { packageRoot } from '../../engine/package-root.js';
import type { CheckResult } from '../../engine/runner/results.js';
import { runChecks } from '../../engine/runner/run-checks.js';
import { loadWorld, startEmulator, type RunningEmulator } from '../emulator/index.js';
import type { FaultRule } from '../emulator/types.js';
import { bundledSchema } from '../helpers/engine.js';
import { uncoveredDifferences } from './gap-coverage.js';

/**
 * The fault matrix: every API action the connector calls (as the emulator sees it) × a fault
 * kind, each cell a real collection over HTTP against the emulator with that action failing
 * every time, held to two oracles against the same collection without the fault:
 * 1. gap coverage — whatever differs in the graph is covered by a gap (gap-coverage.ts);
 * 2. verdicts — no check moves to `pass` (or to any status but `error`), and a check whose
 *    status did not change gives the same verdict per asset.
 * A cell collects only the products read by the checks that read the faulted product, so it
 * costs a fraction of a whole scan.
 */

export type FaultKindSpec = Pick<FaultRule, 'kind' | 'status' | 'code'> & { label: string };

/** Every way an answer can fail, as the clients see it (see test/emulator/types.ts). */
export const FAULT_KINDS: Record<string, FaultKindSpec> = {
  deny: { label: 'denied (403/401 Forbidden.RAM, AccessDenied, Unauthorized)', kind: 'deny' },
  error500: { label: 'HTTP 500 InternalError', kind: 'error' },
  throttle: { label: 'throttled (Throttling.User)', kind: 'throttle' },
  html502: { label: 'HTML 502 gateway page', kind: 'html', status: 502 },
  html503: { label: 'HTML 503 gateway page', kind: 'html', status: 503 },
  empty200: { label: 'HTTP 200 with an empty body', kind: 'empty' },
  shapeless200: { label: 'HTTP 200 with a body that is not the API\'s answer', kind: 'shapeless' },
  timeout: { label: 'no answer (client timeout)', kind: 'timeout' },
  reset: { label: 'connection reset', kind: 'reset' },
};

/** Emulator product names that the connector collects under another product. */
const CONNECTOR_PRODUCT: Record<string, string> = { ims: 'ram', waf2: 'waf' };

export interface CellOutcome {
  /** Violations of either oracle, one line each (empty: the cell holds). */
  violations: string[];
  /** The collection itself failed (STS): the scan reports an error and exits 2 — never a pass. */
  scanFailed?: string;
  faultsInjected: number;
  /** The checks this cell's fault turned to `error`, with the RAM permissions its gaps name. */
  errored: Map<string, string[]>;
}

export class FaultMatrix {
  private readonly baselines = new Map<string, Promise<{ graph: AssetGraph; results: Map<string, CheckResult> }>>();

  private constructor(
    readonly emulator: RunningEmulator,
    readonly checks: CheckDefinition[],
    /** Every `product:Action` a full collection calls. */
    readonly actions: string[],
    private readonly env: Record<string, string>,
  ) {}

  static async start(): Promise<FaultMatrix> {
    const world = loadWorld(join(packageRoot(), 'test/emulator/worlds/demo.world.json'));
    const products = ['sts', 'actiontrail', 'ecs', 'vpc', 'ram', 'ims', 'rds', 'kms', 'sas', 'cs', 'oss', 'sls', 'ddoscoo', 'waf', 'waf2', 'cloudfw'];
    // No server-side throttling: only the injected faults may fail a call.
    const emulator = await startEmulator({ world, qps: Object.fromEntries(products.map((p) => [p, 0])) });
    const auditor = world.credentials.find((c) => c.Type === 'ram-user')!;
    const env = { ALIBABA_CLOUD_ACCESS_KEY_ID: auditor.AccessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: auditor.AccessKeySecret };
    // A check that does not load is another suite's failure (test/checks); the rest are held here.
    const { checks } = loadChecks([join(packageRoot(), 'checks')], bundledSchema(), packageRoot());
    const matrix = new FaultMatrix(emulator, checks, [], env);
    const before = emulator.stats().calls;
    await matrix.collect(undefined);
    const calls = emulator.stats().calls;
    (matrix as { actions: string[] }).actions = Object.keys(calls).filter((k) => calls[k]! > (before[k] ?? 0)).sort();
    return matrix;
  }

  close(): Promise<void> {
    return this.emulator.close();
  }

  /** The checks that read what a connector product collects, and the products they read. */
  scopeOf(emulatorProduct: string): { checks: CheckDefinition[]; products: string[] } {
    const product = CONNECTOR_PRODUCT[emulatorProduct] ?? emulatorProduct;
    const checks = this.checks.filter((c) => !c.metadata.manual && (product === 'sts' || productsOf(c).includes(product)));
    const products = new Set<string>([product === 'sts' ? 'ram' : product]);
    for (const c of checks) for (const p of productsOf(c)) products.add(p);
    return { checks, products: [...products].sort() };
  }

  async runCell(emulatorProduct: string, action: string, fault: FaultKindSpec): Promise<CellOutcome> {
    const scope = this.scopeOf(emulatorProduct);
    const base = await this.baseline(scope.products);
    const rule: FaultRule = { product: emulatorProduct, action, kind: fault.kind, ...(fault.status ? { status: fault.status } : {}), ...(fault.code ? { code: fault.code } : {}) };
    this.emulator.setFaults([rule]);
    const injectedBefore = this.emulator.stats().faultsInjected;
    let graph: AssetGraph;
    try {
      graph = await this.collect(scope.products);
    } catch (error) {
      return { violations: [], scanFailed: (error as Error).message, faultsInjected: this.emulator.stats().faultsInjected - injectedBefore, errored: new Map() };
    } finally {
      this.emulator.setFaults([]);
    }
    const faultsInjected = this.emulator.stats().faultsInjected - injectedBefore;
    const violations: string[] = [];
    if (!graph.gaps.some((g) => g.action === action || (emulatorProduct === 'sts' && g.action === 'collect'))) {
      violations.push(`no gap names ${action} although it failed ${faultsInjected} time(s): gaps ${JSON.stringify(graph.gaps.map((g) => `${g.product}:${g.action}:${g.code}`))}`);
    }
    violations.push(...uncoveredDifferences(base.graph, graph, bundledSchema().model).map((d) => `gap coverage: ${d}`));
    const result = await runChecks(scope.checks, { assay: bundledSchema(), graph });
    const errored = new Map<string, string[]>();
    for (const now of result.checks) {
      if (now.status === 'error' && base.results.get(now.id)!.status !== 'error') errored.set(now.id, [...new Set((now.gaps ?? []).map((g) => g.permission ?? `${g.product}:${g.action}`))].sort());
      const before = base.results.get(now.id)!;
      const reads = scope.checks.find((c) => c.metadata.id === now.id)!.reads;
      if (gapsTouching(reads, graph.gaps).length && now.status !== 'error') violations.push(`${now.id} reads a gap but is ${now.status}`);
      if (now.status === 'pass' && before.status !== 'pass') violations.push(`FAIL-OPEN ${now.id}: ${before.status} -> pass`);
      else if (now.status !== before.status && now.status !== 'error') violations.push(`${now.id}: ${before.status} -> ${now.status} (only error may replace a verdict)`);
      else if (now.status === before.status && now.status !== 'error' && verdicts(now) !== verdicts(before)) {
        violations.push(`${now.id}: still ${now.status} but its per-asset verdicts changed: ${verdicts(before)} -> ${verdicts(now)}`);
      }
    }
    return { violations, faultsInjected, errored };
  }

  private baseline(products: string[]): Promise<{ graph: AssetGraph; results: Map<string, CheckResult> }> {
    const key = products.join(',');
    let pending = this.baselines.get(key);
    if (!pending) {
      pending = (async () => {
        this.emulator.setFaults([]);
        const graph = await this.collect(products);
        if (graph.gaps.length) throw new Error(`the baseline collection of ${key} has gaps: ${JSON.stringify(graph.gaps)}`);
        const result = await runChecks(this.checks.filter((c) => !c.metadata.manual), { assay: bundledSchema(), graph });
        return { graph, results: new Map(result.checks.map((r) => [r.id, r])) };
      })();
      this.baselines.set(key, pending);
    }
    return pending;
  }

  private async collect(products: string[] | undefined): Promise<AssetGraph> {
    const { graph } = await collectAlibaba({
      endpoint: this.emulator.url,
      env: this.env,
      ...(products ? { products } : {}),
      // One attempt: a persistent fault fails the same way after any number of retries.
      maxRetries: 0,
      timeoutMs: 400,
      rateLimits: { default: 0 },
    });
    return graph;
  }
}

function productsOf(check: CheckDefinition): string[] {
  return productsForTypes([...check.reads.types, ...check.reads.fields]);
}

function verdicts(result: CheckResult): string {
  return result.assets.map((a) => `${a.asset.id}=${a.status}`).sort().join(' ');
}
