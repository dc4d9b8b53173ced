/** Per-check data a pack states for itself (the same check can be in several packs). */
export interface PackControl {
  /** The benchmark's recommendation number, e.g. "2.1". */
  recommendation?: string;
  /** Profile level, e.g. L1 or L2. */
  level?: string;
  /** How the benchmark itself classifies it. */
  assessment?: 'automated' | 'manual';
}

/**
 * A check pack: a named, versioned set of checks for one framework. The manifest (`pack.yaml`)
 * sits in the pack's folder; checks come from that folder and any `include` paths.
 */
export interface PackManifest {
  name: string;
  title: string;
  version: string;
  framework?: string;
  description?: string;
  /** Run when a scan names neither packs nor checks (one version of each benchmark). */
  default?: boolean;
  /** Check files or folders, relative to the manifest. Default: the manifest's folder. */
  include?: string[];
  /** Check ids in the pack, with per-pack data. Absent: every check found in `include`. */
  controls?: Record<string, PackControl>;
}

export const packManifestSchema = {
  type: 'object',
  required: ['name', 'title', 'version'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    title: { type: 'string' },
    version: { type: 'string' },
    framework: { type: 'string' },
    description: { type: 'string' },
    default: { type: 'boolean' },
    include: { type: 'array', items: { type: 'string' } },
    controls: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          recommendation: { type: 'string' },
          level: { type: 'string' },
          assessment: { enum: ['automated', 'manual'] },
        },
      },
    },
  },
} as const;

export const PACK_MANIFEST_FILE = 'pack.yaml';
