import type { AssetGraph } from '../graph/asset-graph.js';
import { describeGap } from '../graph/gap.js';
import type { AssaySchema } from '../schema/build-schema.js';
import type { CheckDefinition, Severity } from '../checks/check-definition.js';
import { SEVERITIES } from '../checks/check-definition.js';
import { gapsTouching } from '../checks/read-set.js';
import { evaluateExpectation, lengthTest } from '../expectations/evaluate-expectation.js';
import { AssayError } from '../errors/assay-error.js';
import { FALL_BACK, type RootList } from '../execution/query-plan.js';
import type { QueryContext } from '../schema/resolvers.js';
import { reasonKey, renderReasons } from './reason.js';
import { executeQuery, rootListOf } from './execute-query.js';
import { Failures, type RenderedViolators } from './failures.js';
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
  /** Streamed checks' violators as rendered, by question and reason (renderKey), while another will read them. */
  rendered?: Map<string, RenderedViolators>;
  /** How many streamed checks have yet to run each question and reason. Absent: nothing is kept. */
  renderReaders?: Map<string, number>;
}

function newCache(): ScanCache {
  return { scopes: new Map(), scopeVerdicts: new Map(), lists: new Map(), queries: new Map(), reasons: new WeakMap(), rendered: new Map() };
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
  const cache: ScanCache = { ...newCache(), ...countReaders(checks, options.assay, options.graph) };
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
    const streamed = streamedList(check, assay);
    let outcome = streamed ? await runStreamed(check, streamed, assay, graph, cache) : FALL_BACK;
    if (outcome === FALL_BACK) outcome = await runWhole(check, assay, graph, cache, !streamed);
    if (outcome.status === 'skip') return done('skip', `Nothing in scope (${metadata.scope}): the check does not apply.`);
    result.assets = outcome.verdicts;
    if (outcome.status === 'fail') result.findings = outcome.findings;
    return done(outcome.status);
  } catch (error) {
    return done('error', error instanceof AssayError ? `${error.message} [${error.code}]` : String((error as Error)?.message ?? error));
  }
}

/** What a check that ran came to: nothing in scope, or verdicts (and, failed, findings). */
type Outcome = { status: 'skip' } | { status: 'pass'; verdicts: AssetVerdict[] } | { status: 'fail'; verdicts: AssetVerdict[]; findings: Finding[] };

/** Violators completed and rendered at a time by a streamed check: their result objects die young. */
export const STREAM_SLICE = 1024;

/** A check that can run streamed: its root list, and its expectation as a test of the list's length. */
export interface StreamedQuery {
  list: RootList;
  passes: (length: number) => boolean;
}

/**
 * How the check runs streamed, when it can: its query is that one root list (directly planned),
 * its expectation reads only the list's length (`X eq []`), and its scope, if any, is its own
 * query. Then only a slice of violators' result objects is alive at a time; held all at once, at
 * 1M assets they outgrow the young generation, are copied by every scavenge and promoted, and the
 * old generation's growth forces full collections of the whole graph.
 */
export function streamedList(check: CheckDefinition, assay: AssaySchema): StreamedQuery | undefined {
  const { document, expectation, violationsAlias } = check;
  if (!document || !expectation || !violationsAlias || (check.scopeAlias && !check.scopeDocument)) return undefined;
  const passes = lengthTest(expectation, violationsAlias);
  const list = passes && rootListOf(assay.schema, document, violationsAlias);
  return list ? { list, passes } : undefined;
}

/**
 * A check run streamed (see streamedList): the list resolved, then its violators completed, given
 * reasons and turned into verdicts and findings a slice at a time. Gives FALL_BACK for the whole
 * query's path when the plan does (or when items would not be completed at all, which the whole
 * path does, errors included).
 */
async function runStreamed(check: CheckDefinition, { list, passes }: StreamedQuery, assay: AssaySchema, graph: AssetGraph, cache: ScanCache): Promise<Outcome | typeof FALL_BACK> {
  const context: QueryContext = { graph, sharedLists: cache.lists };
  const key = renderKey(check);
  const readers = key === undefined ? 0 : (cache.renderReaders?.get(key) ?? 1) - 1;
  if (key !== undefined) cache.renderReaders?.set(key, readers);
  const sources = await list.sources(context);
  if (sources === FALL_BACK || sources === null) return FALL_BACK;
  const scope = await scopeOf(check, assay, graph, cache, undefined);
  const passed = passes(sources.length);
  if ((scope?.length === 0 || passed) && sources.length) return FALL_BACK;
  if (scope?.length === 0) return { status: 'skip' };
  const shared = scope && sharedVerdicts(scope, cache);
  if (passed) return { status: 'pass', verdicts: shared ?? [] };

  const failures = new Failures(check, scope, shared);
  const rendered = key === undefined ? undefined : cache.rendered?.get(key);
  if (rendered) {
    failures.addRendered(rendered);
    if (readers <= 0) cache.rendered!.delete(key!);
    return { status: 'fail', ...failures.finish() };
  }
  if (readers > 0 && cache.rendered) failures.keepRendered();
  for (let start = 0; start < sources.length; start += STREAM_SLICE) {
    const items = list.complete(sources, start, Math.min(start + STREAM_SLICE, sources.length), context);
    if (items === FALL_BACK) return FALL_BACK;
    const violators = items.filter(hasId);
    failures.addItems(violators, await renderReasons(check.reason, violators), (item) => refFor(item, graph, cache));
  }
  const kept = failures.rendering();
  if (kept) cache.rendered!.set(key!, kept);
  return { status: 'fail', ...failures.finish() };
}

/** A check run over its whole query result. `share`: the result may be shared with other checks. */
async function runWhole(check: CheckDefinition, assay: AssaySchema, graph: AssetGraph, cache: ScanCache, share: boolean): Promise<Outcome> {
  const data = share ? await runQuery(check.document!, assay, graph, cache) : await executeQuery(assay.schema, graph, check.document!, cache.lists);
  const scope = await scopeOf(check, assay, graph, cache, data);
  if (scope?.length === 0) return { status: 'skip' };
  const passed = await evaluateExpectation(check.expectation!, data);
  const shared = scope && sharedVerdicts(scope, cache);
  if (passed) return { status: 'pass', verdicts: shared ?? [] };

  const failures = new Failures(check, scope, shared);
  const listed = data[check.violationsAlias ?? ''];
  const violators = listItems(listed).filter(hasId);
  if (violators.length) failures.addItems(violators, await reasonsFor(check, listed, violators, cache), (item) => refFor(item, graph, cache));
  return { status: 'fail', ...failures.finish() };
}

/**
 * The check's scope: its own query's assets (the same for every check that names it), or the
 * assets its query lists under the scope alias (`data`); undefined for a check without one.
 */
async function scopeOf(check: CheckDefinition, assay: AssaySchema, graph: AssetGraph, cache: ScanCache, data: Record<string, unknown> | undefined): Promise<AssetRef[] | undefined> {
  if (!check.scopeAlias) return undefined;
  if (!check.scopeDocument) return assetList(data?.[check.scopeAlias], graph, cache);
  const key = check.metadata.scope!;
  let scope = cache.scopes.get(key);
  if (!scope) {
    scope = check.scopeType
      ? scopeOfType(assay, check.scopeType, refsOf(cache, graph))
      : assetList((await executeQuery(assay.schema, graph, check.scopeDocument, cache.lists))[check.scopeAlias], graph, cache);
    cache.scopes.set(key, scope);
  }
  return scope;
}

/** What two streamed checks render alike: the same question (query identity), the same reason. */
function renderKey(check: CheckDefinition): string | undefined {
  const identity = check.document && queryIdentity(check.document);
  return identity ? `${identity.key}\0${reasonKey(check.reason)}` : undefined;
}

/**
 * How many checks will run each query (by identity), the readers of a shared result; and of
 * streamed checks, how many will render each question and reason (renderKey). A check that
 * cannot run (manual, or missing data) reads nothing.
 */
function countReaders(checks: CheckDefinition[], assay: AssaySchema, graph: AssetGraph): Pick<ScanCache, 'queryReaders' | 'renderReaders'> {
  const queryReaders = new Map<string, number>();
  const renderReaders = new Map<string, number>();
  for (const check of checks) {
    if (check.metadata.manual || !check.document || gapsTouching(check.reads, graph.gaps).length) continue;
    const [readers, key] = streamedList(check, assay) ? [renderReaders, renderKey(check)] : [queryReaders, queryIdentity(check.document)?.key];
    if (key !== undefined) readers.set(key, (readers.get(key) ?? 0) + 1);
  }
  return { queryReaders, renderReaders };
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

/** A query item that names an asset: only those are violators (a finding needs an asset id). */
function hasId(item: unknown): boolean {
  return idOf(item) !== undefined;
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
