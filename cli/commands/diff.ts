import { resolve } from 'node:path';
import { diffScans, summarizeDiff, type ScanDiff } from '../../engine/diff/diff-scans.js';
import { readScanResult } from '../../engine/diff/read-scan-result.js';
import { DEFAULT_INPUT_LIMITS } from '../../engine/errors/input-limits.js';
import { inputLimitsFrom } from '../input-limit-flags.js';
import { assetLabel } from '../../engine/report/common.js';
import type { Finding } from '../../engine/runner/results.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { safeText } from '../output/terminal-text.js';
import { writeJson } from '../output/write-json.js';

export interface DiffArgs {
  old: string;
  new: string;
  output?: string;
  'fail-on-new'?: boolean;
}


/** `assay diff OLD.json NEW.json`: new, resolved and unchanged findings by check id + asset id. */
export function diffCommand(args: DiffArgs, io: CliIo): number {
  const limits = { ...DEFAULT_INPUT_LIMITS, ...inputLimitsFrom(args) };
  const before = readScanResult(resolve(io.cwd, args.old), limits);
  const after = readScanResult(resolve(io.cwd, args.new), limits);
  const diff = diffScans(before, after);
  if (args.output === 'json') {
    writeJson(io, { summary: summarizeDiff(diff), ...diff }, 2); // the lists of findings a slice at a time
  } else {
    io.stdout(renderDiff(diff));
  }
  return args['fail-on-new'] && diff.new.length ? EXIT.FINDINGS : EXIT.OK;
}

function renderDiff(diff: ScanDiff): string {
  const s = summarizeDiff(diff);
  const lines = [`Findings: ${s.new} new, ${s.resolved} resolved, ${s.unchanged} unchanged` + (s.notEvaluated ? `, ${s.notEvaluated} not evaluated in the later scan` : '')];
  const section = (title: string, mark: string, list: Finding[]) => {
    if (!list.length) return;
    lines.push('', title);
    for (const f of list) lines.push(`  ${mark} ${f.severity.padEnd(8)} ${f.checkId}  ${safeText(assetLabel(f.asset))}: ${safeText(f.reason)}`);
  };
  section('New', '+', diff.new);
  section('Resolved', '-', diff.resolved);
  section('Not evaluated (not counted as resolved)', '?', diff.notEvaluated);
  return lines.join('\n') + '\n';
}
