/**
 * The shape every asset in the graph has. Connectors add typed fields (camelCase, normalized)
 * next to these and keep the provider's untouched object under `raw`.
 */
export interface Tag {
  key: string;
  value: string | null;
}

export interface Asset {
  /** Globally unique and stable across scans (the provider's ARN form where it has one). */
  id: string;
  /** The GraphQL type name of the asset, e.g. `AlibabaActionTrail`. */
  type: string;
  provider: string;
  accountId: string;
  region: string | null;
  name: string | null;
  tags: Tag[];
  /** The provider's response object, as returned (for anything the typed fields do not cover). */
  raw?: unknown;
  [field: string]: unknown;
}

/** A directed, labelled relation; the label is the schema field that follows it (e.g. `ossBucket`). */
export interface Edge {
  from: string;
  label: string;
  to: string;
}
