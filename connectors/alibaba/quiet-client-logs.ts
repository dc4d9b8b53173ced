import { existsSync, readFileSync } from 'node:fs';
import { AssayError } from '../../engine/errors/assay-error.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import util from 'node:util';

/**
 * The official clients log through env-switched loggers, and what they log is secret:
 * - the `debug` package (DEBUG=*): httpx (pop-core) prints request headers and response bodies —
 *   AssumeRole's answer holds the STS AccessKeySecret and SecurityToken — and ali-oss prints its
 *   request headers (`x-oss-security-token`), @alicloud/log and pop-core's ROA client their
 *   strings-to-sign;
 * - `util.debuglog` (NODE_DEBUG=urllib): urllib, under ali-oss, prints request headers.
 * No environment setting may print a secret, so this module (imported before any client) silences
 * both for good: every copy of `debug` in the clients' dependency tree (there are several versions)
 * gets a logger that writes nothing and its namespaces disabled, and `util.debuglog` hands out
 * loggers that write nothing. Node's own NODE_DEBUG sections use an internal logger that nothing
 * can switch off once node has started, and `net`, `http` and `https` print each connection's
 * options, request headers (signatures, security tokens) included: `refuseNetworkDebug` stops a
 * collection before any credential is read when one of them is on. Assay itself logs through neither.
 */
const CLIENT_PACKAGES = ['@alicloud/pop-core', 'ali-oss', '@alicloud/log'];

interface DebugModule {
  log?: unknown;
  disable?: () => unknown;
}

const silent = (): void => {};

/** What `util.debuglog` returns, disabled: callable, `enabled` false. */
function silentDebuglog(): util.DebugLogger {
  const logger = silent as unknown as util.DebugLogger;
  Object.defineProperty(logger, 'enabled', { value: false });
  return logger;
}

/** Node's resolution of `name` from a package folder: its node_modules, then each parent's. */
function findPackageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every package folder the clients can load, their own folders included. */
function clientDependencyDirs(): string[] {
  const here = dirname(createRequire(import.meta.url).resolve('@alicloud/pop-core'));
  const seen = new Set<string>();
  const queue = CLIENT_PACKAGES.map((name) => findPackageDir(name, here)).filter((d): d is string => !!d);
  while (queue.length) {
    const dir = queue.pop()!;
    if (seen.has(dir)) continue;
    seen.add(dir);
    let manifest: { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
      const found = findPackageDir(dep, dir);
      if (found && !seen.has(found)) queue.push(found);
    }
  }
  return [...seen];
}

let quieted = false;

/** Silences the clients' debug logging; idempotent. Returns how many `debug` copies it silenced. */
export function quietClientLogs(): number {
  if (quieted) return 0;
  quieted = true;
  // Before any client loads: urllib takes its logger when it loads.
  (util as { debuglog: typeof util.debuglog }).debuglog = silentDebuglog as typeof util.debuglog;
  let count = 0;
  for (const dir of clientDependencyDirs()) {
    if (!/[\\/]node_modules[\\/]debug$/.test(dir)) continue;
    const debug = createRequire(join(dir, 'package.json'))(dir) as DebugModule;
    // A logger created before this (enabled from DEBUG at its load) looks `log` up at each call.
    debug.log = silent;
    debug.disable?.();
    count++;
  }
  return count;
}

quietClientLogs();

/** Node's networking sections: `net`, `http` and `https` print connection options with request headers. */
const NETWORK_SECTIONS = ['net', 'http', 'https', 'http2', 'tls', 'undici', 'fetch'];

/** The NODE_DEBUG sections of `sections` that node enables, matched as node does (comma list, `*` wildcards, any case). */
export function enabledNodeDebugSections(nodeDebug: string | undefined, sections: readonly string[] = NETWORK_SECTIONS): string[] {
  if (!nodeDebug) return [];
  // lib/internal/util/debuglog.js: initializeDebugEnv.
  const pattern = new RegExp(`^(${nodeDebug.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*').replace(/,/g, '$|^')})$`, 'i');
  return sections.filter((section) => pattern.test(section));
}

/**
 * Throws UNSAFE_DEBUG_ENV when node was started with NODE_DEBUG covering a networking section:
 * node would print every request's headers, signatures and security tokens, to stderr.
 */
export function refuseNetworkDebug(env: NodeJS.ProcessEnv = process.env): void {
  const sections = enabledNodeDebugSections(env.NODE_DEBUG);
  if (!sections.length) return;
  throw new AssayError(
    'UNSAFE_DEBUG_ENV',
    `NODE_DEBUG enables node's ${sections.join(', ')} logging, which prints every request's headers (signatures and security tokens) to stderr. Unset NODE_DEBUG (or leave out ${sections.join(', ')}) to collect from a live account.`,
  );
}
