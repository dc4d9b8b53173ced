/**
 * Start-up figures: wall time of whole `assay` processes (node start included), median of a few
 * runs each — `--help` (flags only: handlers are imported when a command runs), `checks list`
 * (loads the schema and every bundled pack: parsing, validation, JSONata compilation), `packs
 * list` (the manifests only) and a scan of the demo account's snapshot (a small account: a scan
 * of one is mostly start-up).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../engine/package-root.js';

export interface StartupFigure {
  command: string;
  medianMs: number;
  runsMs: number[];
}

const DEMO_SNAPSHOT = join('test', 'demo', 'demo-account.snapshot.json');

/** Each command with the exit code it must end with (the demo account fails checks: 1). */
const COMMANDS: Array<{ args: string[]; exit: number }> = [
  { args: ['--help'], exit: 0 },
  { args: ['checks', 'list'], exit: 0 },
  { args: ['packs', 'list'], exit: 0 },
  { args: ['scan', '--snapshot', DEMO_SNAPSHOT], exit: 1 },
];

export function runStartupBench(runs = 5): StartupFigure[] {
  const bin = join(packageRoot(), 'bin', 'assay.js');
  return COMMANDS.map(({ args, exit }) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [bin, ...args], { cwd: packageRoot(), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
      if (child.status !== exit) throw new Error(`assay ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().trim()}`);
      times.push(performance.now() - start);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { command: `assay ${args.join(' ')}`, medianMs: Math.round(sorted[sorted.length >> 1]), runsMs: times.map((t) => Math.round(t)) };
  });
}
