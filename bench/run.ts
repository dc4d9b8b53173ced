/**
 * `npm run bench`: builds synthetic Alibaba graphs of several sizes, runs representative checks
 * through the real engine and through hand-written loops, asserts both find the same violating
 * assets, and reports times, the engine/loop ratio and peak memory. Each size runs in its own
 * child process (this script with `--child <size>`), so peak RSS is per size and an out-of-memory
 * crash at 1M is reported instead of killing the run. See bench/README.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { runCollectionBench, type CollectionBenchResult } from './collection.js';
import { runStartupBench, type StartupFigure } from './startup.js';
import { timePhases, type PhaseTimes } from './breakdown.js';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AssetGraph,
  bundledChecksDir,
  findPack,
  findPacks,
  loadPackChecks,
  loadSchemaFromDirs,
  runChecks,
  TOOL_VERSION,
  type CheckDefinition,
  type ScanResult,
} from '../engine/index.js';
import { generateAccount } from './synthetic-account.js';
import { CIS_LOOP_CHECKS } from './loops/index.js';
import { PlainWorld } from './plain-world.js';
import { table, type BenchReport, type CheckFigures, type Mismatch, type SizeResult } from './results-format.js';
import { reportPlainly } from './plain-output.js';
import { timeReports } from './reports.js';
import { timeWholeScan } from './whole-scan.js';
import { assessTargets, formatTargets } from './targets.js';

/** The pack the bench evaluates, in full. */
const PACK = 'cis-alibaba-v2.0.0';

const RESULT_MARKER = 'BENCH_RESULT ';
const EXIT_MISMATCH = 3;
const EXIT_SETUP = 2;

interface Options {
  sizes: number[];
  runs: number;
  /** Untimed runs between the first run and the timed ones (below 1M assets), so "warm" is steady. */
  warmup: number;
  seed: number;
  profile: boolean;
  /** Compare only the checks that have a loop (while loops are being written). */
  allowMissingLoops: boolean;
  /** Also measure a full collection against the emulator (default on). */
  collection: boolean;
  /** V8 heap limit of each size's child process, in MB. */
  heapMb: number;
  child?: number;
}

const root = dirname(bundledChecksDir());
const here = fileURLToPath(import.meta.url);

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: [10_000, 100_000, 1_000_000], runs: 5, warmup: 5, seed: 20261125, profile: false, allowMissingLoops: false, collection: true, heapMb: DEFAULT_HEAP_MB };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--sizes':
        options.sizes = value().split(',').map((s) => parseSize(s.trim()));
        break;
      case '--runs':
        options.runs = Math.max(1, Number.parseInt(value(), 10));
        break;
      case '--warmup':
        options.warmup = Math.max(0, Number.parseInt(value(), 10));
        break;
      case '--seed':
        options.seed = Number.parseInt(value(), 10);
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--allow-missing-loops':
        options.allowMissingLoops = true;
        break;
      case '--heap-mb':
        options.heapMb = Math.max(256, Number.parseInt(value(), 10));
        break;
      case '--no-collection':
        options.collection = false;
        break;
      case '--child':
        options.child = parseSize(value());
        break;
      case '--help':
      case '-h':
        console.log('Usage: node dist/bench/run.js [--sizes 10000,100000,1000000] [--runs 5] [--warmup 5] [--seed N] [--profile] [--no-collection] [--heap-mb 3584]');
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown flag ${arg} (try --help)`);
    }
  }
  return options;
}

/** 10000, 10k, 1m, 1M. */
function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text);
  if (!m) throw new Error(`Bad size "${text}"`);
  const n = Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1);
  if (!Number.isInteger(n) || n < 10) throw new Error(`Bad size "${text}" (at least 10 assets)`);
  return n;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const log = (message: string): void => void process.stderr.write(`  ${message}\n`);

// ---------------------------------------------------------------------------------------------
// Child: one size.

async function runChild(size: number, options: Options): Promise<number> {
  const result: SizeResult = { size, status: 'ok' };
  let t = performance.now();
  let account: ReturnType<typeof generateAccount> | undefined = generateAccount(size, options.seed);
  result.generateMs = round(performance.now() - t);

  t = performance.now();
  const graph = new AssetGraph({ provider: 'alibaba', collectedAt: '2026-11-25T00:00:00Z', synthetic: true });
  for (const asset of account.assets) graph.addAsset(asset);
  for (const e of account.edges) graph.addEdge(e.from, e.label, e.to);
  result.graphBuildMs = round(performance.now() - t);
  result.assets = graph.size;
  result.edges = graph.edgeTotal;
  result.types = account.counts;
  // From here on the graph is the only copy of the account, as in a scan (the generator's
  // arrays of assets and edges go); the plain world is built after the engine's runs, so the
  // engine's peak memory is the scan's alone.
  account = undefined;
  gc();
  result.graphHeapMb = round(process.memoryUsage().heapUsed / 1024 / 1024);
  log(`${size}: generated in ${result.generateMs} ms, graph built in ${result.graphBuildMs} ms (${graph.edgeTotal} edges, heap ${result.graphHeapMb} MB)`);

  t = performance.now();
  const assay = loadSchemaFromDirs();
  const { checks, errors } = loadPackChecks(findPack(findPacks([bundledChecksDir()]), PACK), assay, root);
  result.schemaAndLoadMs = round(performance.now() - t);
  if (errors.length) {
    for (const e of errors) console.error(e.format());
    return EXIT_SETUP;
  }
  checks.sort((a, b) => a.metadata.id.localeCompare(b.metadata.id, 'en', { numeric: true }));
  const evaluated = checks.filter((c) => !c.metadata.manual);
  const loopIds = new Set(CIS_LOOP_CHECKS.map((c) => c.id));
  const missing = evaluated.filter((c) => !loopIds.has(c.metadata.id)).map((c) => c.metadata.id);
  if (missing.length && !options.allowMissingLoops) {
    console.error(`No plain-loop equivalent for ${missing.join(', ')} (bench/loops/); --allow-missing-loops compares the rest.`);
    return EXIT_SETUP;
  }
  const now = Date.now();

  // Timed runs follow each other with no forced GC in between: a forced full GC throws away
  // V8's optimized code and type feedback (a check's next run is then up to 3x slower), which
  // no scan does; garbage a run leaves is collected during the next, as in a long-lived process.
  // The scan of the latest run is kept in `latest` and only its time comes back through await:
  // an awaited value stays in the async frame's registers until the next await overwrites it, so
  // a returned scan would stay alive through the whole next run (two scans' output in the heap,
  // which at 1M made the third run take twice the first).
  let latest: ScanResult | undefined;
  const engineOnce = async (): Promise<number> => {
    latest = undefined;
    const start = performance.now();
    latest = await runChecks(checks, { assay, graph });
    return performance.now() - start;
  };

  const runs = size >= 1_000_000 ? Math.min(options.runs, 3) : options.runs;
  // The first run is what one `assay scan` costs: cold code, every query compiled on first use.
  log(`${size}: engine first (cold) run`);
  const coldMs = await engineOnce();
  result.engineColdMs = round(coldMs);
  const coldSets = violatingSets(checks, latest!);
  const coldStatuses = statuses(latest!);

  // Then untimed runs until the code is optimized (at 10k, five runs are still warming up); at 1M
  // and above runs are few and bound by memory, so none.
  const warmup = size >= 1_000_000 ? 0 : options.warmup;
  for (let i = 0; i < warmup; i++) await engineOnce();
  const engineRuns: number[] = [];
  const perCheckEngine = new Map<string, number[]>();
  for (let i = 0; i < runs; i++) {
    const ms = await engineOnce();
    engineRuns.push(ms);
    recordDurations(latest!, perCheckEngine);
    log(`${size}: engine run ${i + 1}/${runs}: ${round(ms)} ms`);
  }
  const last = latest!;
  result.peakRssMb = round(process.resourceUsage().maxRSS / 1024); // kilobytes; the engine's peak, before the plain world exists
  result.heapUsedMb = round(process.memoryUsage().heapUsed / 1024 / 1024);
  // What the scan's reports cost to write, after the engine's peak is taken; not at 1M, where the
  // JSON report alone is ~2.5 GB of disk.
  if (size < 1_000_000) {
    result.reports = timeReports(last);
    log(`${size}: reports ${result.reports.map((r) => `${r.format} ${r.ms} ms (${r.mb} MB)`).join(', ')}`);
    result.wholeScan = timeWholeScan(graph, PACK);
    log(`${size}: whole assay scan (snapshot ${result.wholeScan.snapshotMb} MB, json + sarif): ${result.wholeScan.ms} ms, peak RSS ${result.wholeScan.peakRssMb} MB`);
  }

  // Where the time goes: the same work split into phases, after the engine's peak is taken and
  // before the plain world exists (at 1M that world would push the heap to its budget).
  const phaseRuns: PhaseTimes[] = [];
  for (let i = 0; i < (size >= 1_000_000 ? 1 : runs); i++) phaseRuns.push(await timePhases(checks, assay, graph));

  // What a hand-written scanner keeps: arrays per type and Maps of links, over the same assets.
  const world = PlainWorld.fromGraph(graph);
  const loopOnce = (): { ms: number; perCheck: Map<string, number>; sets: Map<string, string[]> } => {
    const perCheck = new Map<string, number>();
    const sets = new Map<string, string[]>();
    const start = performance.now();
    for (const check of CIS_LOOP_CHECKS) {
      const s = performance.now();
      sets.set(check.id, check.run(world, now));
      perCheck.set(check.id, performance.now() - s);
    }
    return { ms: performance.now() - start, perCheck, sets };
  };
  const loopFirst = loopOnce();
  result.loopColdMs = round(loopFirst.ms, 2);
  result.coldRatio = round(coldMs / Math.max(loopFirst.ms, 1e-3));
  result.mismatches = compare(checks, coldSets, coldStatuses, loopFirst.sets, 'first run');
  for (let i = 0; i < warmup; i++) loopOnce();
  const loopRuns: number[] = [];
  const perCheckLoop = new Map<string, number[]>();
  let lastLoop = loopFirst;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const run = loopOnce();
    loopRuns.push(run.ms);
    for (const [id, ms] of run.perCheck) (perCheckLoop.get(id) ?? perCheckLoop.set(id, []).get(id)!).push(ms);
    lastLoop = run;
  }
  // The answer must not change between runs either.
  result.mismatches.push(...compare(checks, violatingSets(checks, last), statuses(last), lastLoop.sets, 'last run'));

  // A plain scanner: the loops and then the output a scan reports, in the same shapes.
  const plainOnce = (): { ms: number; findings: number } => {
    const start = performance.now();
    const report = reportPlainly(world, checks, CIS_LOOP_CHECKS, loopOnce().sets);
    const ms = performance.now() - start;
    return { ms, findings: report.reduce((n, c) => n + c.findings.length, 0) };
  };
  for (let i = 0; i < warmup; i++) plainOnce();
  const plainRuns: number[] = [];
  let plainFindings = 0;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    const run = plainOnce();
    plainRuns.push(run.ms);
    plainFindings = run.findings;
  }
  const engineFindings = last.checks.reduce((n, c) => n + (loopIds.has(c.id) ? c.findings.filter((f) => f.asset).length : 0), 0);
  if (plainFindings !== engineFindings) {
    result.mismatches.push({ id: '(plain output)', when: 'last run', engineCount: engineFindings, loopCount: plainFindings, engineOnly: [], loopOnly: [], engineStatus: 'findings' });
  }

  const phase = (key: keyof PhaseTimes): number => median(phaseRuns.map((p) => p[key]));
  result.phases = {
    setsMs: round(phase('setsMs')),
    queriesMs: round(phase('queriesMs')),
    reasonsMs: round(phase('reasonsMs')),
    fullMs: round(phase('fullMs')),
    runnerMs: round(median(phaseRuns.map((p) => Math.max(0, p.fullMs - p.queriesMs - p.reasonsMs)))),
    setsRatio: round(phase('setsMs') / Math.max(median(loopRuns), 1e-3)),
  };

  result.engineRunsMs = engineRuns.map((x) => round(x));
  result.loopRunsMs = loopRuns.map((x) => round(x, 2));
  result.engineMs = round(median(engineRuns));
  result.loopMs = round(median(loopRuns), 2);
  result.ratio = round(median(engineRuns) / Math.max(median(loopRuns), 1e-3));
  result.plainMs = round(median(plainRuns), 2);
  result.plainRatio = round(median(engineRuns) / Math.max(median(plainRuns), 1e-3));
  result.checks = last.checks.map((c) => ({
    id: c.id,
    status: c.status,
    violations: c.findings.filter((f) => f.asset).length,
    engineMs: round(median(perCheckEngine.get(c.id) ?? [c.durationMs])),
    loopMs: round(median(perCheckLoop.get(c.id) ?? [0]), 2),
  }));
  if (result.mismatches.length) {
    result.status = 'mismatch';
    result.message = `engine and loop disagree on ${[...new Set(result.mismatches.map((m) => m.id))].join(', ')}`;
  } else {
    delete result.mismatches;
  }
  process.stdout.write(RESULT_MARKER + JSON.stringify(result) + '\n');
  return result.status === 'ok' ? 0 : EXIT_MISMATCH;
}

/** Appends each check's duration in a scan to its list (a function of its own: no iterator of the scan outlives it). */
function recordDurations(scan: ScanResult, perCheck: Map<string, number[]>): void {
  for (const c of scan.checks) (perCheck.get(c.id) ?? perCheck.set(c.id, []).get(c.id)!).push(c.durationMs);
}

/** Per check: the ids of its failed findings ('(check)' for a finding that names no asset). */
function violatingSets(checks: CheckDefinition[], scan: ScanResult): Map<string, Set<string>> {
  const byId = new Map(scan.checks.map((c) => [c.id, c]));
  const sets = new Map<string, Set<string>>();
  for (const check of checks) {
    const ids = new Set<string>();
    for (const f of byId.get(check.metadata.id)?.findings ?? []) ids.add(f.asset?.id ?? '(check)');
    sets.set(check.metadata.id, ids);
  }
  return sets;
}

function statuses(scan: ScanResult): Map<string, { status: string; message?: string }> {
  return new Map(scan.checks.map((c) => [c.id, { status: c.status, message: c.message }]));
}

/** The engine's violating ids per check (ids of failed findings) against the loop's. */
function compare(
  checks: CheckDefinition[],
  engineSets: Map<string, Set<string>>,
  engineStatuses: Map<string, { status: string; message?: string }>,
  loopSets: Map<string, string[]>,
  when: string,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const check of checks) {
    const id = check.metadata.id;
    if (!loopSets.has(id)) continue; // manual, or no loop yet (--allow-missing-loops)
    const result = engineStatuses.get(id);
    const engine = engineSets.get(id) ?? new Set<string>();
    const loop = new Set(loopSets.get(id) ?? []);
    const engineOnly = [...engine].filter((x) => !loop.has(x));
    const loopOnly = [...loop].filter((x) => !engine.has(x));
    // A loop that finds nothing matches a pass, or a skip (nothing in the check's scope).
    const statusOk = loop.size ? result?.status === 'fail' : result?.status === 'pass' || result?.status === 'skip';
    if (engineOnly.length || loopOnly.length || !statusOk) {
      out.push({
        id,
        when,
        engineCount: engine.size,
        loopCount: loop.size,
        engineOnly: engineOnly.slice(0, 10),
        loopOnly: loopOnly.slice(0, 10),
        engineStatus: result?.status ?? 'missing',
        engineMessage: result?.message,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parent: one child per size, then the table and the JSON file.

/**
 * The child's V8 heap limit: the memory budget (1M assets in under 4 GB of RSS, so a 3.5 GB heap
 * plus code and buffers). With a larger limit V8 lets garbage pile up before collecting, and RSS
 * then says more about its growth policy than about what a scan needs; a size that does not fit
 * the budget fails with out-of-memory, which the table reports.
 */
const DEFAULT_HEAP_MB = 3584;

async function runParent(options: Options): Promise<number> {
  const totalMb = Math.floor(totalmem() / 1024 / 1024);
  const heapMb = Math.min(options.heapMb, Math.floor(totalMb * 0.75));
  console.log(`Assay ${TOOL_VERSION} bench: sizes ${options.sizes.join(', ')}; first run, then ${options.warmup} untimed and ${options.runs} timed runs (median; no untimed runs at 1M); node ${process.version}, ${cpus().length} CPUs, ${round(totalMb / 1024)} GB RAM, child heap limit ${heapMb} MB`);
  // Collection first, before the evaluation children, three times with the median reported: on
  // this 2-vCPU VM one run ranges 1.1-1.8x of the bound (the client and the in-process emulator
  // share one thread, so a stall of the machine shows directly).
  const collections: CollectionBenchResult[] = [];
  if (options.collection) for (let i = 0; i < 3; i++) collections.push(await runCollectionBench({ latencyMs: 50, copiesPerRegion: 8 }));
  const collection = collections.length ? [...collections].sort((a, b) => a.wallMs - b.wallMs)[collections.length >> 1] : undefined;
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    results.push(await runSize(size, heapMb, options));
    const r = results[results.length - 1];
    if (r.status !== 'ok') console.log(`  ${size}: ${r.status}: ${r.message ?? ''}`);
  }

  printTable(results);
  if (collection) {
    console.log('\nCollection: synthetic account against the emulator, 50 ms latency per call, published QPS limits');
    const c = collection;
    console.log(
      table([
        ['regions', 'assets', 'calls', 'wall ms (median of 3)', 'runs ms', 'bound ms', 'wall/bound', 'throttled', 'retries', 'gaps', 'slowest limiter'],
        [
          String(c.regions),
          String(c.assets),
          String(c.calls),
          String(c.wallMs),
          collections.map((r) => r.wallMs).join(' '),
          String(c.boundMs),
          `${c.ratio}x`,
          String(Math.max(...collections.map((r) => r.throttled))),
          String(Math.max(...collections.map((r) => r.retries))),
          String(Math.max(...collections.map((r) => r.gaps))),
          c.slowestLimiter,
        ],
      ]),
    );
  }
  console.log('\nStart-up: whole processes (node start included), median of 5');
  const startup: StartupFigure[] = runStartupBench(5);
  console.log(table([['command', 'median ms', 'runs ms'], ...startup.map((f) => [f.command, String(f.medianMs), f.runsMs.join(' ')])]));
  const targets = assessTargets(results, collection, startup);
  console.log('\nTargets (issue 6), held against this run:\n' + formatTargets(targets));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${stamp}.json`);
  const report: BenchReport = {
    tool: { name: 'assay', version: TOOL_VERSION },
    startedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    totalMemMb: totalMb,
    childHeapMb: heapMb,
    runs: options.runs,
    seed: options.seed,
    results,
    collection,
    collectionRuns: collections,
    startup,
    targets,
  };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nResults: ${file}`);

  const bad = results.filter((r) => r.status === 'mismatch' || r.status === 'failed');
  for (const r of bad) {
    console.error(`\n${r.size}: ${r.status.toUpperCase()}: ${r.message ?? ''}`);
    for (const m of r.mismatches ?? []) console.error(JSON.stringify(m, null, 2));
  }
  return bad.length ? 1 : 0;
}

function runSize(size: number, heapMb: number, options: Options): Promise<SizeResult> {
  const nodeArgs = [`--max-old-space-size=${heapMb}`, '--expose-gc'];
  if (options.profile) nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${join(root, 'bench', 'results', 'profiles')}`, `--cpu-prof-name=bench-${size}-${Date.now()}.cpuprofile`);
  const args = [...nodeArgs, here, '--child', String(size), '--runs', String(options.runs), '--warmup', String(options.warmup), '--seed', String(options.seed)];
  if (options.allowMissingLoops) args.push('--allow-missing-loops');
  console.log(`\n== ${size.toLocaleString('en-US')} assets`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderrTail = (stderrTail + chunk.toString()).slice(-8192);
    });
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (line) {
        resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as SizeResult);
        return;
      }
      const oom = /heap out of memory|Allocation failed|OutOfMemory|invalid (array|table) size/i.test(stderrTail) || signal === 'SIGKILL';
      resolve({
        size,
        status: 'failed',
        message: oom ? `out of memory within the ${heapMb} MB heap budget (exit ${code ?? signal})` : `child exited with ${code ?? signal}: ${stderrTail.trim().split('\n').slice(-5).join(' | ')}`,
      });
    });
  });
}

function printTable(results: SizeResult[]): void {
  const fmt = (n: number | undefined, digits = 1): string => (n === undefined ? '-' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));
  const rows: string[][] = [['assets', 'edges', 'generate ms', 'graph ms', 'graph heap MB', 'engine first run ms', 'loop first run ms', 'first runs', 'engine ms', 'loop ms', 'engine/loop', 'plain scanner ms', 'engine/plain', 'peak RSS MB', 'status']];
  for (const r of results) {
    rows.push([
      fmt(r.assets ?? r.size, 0),
      fmt(r.edges, 0),
      fmt(r.generateMs),
      fmt(r.graphBuildMs),
      fmt(r.graphHeapMb, 0),
      fmt(r.engineColdMs),
      fmt(r.loopColdMs, 2),
      r.coldRatio === undefined ? '-' : `${fmt(r.coldRatio)}x`,
      fmt(r.engineMs),
      fmt(r.loopMs, 2),
      r.ratio === undefined ? '-' : `${fmt(r.ratio)}x`,
      fmt(r.plainMs, 2),
      r.plainRatio === undefined ? '-' : `${fmt(r.plainRatio)}x`,
      fmt(r.peakRssMb, 0),
      r.status === 'ok' ? 'ok' : r.message ?? r.status,
    ]);
  }
  console.log('\n' + table(rows));

  const phased = results.filter((r) => r.phases);
  if (phased.length) {
    const phaseRows = [['assets', 'sets ms', 'sets/loop', 'queries ms', 'reasons ms', 'findings, verdicts ms', 'full run ms', 'full/loop']];
    for (const r of phased) {
      const p = r.phases!;
      const full = r.loopMs ? `${fmt(p.fullMs / r.loopMs)}x` : '-';
      phaseRows.push([fmt(r.assets ?? r.size, 0), fmt(p.setsMs), `${fmt(p.setsRatio)}x`, fmt(p.queriesMs), fmt(p.reasonsMs), fmt(p.runnerMs), fmt(p.fullMs), full]);
    }
    console.log(
      '\nWhere the time goes (medians of rounds run after the timed runs; sets = the violating sets alone:' +
        '\ntraversal, where-filters, JSONata predicates; queries = sets + result objects; findings, verdicts = full run - queries - reasons):\n' +
        table(phaseRows),
    );
  }

  const reported = results.filter((r) => r.reports);
  if (reported.length) {
    const reportRows = [['assets', ...reported[0].reports!.map((f) => `${f.format} ms / MB`), 'whole assay scan ms', 'its peak RSS MB']];
    for (const r of reported) {
      reportRows.push([fmt(r.assets ?? r.size, 0), ...r.reports!.map((f) => `${fmt(f.ms, 0)} / ${fmt(f.mb, 0)}`), fmt(r.wholeScan?.ms, 0), fmt(r.wholeScan?.peakRssMb, 0)]);
    }
    console.log(
      '\nReports of the last warm scan, written as `assay scan -o FORMAT=FILE` writes them, and one whole' +
        '\n`assay scan --snapshot F -o json=F -o sarif=F` process (node start, snapshot, packs, evaluation, reports):\n' +
        table(reportRows),
    );
  }

  const measured = results.filter((r) => r.checks);
  if (!measured.length) return;
  const ids = measured[0].checks!.map((c) => c.id);
  const head = ['check', ...measured.map((r) => `${fmt(r.size, 0)}: engine ms / loop ms / violations`)];
  const checkRows = [head];
  for (const id of ids) {
    checkRows.push([
      id,
      ...measured.map((r) => {
        const c = r.checks!.find((x) => x.id === id);
        return c ? `${fmt(c.engineMs)} / ${fmt(c.loopMs, 2)} / ${fmt(c.violations, 0)}${c.status === 'error' ? ' ERROR' : ''}` : '-';
      }),
    ]);
  }
  console.log('\nPer check (median):\n' + table(checkRows));
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(EXIT_SETUP);
  }
  const code = options.child !== undefined ? await runChild(options.child, options) : await runParent(options);
  process.exitCode = code;
}

await main();
