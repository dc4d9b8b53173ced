/**
 * Mismatches between the emulator and Alibaba's models that are known and owned by someone else.
 * Each entry must still occur: the conformance test fails on an entry that no longer matches
 * anything, so whoever fixes one also removes it here (the table only ever shrinks).
 */
export interface KnownMismatch {
  /** `product:Action`. */
  action: string;
  /** Matches the mismatch's path (array indexes included, e.g. `LogMetaList[2].Category`). */
  path: RegExp;
  /** The issue item that tracks it. */
  issue: string;
  /** The model's word, for the reader. */
  modelSays: string;
}

// Emptied as fixed: SAS DescribeLogMeta `network` category (a79c0e6), CS meta_data/master_url as
// objects (model: JSON strings), CS DescribeClustersV1 list items with `parameters`.
export const KNOWN_MISMATCHES: readonly KnownMismatch[] = [];
