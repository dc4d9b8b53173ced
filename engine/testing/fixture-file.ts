import type { Gap } from '../graph/gap.js';

/** An asset as written in a fixture: type and id, any fields, and edge fields as target ids. */
export type FixtureAsset = { type: string; id: string } & Record<string, unknown>;

/** One case: a small graph and what the check must say about it. */
export interface FixtureCase {
  name: string;
  assets?: FixtureAsset[];
  gaps?: Gap[];
  /** Expected status; `valid` cases imply pass and `invalid` ones fail. */
  status?: 'pass' | 'fail' | 'error' | 'skip' | 'manual';
  /** Exactly these asset ids fail (invalid cases). */
  failing?: string[];
  /** Each failing asset's reason contains this text, or matches it when written /like this/. */
  reason?: string;
  /** The check's message (error/skip/manual) contains this text or matches /it/. */
  message?: string;
}

/**
 * A fixture file beside a check (`fixtures/<check-file>.yaml`), in the spirit of ESLint's
 * RuleTester: `valid` cases must pass, `invalid` cases must fail on exactly the `failing` assets,
 * `cases` state any other status. Each case lists its whole graph; `anchors` hold shared YAML anchors.
 */
export interface FixtureFile {
  /** The check id these fixtures test (default: the check file of the same name). */
  check?: string;
  /** Fields every asset gets unless it sets them (e.g. provider, accountId). */
  defaults?: Record<string, unknown>;
  /** Free-form: a place for YAML anchors (`&trail`) that cases reuse (`<<: *trail`). Not in any graph by itself. */
  anchors?: unknown;
  valid?: FixtureCase[];
  invalid?: FixtureCase[];
  cases?: FixtureCase[];
}

const caseSchema = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    assets: { type: 'array', items: { $ref: '#/$defs/asset' } },
    gaps: { type: 'array', items: { type: 'object', required: ['product', 'action', 'code'] } },
    status: { enum: ['pass', 'fail', 'error', 'skip', 'manual'] },
    failing: { type: 'array', items: { type: 'string' } },
    reason: { type: 'string' },
    message: { type: 'string' },
  },
};

/** JSON Schema of a fixture file. */
export const fixtureFileSchema = {
  type: 'object',
  additionalProperties: false,
  $defs: {
    asset: { type: 'object', required: ['type', 'id'], properties: { type: { type: 'string' }, id: { type: 'string' } } },
  },
  properties: {
    check: { type: 'string' },
    defaults: { type: 'object' },
    anchors: {},
    valid: { type: 'array', items: caseSchema },
    invalid: { type: 'array', items: caseSchema },
    cases: { type: 'array', items: caseSchema },
  },
};
