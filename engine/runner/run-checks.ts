import type { AssetGraph } from '../graph/asset-graph.js';
import { describeGap } from '../graph/gap.js';
import type { AssaySchema } from '../schema/build-schema.js';
import type { CheckDefinition, Severity } from '../checks/check-definition.js';
import { SEVERITIES } from '../checks/check-definition.js';
import { gapsTouching } from '../checks/read-set.js';
import { evaluateExpectation } from '../expectations/evaluate-expectation.js';
import { AssayError } from '../errors/assay-error.js';
import { flat, reasonKey, renderReasons } from './reason.js';
import { executeQuery } from './execute-query.js';
import { CHECK_STATUSES, type AssetRef, type AssetVerdict, type CheckResult, type CheckStatus, type Finding, type ScanResult } from './results.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { AssetRefs } from './asset-refs.js';
import { queryIdentity, underAliases, type QueryIdentity } from './shared-queries.js';
import type { DocumentNode } from 'graphql';

/**
 * Work shared by the checks of one scan: the asset references of a scope (e.g. every bucket)
 * are built once, not once per check that evaluates that scope.
 */
export interface ScanCache {
  scopes: Map<string, AssetRef[]>;
  /** Per scope: the shared passing verdicts (immutable), in the scope's order. */
  scopeVerdicts?: Map<AssetRef[], AssetVerdict[]>;
  /** One reference per asset for the whole scan. */
  refs?: AssetRefs;
  /** Root lists computed by the scan's queries, shared by checks that ask for the same one. */
  lists?: Map<string, unknown>;
  /** Whole query results by identity (shared-queries.ts), with the identity that produced them. */
  queries?: Map<string, Promise<{ data: Record<string, unknown>; identity: QueryIdentity }>>;
  /**
   * How many of the scan's checks have yet to read each shared query (by identity). A result is
   * kept only while another check will read it: held to the end of the scan, every check's
   * result objects would outlive the young generation and be copied by each GC on the way.
   * Absent: every result is kept for the cache's lifetime.
   */
  queryReaders?: Map<string, number>;
  /** Rendered reasons per violator list (of a shared query) and reason text. */
  reasons?: WeakMap<object, Map<string, Array<string | undefined>>>;
}

function newCache(): ScanCache {
  return { scopes: new Map(), scopeVerdicts: new Map(), lists: new Map(), queries: new Map(), reasons: new WeakMap() };
}

export interface RunOptions {
  assay: AssaySchema;
  graph: AssetGraph;
  /** Errors from loading checks, carried into the result so reports show them. */
  loadErrors?: AssayError[];
  /** Called after each check (progress, streaming reporters). */
  onResult?: (result: CheckResult) => void;
}

/** Runs checks over a graph; one check's failure (error) never stops the others. */
export async function runChecks(checks: CheckDefinition[], options: RunOptions): Promise<ScanResult> {
  const started = Date.now();
  const results: CheckResult[] = [];
  const cache: ScanCache = { ...newCache(), queryReaders: countReaders(checks) };
  for (const check of checks) {
    const result = await runCheck(check, options.assay, options.graph, cache);
    options.onResult?.(result);
    results.push(result);
  }
  return {
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    source: { ...options.graph.metadata, assets: options.graph.size },
    gaps: [...options.graph.gaps],
    summary: summarize(results, options.loadErrors?.length ?? 0),
    checks: results,
    loadErrors: (options.loadErrors ?? []).map((e) => e.toJSON()),
  };
}

/** Runs one check: gaps first (never fail open), then the query, scope and expectation. */
export async function runCheck(
  check: CheckDefinition,
  assay: AssaySchema,
  graph: AssetGraph,
  cache: ScanCache = newCache(),
): Promise<CheckResult> {
  const started = performance.now();
  const { metadata } = check;
  const result: CheckResult = {
    id: metadata.id,
    title: metadata.title,
    severity: metadata.severity,
    file: check.file,
    status: 'pass',
    findings: [],
    assets: [],
    frameworks: metadata.frameworks,
    tags: metadata.tags,
    level: metadata.level,
    // Documentation travels with the result, for reports (SARIF help, HTML remediation).
    description: metadata.description,
    rationale: metadata.rationale,
    remediation: metadata.remediation,
    pack: check.pack && { name: check.pack.name, version: check.pack.version, recommendation: check.pack.recommendation },
    durationMs: 0,
  };
  const done = (status: CheckStatus, message?: string): CheckResult => {
    result.status = status;
    if (message !== undefined) result.message = message;
    result.durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    return result;
  };

  if (metadata.manual || !check.document) {
    return done('manual', metadata.audit ?? 'No API can evaluate this control; follow the benchmark audit steps.');
  }
  const gaps = gapsTouching(check.reads, graph.gaps);
  if (gaps.length) {
    result.gaps = gaps;
    return done('error', `Data this check reads could not be collected: ${gaps.map(describeGap).join('; ')}`);
  }

  try {
    const data = await runQuery(check.document, assay, graph, cache);
    let scope: AssetRef[] | undefined;
    if (check.scopeAlias) {
      if (check.scopeDocument) {
        // A scope of its own (a root field): the same for every check that names it.
        const key = metadata.scope!;
        scope = cache.scopes.get(key);
        if (!scope) {
          scope = check.scopeType
            ? scopeOfType(assay, check.scopeType, refsOf(cache, graph))
            : assetList((await executeQuery(assay.schema, graph, check.scopeDocument, cache.lists))[check.scopeAlias], graph, cache);
          cache.scopes.set(key, scope);
        }
      } else {
        scope = assetList(data[check.scopeAlias], graph, cache);
      }
      if (scope.length === 0) return done('skip', `Nothing in scope (${metadata.scope}): the check does not apply.`);
    }

    const passed = await evaluateExpectation(check.expectation!, data);
    const shared = scope && sharedVerdicts(scope, cache);
    if (passed) {
      // Passing verdicts are shared by every check of the same scope (nothing annotates them).
      result.assets = shared ?? [];
      return done('pass');
    }

    const listed = data[check.violationsAlias ?? ''];
    const items = listItems(listed).filter((item) => idOf(item) !== undefined);
    const violators = items.length ? items : undefined;
    // Each violator's place among the scope's verdicts (-1: outside the scope) and its reference.
    const places = violators && scope ? placeInScope(scope, violators.map((item) => idOf(item)!)) : undefined;
    const subjects = violators
      ? violators.map((item, i) => (places && places[i] >= 0 ? scope![places[i]] : refFor(item, graph, cache)))
      : scope ?? [];
    const reasons = violators
      ? (await reasonsFor(check, listed, violators, cache)).map((reason, i) => reason ?? defaultReason(metadata.title, subjects[i]))
      : subjects.map((asset) => defaultReason(metadata.title, asset));
    // The scope's passing verdicts with the violators' replaced (work per violator, not per asset
    // in scope); a violator outside the scope is added. An asset listed twice keeps its last reason.
    const verdicts: AssetVerdict[] = shared ? shared.slice() : [];
    const at = new Array<number>(subjects.length);
    let added: Map<string, number> | undefined;
    for (let i = 0; i < subjects.length; i++) {
      const asset = subjects[i];
      const verdict: AssetVerdict = { asset, status: 'fail', reason: reasons[i] };
      let position = places ? places[i] : violators ? -1 : i;
      if (position < 0 || !shared) {
        position = (added ??= new Map()).get(asset.id) ?? -1;
        if (position < 0) added.set(asset.id, (position = verdicts.push(verdict) - 1));
      }
      verdicts[position] = verdict;
      at[i] = position;
    }
    result.assets = verdicts;

    const finding = (asset: AssetRef | null, reason: string): Finding => ({
      checkId: metadata.id,
      title: metadata.title,
      severity: metadata.severity,
      asset,
      reason,
      remediation: metadata.remediation,
      frameworks: metadata.frameworks,
      file: check.file,
    });
    result.findings = subjects.length
      ? subjects.map((asset, i) => finding(asset, verdicts[at[i]].reason!))
      : [finding(null, `Expectation "${check.expectation!.text}" does not hold.`)];
    return done('fail');
  } catch (error) {
    return done('error', error instanceof AssayError ? `${error.message} [${error.code}]` : String((error as Error)?.message ?? error));
  }
}

/** How many checks will run each query (by identity): the readers of a shared result. */
function countReaders(checks: CheckDefinition[]): Map<string, number> {
  const readers = new Map<string, number>();
  for (const check of checks) {
    const identity = !check.metadata.manual && check.document && queryIdentity(check.document);
    if (identity) readers.set(identity.key, (readers.get(identity.key) ?? 0) + 1);
  }
  return readers;
}

/** A check's query, executed once per scan for every check that asks the same question. */
async function runQuery(document: DocumentNode, assay: AssaySchema, graph: AssetGraph, cache: ScanCache): Promise<Record<string, unknown>> {
  const identity = queryIdentity(document);
  const readers = identity && cache.queryReaders?.get(identity.key);
  if (!identity || !cache.queries) return executeQuery(assay.schema, graph, document, cache.lists);
  let shared = cache.queries.get(identity.key);
  if (!shared) {
    const executed = executeQuery(assay.schema, graph, document, cache.lists);
    if (readers === 1) return executed; // no other check asks this
    shared = executed.then((data) => ({ data, identity }));
    cache.queries.set(identity.key, shared);
  }
  if (readers !== undefined) {
    // The last reader takes the result out of the cache.
    if (readers > 1) cache.queryReaders!.set(identity.key, readers - 1);
    else cache.queries.delete(identity.key);
  }
  const { data, identity: from } = await shared;
  return underAliases(data, from, identity);
}

/** The reasons of a list of violators, rendered once per scan for each reason text. */
async function reasonsFor(check: CheckDefinition, listed: unknown, violators: unknown[], cache: ScanCache): Promise<Array<string | undefined>> {
  const template = check.reason;
  if (!template || !cache.reasons || listed === null || typeof listed !== 'object') return renderReasons(template, violators);
  const text = reasonKey(template);
  let byText = cache.reasons.get(listed);
  if (!byText) cache.reasons.set(listed, (byText = new Map()));
  let reasons = byText.get(text);
  if (!reasons) byText.set(text, (reasons = await renderReasons(template, violators)));
  return reasons;
}

/** Every asset of a type (or of the types implementing an interface), straight from the graph. */
function scopeOfType(assay: AssaySchema, typeName: string, refs: AssetRefs): AssetRef[] {
  const type = assay.model.get(typeName);
  if (!type || !type.abstract) return refs.ofType(typeName);
  return type.possibleTypes.flatMap((name) => refs.ofType(name));
}

function refsOf(cache: ScanCache, graph: AssetGraph): AssetRefs {
  return (cache.refs ??= new AssetRefs(graph));
}

function listItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value == null ? [] : [value];
}

function idOf(item: unknown): string | undefined {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** A scope from a query's list: a set, so an asset the query lists twice is evaluated once. */
function assetList(value: unknown, graph: AssetGraph, cache: ScanCache): AssetRef[] {
  const seen = new Set<string>();
  const refs: AssetRef[] = [];
  for (const item of listItems(value)) {
    const id = idOf(item);
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    refs.push(refFor(item, graph, cache));
  }
  return refs;
}

/** The scan's one reference for a graph asset; items that are not graph assets get their own. */
function refFor(item: unknown, graph: AssetGraph, cache: ScanCache): AssetRef {
  return refsOf(cache, graph).forItem(item);
}

function sharedVerdicts(scope: AssetRef[], cache: ScanCache): AssetVerdict[] | undefined {
  const byScope = cache.scopeVerdicts;
  if (!byScope) return undefined;
  let shared = byScope.get(scope);
  if (!shared) byScope.set(scope, (shared = scope.map((asset) => ({ asset, status: 'pass' }))));
  return shared;
}

/**
 * Each id's position in the scope, or -1 when it is not in it. Queries list assets in graph
 * order, as scopes do, so one walk in step finds them without a lookup per id; the first id the
 * walk cannot find (out of order, listed twice, outside the scope) switches to an index of the
 * scope, built once. Linear either way.
 */
export function placeInScope(scope: readonly AssetRef[], ids: readonly string[]): number[] {
  const places = new Array<number>(ids.length);
  let next = 0;
  let index: Map<string, number> | undefined;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!index) {
      let k = next;
      while (k < scope.length && scope[k].id !== id) k++;
      if (k < scope.length) {
        places[i] = k;
        next = k + 1;
        continue;
      }
      index = new Map();
      for (let j = 0; j < scope.length; j++) if (!index.has(scope[j].id)) index.set(scope[j].id, j);
    }
    places[i] = index.get(id) ?? -1;
  }
  return places;
}

function defaultReason(title: string, asset: AssetRef): string {
  return flat(`${asset.type ?? 'Asset'} ${asset.name ?? asset.id} does not meet: ${title}`);
}

function summarize(results: CheckResult[], loadErrors: number): ScanResult['summary'] {
  const checks = Object.fromEntries(CHECK_STATUSES.map((s) => [s, 0])) as Record<CheckStatus, number>;
  const findings = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let assetsEvaluated = 0;
  for (const result of results) {
    checks[result.status]++;
    assetsEvaluated += result.assets.length;
    findings[result.severity] += result.findings.length; // a check's findings carry its severity
  }
  return { checks, findings, assetsEvaluated, loadErrors };
}
