/**
 * Assay's public API: everything an embedding scanner needs to bring its own connector, schema
 * and checks, run them over its graph and get findings.
 *
 * ```ts
 * import { AssetGraph, buildAssaySchema, loadChecks, runChecks } from 'assay';
 * const assay = buildAssaySchema({ sdl: [{ name: 'my.graphql', body: mySdl }] });
 * const graph = new AssetGraph({ provider: 'acme' });
 * graph.addAsset({ id: 'x', type: 'AcmeThing', provider: 'acme', accountId: '1', region: null, name: 'x', tags: [] });
 * const { checks, errors } = loadChecks(['my-checks/'], assay);
 * const result = await runChecks(checks, { assay, graph, loadErrors: errors });
 * ```
 */

// The asset graph connectors fill.
export { AssetGraph, type GraphMetadata } from './graph/asset-graph.js';
export type { Asset, Edge, Tag } from './graph/asset.js';
export { describeGap, type Gap } from './graph/gap.js';

// Errors: one class, with codes and source positions.
export { AssayError, isAssayError, type AssayErrorCode } from './errors/assay-error.js';

// Schema: SDL in, executable schema with generated where-filters and generic resolvers out.
export { buildAssaySchema, type AssaySchema, type BuildSchemaOptions } from './schema/build-schema.js';
export { readSdlFiles, readFragmentFiles, type SdlSource } from './schema/sdl-source.js';
export { buildSchemaModel, type SchemaModel, type TypeModel, type FieldModel } from './schema/type-model.js';
export { loadSchemaFromDirs, bundledSchemaDir, bundledChecksDir } from './bundled.js';
export { DEFAULT_JSONATA_LIMITS, type JsonataLimits } from './jsonata/guarded-jsonata.js';

// Checks: load and validate check files; run them.
export { loadChecks, findCheckFiles, type LoadedChecks } from './checks/load-checks.js';
export { loadCheckSource, type CheckLoadResult } from './checks/load-check.js';
export type { CheckDefinition, CheckMetadata, Severity } from './checks/check-definition.js';
export { SEVERITIES } from './checks/check-definition.js';
export { gapsTouching, type ReadSet } from './checks/read-set.js';
export { runChecks, runCheck, type RunOptions } from './runner/run-checks.js';
export type { ScanResult, CheckResult, Finding, AssetVerdict, AssetRef, CheckStatus, ScanSummary } from './runner/results.js';

// Check tester: run each check's fixtures (valid / invalid / cases), like ESLint's RuleTester.
export { runFixtures, readFixtureFile, fixturePathFor, type FixtureReport, type FixtureCaseResult } from './testing/run-fixtures.js';
export { fixtureGraph } from './testing/fixture-graph.js';
export type { FixtureFile, FixtureCase, FixtureAsset } from './testing/fixture-file.js';

// Reports: pure functions ScanResult → text, one per format, each as one string (render*) and as
// pieces of text in order (render*Chunks). For a large account write the pieces one after the
// other, e.g. `for (const piece of renderJsonChunks(result)) stream.write(piece)`: V8 caps a
// string at ~512 MB.
export { renderJson, renderJsonChunks } from './report/json.js';
export { renderJsonl, renderJsonlChunks } from './report/jsonl.js';
export { renderCsv, renderCsvChunks } from './report/csv.js';
export { renderSarif, renderSarifChunks, buildSarif } from './report/sarif.js';
export { renderJunit, renderJunitChunks } from './report/junit.js';
export { renderOcsf, renderOcsfChunks, buildOcsf } from './report/ocsf.js';
export { renderMarkdown, renderMarkdownChunks } from './report/markdown.js';
export { renderHtml, renderHtmlChunks } from './report/html.js';
export { joinChunks, type ReportChunks } from './report/chunks.js';
export { jsonChunks, JsonStream } from './report/json-chunks.js';

// Exceptions (accepted risks with owner and expiry) and scan-to-scan comparison.
export { readExceptionsFile, parseExceptions, type ExceptionEntry } from './exceptions/exception-file.js';
export { applyExceptions, type TagLookup } from './exceptions/apply-exceptions.js';
export { diffScans, summarizeDiff, type ScanDiff } from './diff/diff-scans.js';
export { readScanResult } from './diff/read-scan-result.js';

// Packs: folders of checks with a pack.yaml manifest (name, version, framework, controls).
export { findPacks, readPack, findPack, loadPackChecks, type Pack } from './packs/load-packs.js';
export { packMembership } from './packs/pack-membership.js';
export type { PackManifest, PackControl } from './packs/pack-manifest.js';

// Snapshots: save a collected graph, scan it later with no network.
export { saveSnapshot, saveSnapshotAsync, graphToSnapshot } from '../connectors/snapshot/save-snapshot.js';
// Files that hold account data: written whole or not at all (temp file, fsync, rename), 0600,
// never through a symbolic link unless asked.
export { writeFileSafely, writeFileSafelySync, type SafeWriteOptions } from './files/safe-write.js';
export { loadSnapshot, readSnapshot, snapshotToGraph, type LoadSnapshotOptions } from '../connectors/snapshot/load-snapshot.js';
export { SNAPSHOT_FORMAT_VERSION, type Snapshot } from '../connectors/snapshot/snapshot-format.js';

export { TOOL_NAME, TOOL_VERSION } from './version.js';
