/**
 * Start-up figures: wall time of whole `assay` processes (node start included), median of a few
 * runs each — `--help` (flags only: handlers are imported when a command runs), `checks list`
 * (loads the schema and every bundled pack: parsing, validation, JSONata compilation) and
 * `packs list` (the manifests only).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../engine/package-root.js';

export interface StartupFigure {
  command: string;
  medianMs: number;
  runsMs: number[];
}

const COMMANDS: string[][] = [['--help'], ['checks', 'list'], ['packs', 'list']];

export function runStartupBench(runs = 5): StartupFigure[] {
  const bin = join(packageRoot(), 'bin', 'assay.js');
  return COMMANDS.map((args) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const child = spawnSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, CI: 'true' } });
      if (child.status !== 0) throw new Error(`assay ${args.join(' ')} exited with ${child.status}: ${child.stderr.toString().trim()}`);
      times.push(performance.now() - start);
    }
    const sorted = [...times].sort((a, b) => a - b);
    return { command: `assay ${args.join(' ')}`, medianMs: Math.round(sorted[sorted.length >> 1]), runsMs: times.map((t) => Math.round(t)) };
  });
}
