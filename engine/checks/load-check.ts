import type { ValidateFunction } from 'ajv';
import {
  GraphQLError,
  Kind,
  parse,
  print,
  Source,
  TypeInfo,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { AssayError } from '../errors/assay-error.js';
import { suggest } from '../errors/suggest.js';
import type { AssaySchema } from '../schema/build-schema.js';
import { compileWhere } from '../filters/compile-where.js';
import { compileJsonata, type CompiledJsonata } from '../jsonata/guarded-jsonata.js';
import { parseExpectation } from '../expectations/parse-expectation.js';
import type { Expectation } from '../expectations/expectation.js';
import { CheckHeader } from './check-header.js';
import { yamlLibrary } from '../yaml/read-yaml.js';
import { checkMetadataSchema, METADATA_KEYS } from './metadata-schema.js';
import { collectReads, emptyReadSet } from './read-set.js';
import { MAX_QUERY_NESTING, tooDeeplyNested } from './query-nesting.js';
import type { CheckDefinition, CheckMetadata, ReasonTemplate } from './check-definition.js';
import { validateMetadata as generatedMetadataValidator } from './metadata-validator.generated.js';

// checkMetadataSchema, compiled ahead (npm run generate:validators; a test keeps the two in step).
const validateMetadata = generatedMetadataValidator as unknown as ValidateFunction;

export interface CheckLoadResult {
  check?: CheckDefinition;
  errors: AssayError[];
}

/**
 * Loads one check file: YAML header against the metadata schema, the query against the GraphQL
 * schema (including its literal where-filters), the expectation, scope and reason. Every error
 * names file:line:col; a file with errors yields no check.
 */
export function loadCheckSource(file: string, source: string, assay: AssaySchema): CheckLoadResult {
  const at = (code: string, message: string, pos?: { line: number; column: number }, suggestions?: string[]): AssayError =>
    new AssayError(code, message, { file, line: pos?.line, column: pos?.column, source, suggestions });

  // 1. Header.
  const header = CheckHeader.read(source);
  const read = header.readValue();
  if ('error' in read) {
    return { errors: [at('CHECK_METADATA', `Invalid YAML in the header: ${read.error}`, read.position)] };
  }
  const metadata = read.value as CheckMetadata | null;
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return {
      errors: [at('CHECK_METADATA', 'The file has no metadata header: start it with "# id: ...", "# title: ...", "# severity: ...", "# expect: ...".', { line: 1, column: 1 })],
    };
  }
  if (!validateMetadata(metadata)) {
    return { errors: metadataErrors(validateMetadata.errors ?? [], header, at) };
  }
  const base = { metadata, file, source, reads: emptyReadSet() };
  if (metadata.manual) return { check: base, errors: [] };

  // 2. Query. Nesting is bounded first: parsing and everything after it recurse per level.
  const deep = tooDeeplyNested(source);
  if (deep) {
    return {
      errors: [at('CHECK_QUERY_INVALID', `The query nests deeper than ${MAX_QUERY_NESTING} levels of { }, [ ] and ( ) here; a check query may nest at most ${MAX_QUERY_NESTING}.`, deep)],
    };
  }
  let document: DocumentNode;
  try {
    document = parse(new Source(source, file));
  } catch (error) {
    return { errors: [fromGraphQLError('CHECK_QUERY_SYNTAX', error, at)] };
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0].operation !== 'query' || !operations[0].name) {
    const loc = operations[1]?.loc ?? operations[0]?.loc;
    const pos = loc ? { line: loc.startToken.line, column: loc.startToken.column } : { line: header.startLine, column: 1 };
    return { errors: [at('CHECK_QUERY_INVALID', 'A check has exactly one named query, e.g. "query AlibabaLogging1 { ... }".', pos)] };
  }
  const operation = operations[0];
  // Checks run with no variable values: a variable without a default would match nothing, silently.
  const unbound = (operation.variableDefinitions ?? []).filter((v) => !v.defaultValue);
  if (unbound.length) {
    return {
      errors: unbound.map((v) =>
        at(
          'CHECK_QUERY_INVALID',
          `Query variable $${v.variable.name.value} has no value: checks run with no variables. Give it a default ($${v.variable.name.value}: ${print(v.type)} = ...) or write the value in the query.`,
          v.loc ? { line: v.loc.startToken.line, column: v.loc.startToken.column } : undefined,
        ),
      ),
    };
  }
  document = withSharedFragments(document, assay);
  const invalid = validate(assay.schema, document);
  if (invalid.length) return { errors: invalid.map((e) => fromGraphQLError('CHECK_QUERY_INVALID', e, at)) };
  const filterErrors = precompileFilters(document, assay, at);
  if (filterErrors.length) return { errors: filterErrors };

  const aliases = operation.selectionSet.selections
    .filter((s) => s.kind === Kind.FIELD)
    .map((s) => (s.kind === Kind.FIELD ? (s.alias ?? s.name).value : ''));
  const errors: AssayError[] = [];

  // 3. Expectation.
  let expectation: Expectation | undefined;
  if (metadata.expect === undefined) {
    errors.push(at('CHECK_EXPECTATION', 'Missing "expect:", e.g. "# expect: ' + (aliases[0] ?? 'Alias') + ' eq []".', { line: header.startLine, column: 1 }));
  } else if (typeof metadata.expect === 'string') {
    try {
      expectation = parseExpectation(metadata.expect, aliases);
    } catch (error) {
      const e = error as AssayError;
      errors.push(at(e.code, `Bad expectation "${metadata.expect}": ${e.message}`, shift(valuePosition(header, ['expect']), e.column), e.suggestions));
    }
  } else {
    try {
      expectation = { kind: 'jsonata', expression: compileJsonata(metadata.expect.jsonata, assay.jsonataLimits), text: metadata.expect.jsonata };
    } catch (error) {
      const e = error as AssayError;
      errors.push(at('CHECK_EXPECTATION', `Bad JSONata expectation: ${e.message}`, shift(valuePosition(header, ['expect', 'jsonata']), e.column)));
    }
  }

  // 4. Scope: an alias of the query, or a root field (with arguments) queried on its own.
  let scopeAlias: string | undefined;
  let scopeDocument: DocumentNode | undefined;
  let scopeType: string | undefined;
  if (metadata.scope !== undefined) {
    if (aliases.includes(metadata.scope)) {
      scopeAlias = metadata.scope;
    } else {
      scopeAlias = 'scope';
      try {
        scopeDocument = scopeQuery(assay, metadata.scope);
        scopeType = bareRootListType(assay, metadata.scope);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const rootFields = Object.keys(assay.schema.getQueryType()?.getFields() ?? {});
        const name = /^\s*(\w+)/.exec(metadata.scope)?.[1] ?? metadata.scope;
        errors.push(
          at('CHECK_SCOPE', `Bad scope "${metadata.scope}": name a query alias (${aliases.join(', ')}) or a root field. ${message}`, valuePosition(header, ['scope']), suggest(name, [...aliases, ...rootFields])),
        );
        scopeDocument = undefined;
      }
    }
  }

  // 5. Which alias lists the violating assets.
  let violationsAlias = metadata.violations;
  if (violationsAlias !== undefined && !aliases.includes(violationsAlias)) {
    errors.push(at('CHECK_METADATA', `"violations: ${violationsAlias}" is not an alias of the query.`, valuePosition(header, ['violations']), suggest(violationsAlias, aliases)));
  }
  if (!violationsAlias && expectation && expectation.kind !== 'jsonata') violationsAlias = expectation.alias;
  if (!violationsAlias) violationsAlias = aliases.find((a) => a !== scopeAlias);

  // 6. Reason.
  let reason: ReasonTemplate | undefined;
  if (typeof metadata.reason === 'string') {
    reason = { kind: 'template', text: metadata.reason };
  } else if (metadata.reason) {
    try {
      const perItem = compileJsonata(metadata.reason.jsonata, assay.jsonataLimits);
      const wrapped = `$map($, function($item) { { "reason": $item.(${metadata.reason.jsonata}) } })`;
      let overList: CompiledJsonata | undefined;
      reason = {
        kind: 'jsonata',
        perItem,
        source: metadata.reason.jsonata,
        // Parsed when the interpreter is needed (the per-item form has no generated code or
        // bails out), not at load: most scans never need it.
        get expression() {
          return (overList ??= compileJsonata(wrapped, assay.jsonataLimits));
        },
      };
    } catch (error) {
      const e = error as AssayError;
      errors.push(at('CHECK_REASON', `Bad JSONata reason: ${e.message}`, shift(valuePosition(header, ['reason', 'jsonata']), e.column)));
    }
  }
  if (errors.length) return { errors };

  const reads = collectReads(assay.schema, assay.model, document);
  if (scopeDocument) collectReads(assay.schema, assay.model, scopeDocument, reads);
  return {
    check: { ...base, document, operation, scopeDocument, scopeAlias, scopeType, expectation, violationsAlias, reason, reads },
    errors: [],
  };
}

type ErrorFactory = (code: string, message: string, pos?: { line: number; column: number }, suggestions?: string[]) => AssayError;

function metadataErrors(errors: NonNullable<typeof validateMetadata.errors>, header: CheckHeader, at: ErrorFactory): AssayError[] {
  const out: AssayError[] = [];
  const seen = new Set<string>();
  // A misspelt key also makes a required key "missing": report the misspelling first.
  const ordered = [...errors].sort((a, b) => rank(a.keyword) - rank(b.keyword));
  for (const error of ordered) {
    const path = error.instancePath.split('/').filter(Boolean);
    let result: AssayError;
    if (error.keyword === 'additionalProperties' && path.length === 0) {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      result = at('CHECK_METADATA', `Unknown header key "${key}".`, header.positionOfKey(key), suggest(key, METADATA_KEYS));
    } else if (error.keyword === 'required') {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      result = at('CHECK_METADATA', `Missing required header key "${key}".`, { line: header.startLine, column: 1 });
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      result = at('CHECK_METADATA', `"${path.join('.')}" must be one of ${allowed.join(', ')}.`, header.positionOfPath(path));
    } else if (error.keyword === 'oneOf' || error.keyword === 'type' && seen.has(path.join('.'))) {
      continue;
    } else {
      result = at('CHECK_METADATA', `"${path.join('.') || 'header'}" ${error.message ?? 'is invalid'}.`, header.positionOfPath(path));
    }
    if (seen.has(path.join('.') + error.keyword)) continue;
    seen.add(path.join('.') + error.keyword);
    seen.add(path.join('.'));
    out.push(result);
  }
  return out;
}

/** Scope queries by schema and scope text, checked once: many checks name the same scope (a third of the CIS pack names alibabaAccounts). */
const scopeQueries = new WeakMap<GraphQLSchema, Map<string, DocumentNode | Error>>();

/** The query of a scope named as a root field: only ids (the runner completes asset references from the graph). Throws its first error. */
function scopeQuery(assay: AssaySchema, scope: string): DocumentNode {
  let bySchema = scopeQueries.get(assay.schema);
  if (!bySchema) scopeQueries.set(assay.schema, (bySchema = new Map()));
  let query = bySchema.get(scope);
  if (!query) {
    try {
      const document = parse(`query Scope { scope: ${scope} { id } }`);
      const [invalid] = validate(assay.schema, document);
      query = invalid ?? document;
    } catch (error) {
      query = error instanceof Error ? error : new Error(String(error));
    }
    bySchema.set(scope, query);
  }
  if (query instanceof Error) throw query;
  return query;
}

/** The asset type a scope lists when it is a bare root list field (no arguments), else undefined. */
function bareRootListType(assay: AssaySchema, scope: string): string | undefined {
  if (!/^\s*[_A-Za-z][_0-9A-Za-z]*\s*$/.test(scope)) return undefined;
  const field = assay.schema.getQueryType()?.getFields()[scope.trim()];
  if (!field || !isListType(getNullableType(field.type))) return undefined;
  const type = assay.model.get(getNamedType(field.type).name);
  return type?.isAsset ? type.name : undefined;
}

function rank(keyword: string): number {
  return keyword === 'additionalProperties' ? 0 : keyword === 'required' ? 2 : 1;
}

/** Appends the shared fragments (e.g. AssetFragment) a query spreads but does not define. */
function withSharedFragments(document: DocumentNode, assay: AssaySchema): DocumentNode {
  const defined = new Set<string>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) defined.add(d.name.value);
  const extra: FragmentDefinitionNode[] = [];
  const pending = [document];
  while (pending.length) {
    const doc = pending.pop()!;
    visit(doc, {
      FragmentSpread(node) {
        const name = node.name.value;
        const shared = assay.fragments.get(name);
        if (defined.has(name) || !shared) return;
        defined.add(name);
        const parsed = parse(new Source(shared.text, shared.source.name));
        for (const d of parsed.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) extra.push(d);
        pending.push(parsed);
      },
    });
  }
  return extra.length ? { ...document, definitions: [...document.definitions, ...extra] } : document;
}

/** Compiles every literal where-argument now, so a bad regex or misplaced jsonata is a load error. */
function precompileFilters(document: DocumentNode, assay: AssaySchema, at: ErrorFactory): AssayError[] {
  const errors: AssayError[] = [];
  const typeInfo = new TypeInfo(assay.schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const arg = typeInfo.getArgument();
        if (!arg || node.name.value !== 'where') return;
        const named = getNamedType(arg.type);
        let hasVariable = false;
        visit(node.value, { Variable() { hasVariable = true; } });
        if (hasVariable || !isInputObjectType(named)) return;
        const target = named.name.replace(/(Where|Filter)$/, '');
        const pos = node.loc ? { line: node.loc.startToken.line, column: node.loc.startToken.column } : undefined;
        try {
          const where = valueFromAST(node.value, arg.type) as Record<string, unknown> | undefined;
          const compiled = compileWhere(assay.model, target, where);
          if (compiled.jsonata) compileJsonata(compiled.jsonata, assay.jsonataLimits);
        } catch (error) {
          const e = error as AssayError;
          errors.push(at(e.code ?? 'FILTER_INVALID', `Bad where-filter: ${e.message}`, pos));
        }
      },
    }),
  );
  return errors;
}

function fromGraphQLError(code: string, error: unknown, at: ErrorFactory): AssayError {
  if (error instanceof GraphQLError) {
    const loc = error.locations?.[0];
    return at(code, error.message, loc ? { line: loc.line, column: loc.column } : undefined);
  }
  return at(code, error instanceof Error ? error.message : String(error));
}

/** Position of a header value's first character (inside quotes for quoted scalars). */
function valuePosition(header: CheckHeader, path: string[]): { line: number; column: number } {
  const pos = header.positionOfPath(path);
  const node = header.yaml.getIn(path, true);
  const { isScalar, Scalar } = yamlLibrary();
  const quoted = isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE);
  return quoted ? { line: pos.line, column: pos.column + 1 } : pos;
}

function shift(origin: { line: number; column: number }, column: number | undefined): { line: number; column: number } {
  return { line: origin.line, column: origin.column + Math.max(0, (column ?? 1) - 1) };
}
