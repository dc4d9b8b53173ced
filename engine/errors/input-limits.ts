
const MB = 1024 * 1024;

/**
 * How much of an input file Assay reads before it stops with an INPUT_LIMIT error. Snapshots,
 * scan results and exceptions files may come from anyone: without a bound, a 200 KB gzip bomb,
 * a line with no end or a device file takes all the memory or never ends.
 */
export interface InputLimits {
  /** Most bytes read from a snapshot (after decompression) or a scan result. */
  maxInputBytes: number;
  /** Longest line of a snapshot in the record-a-line layout (one asset, edge or gap). */
  maxLineBytes: number;
  /** Most assets a snapshot may hold. */
  maxAssets: number;
  /** Largest exceptions file. */
  maxExceptionsBytes: number;
}

/**
 * Defaults sized from the bench's synthetic accounts (bench/synthetic-account.ts): 10k assets
 * are a 16 MB snapshot, so a 1M-asset account is ~1.6 GB; 4 GiB and 2M assets leave room for
 * twice that. The largest record of the demo account is under 20 KB: 64 MiB is room for any
 * raw API object. An exceptions file of 4 MiB is ~25,000 entries (it costs ~40x its size in
 * heap as a YAML document).
 */
export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = {
  maxInputBytes: 4096 * MB,
  maxLineBytes: 64 * MB,
  maxAssets: 2_000_000,
  maxExceptionsBytes: 4 * MB,
};

/** The CLI flag that raises each limit (named in every INPUT_LIMIT error). */
export const INPUT_LIMIT_FLAGS: Readonly<Record<keyof InputLimits, string>> = {
  maxInputBytes: '--max-input-mb',
  maxLineBytes: '--max-line-mb',
  maxAssets: '--max-assets',
  maxExceptionsBytes: '--max-exceptions-mb',
};

/** A byte count in MB as a person reads it. */
export function megabytes(bytes: number): string {
  const mb = bytes / MB;
  if (bytes < MB) return `${bytes} bytes`;
  return `${mb >= 10 ? Math.round(mb) : Number(mb.toFixed(2))} MB`;
}

/** How to raise one limit: the flag and its unit. */
export function raiseHint(limit: keyof InputLimits): string {
  return limit === 'maxAssets' ? `raise it with ${INPUT_LIMIT_FLAGS[limit]}` : `raise it with ${INPUT_LIMIT_FLAGS[limit]} (in MB)`;
}
