import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { Expectation } from '../expectations/expectation.js';
import type { ReadSet } from './read-set.js';
import type { CompiledJsonata } from '../jsonata/guarded-jsonata.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The YAML header of a check file, as validated against `checkMetadataSchema`. */
export interface CheckMetadata {
  id: string;
  title: string;
  severity: Severity;
  /** Simple form `Alias op operand`, or `{ jsonata: "..." }` returning a boolean. */
  expect?: string | { jsonata: string };
  /** The evaluated set: a root field (with optional arguments) or an alias of the query. */
  scope?: string;
  /** Which alias lists the violating assets when the expectation is JSONata. */
  violations?: string;
  /** Per-violation reason: a template with {{field.path}} or `{ jsonata: "..." }` over one item. */
  reason?: string | { jsonata: string };
  description?: string;
  rationale?: string;
  remediation?: string;
  audit?: string;
  references?: string[];
  frameworks?: Record<string, string | string[]>;
  tags?: string[];
  level?: string;
  /** No API can evaluate it: reported as `manual` with the audit steps. */
  manual?: boolean;
  [extra: string]: unknown;
}

/** A loaded, validated and compiled check, ready to run many times. */
export interface CheckDefinition {
  metadata: CheckMetadata;
  file: string;
  source: string;
  /** The query with the shared fragments it uses appended; absent for manual checks. */
  document?: DocumentNode;
  operation?: OperationDefinitionNode;
  /** Separate query for `scope:` when it names a root field rather than an alias. */
  scopeDocument?: DocumentNode;
  /** Alias whose result is the scope (in `document` or `scopeDocument`). */
  scopeAlias?: string;
  /** When the scope is a bare root list field: its asset type, listed from the graph directly. */
  scopeType?: string;
  expectation?: Expectation;
  /** Alias whose list items are the violating assets. */
  violationsAlias?: string;
  reason?: ReasonTemplate;
  /** Types and fields the queries read, for matching gaps. */
  reads: ReadSet;
  /** Set when loaded through a pack: the pack's own data for this check. */
  pack?: { name: string; version: string; recommendation?: string; assessment?: 'automated' | 'manual' };
}

export type ReasonTemplate =
  | { kind: 'template'; text: string }
  | {
      kind: 'jsonata';
      /** Runs over the list of violating items (`$map`), in the interpreter; parsed on first use. */
      expression: CompiledJsonata;
      /** The author's expression, per item (its compiled `fast` form is the hot path). */
      perItem?: CompiledJsonata;
      source: string;
    };
