/** Names of the generated filter input types, in one place so generation and compilation agree. */
export const whereTypeName = (typeName: string): string => `${typeName}Where`;
export const listFilterTypeName = (typeName: string): string => `${typeName}ListFilter`;
export const scalarFilterTypeName = (typeName: string): string => `${typeName}Filter`;

/** Keys of a `...Where` input that are not schema fields. */
export const WHERE_KEYWORDS = ['and', 'or', 'not', 'jsonata', 'isNull'] as const;

export const SCALAR_OPERATORS = [
  'eq', 'ne', 'in', 'nin', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'matches', 'isNull',
] as const;

export const LIST_QUANTIFIERS = ['some', 'none', 'every', 'isEmpty', 'length'] as const;
