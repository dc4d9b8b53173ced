import { SEVERITIES } from './check-definition.js';

const jsonataObject = {
  type: 'object',
  required: ['jsonata'],
  additionalProperties: false,
  properties: { jsonata: { type: 'string', minLength: 1 } },
};

/** JSON Schema of a check's YAML header. Unknown keys are errors (with "did you mean"). */
export const checkMetadataSchema = {
  type: 'object',
  required: ['id', 'title', 'severity'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    title: { type: 'string', minLength: 1 },
    severity: { enum: SEVERITIES },
    expect: { oneOf: [{ type: 'string', minLength: 1 }, jsonataObject] },
    scope: { type: 'string', minLength: 1 },
    violations: { type: 'string', minLength: 1 },
    reason: { oneOf: [{ type: 'string', minLength: 1 }, jsonataObject] },
    description: { type: 'string' },
    rationale: { type: 'string' },
    remediation: { type: 'string' },
    audit: { type: 'string' },
    impact: { type: 'string' },
    references: { type: 'array', items: { type: 'string' } },
    frameworks: {
      type: 'object',
      additionalProperties: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    },
    tags: { type: 'array', items: { type: 'string' } },
    level: { type: 'string' },
    manual: { type: 'boolean' },
    provider: { type: 'string' },
    service: { type: 'string' },
  },
} as const;

export const METADATA_KEYS = Object.keys(checkMetadataSchema.properties);
