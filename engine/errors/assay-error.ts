/**
 * The one error type of Assay. Like graphql-js' GraphQLError it can carry a source position,
 * an excerpt with a caret, and "did you mean" suggestions. Library code throws or returns these;
 * only the CLI turns them into exit codes.
 */
export type AssayErrorCode =
  | 'CHECK_READ'
  | 'CHECK_METADATA'
  | 'CHECK_QUERY_SYNTAX'
  | 'CHECK_QUERY_INVALID'
  | 'CHECK_EXPECTATION'
  | 'CHECK_SCOPE'
  | 'CHECK_REASON'
  | 'DUPLICATE_CHECK_ID'
  | 'UNKNOWN_CHECK_ID'
  | 'SCHEMA_INVALID'
  | 'FILTER_INVALID'
  | 'JSONATA_INVALID'
  | 'JSONATA_LIMIT'
  | 'JSONATA_RUNTIME'
  | 'REGEX_INVALID'
  | 'QUERY_FAILED'
  | 'DATA_GAP'
  | 'DUPLICATE_ASSET'
  | 'SNAPSHOT_READ'
  | 'SNAPSHOT_INVALID'
  /** An input file is larger than a limit (--max-input-mb, --max-line-mb, --max-assets, --max-exceptions-mb). */
  | 'INPUT_LIMIT'
  /** An input file does not fit the Node.js heap (--max-old-space-size). */
  | 'INPUT_MEMORY'
  | 'SCAN_RESULT_INVALID'
  | 'EXCEPTIONS_INVALID'
  | 'USAGE'
  /** A custom Alibaba endpoint that is not a usable URL, or plain HTTP to a host that is not loopback. */
  | 'ENDPOINT_INVALID'
  | 'ENDPOINT_INSECURE'
  /** NODE_DEBUG turns on node's networking logs, which print request headers (credentials). */
  | 'UNSAFE_DEBUG_ENV'
  | (string & {});

export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
  /** The full source text the position points into, used to render an excerpt. */
  source?: string;
}

export interface AssayErrorOptions extends SourcePosition {
  suggestions?: string[];
  cause?: unknown;
  /** Further problems found in the same input, reported after this one (each with its own position). */
  more?: AssayError[];
}

export class AssayError extends Error {
  override readonly name = 'AssayError';
  readonly code: AssayErrorCode;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly excerpt?: string;
  readonly suggestions: string[];
  readonly more: AssayError[];

  constructor(code: AssayErrorCode, message: string, options: AssayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.suggestions = options.suggestions ?? [];
    this.more = options.more ?? [];
    if (options.source !== undefined && options.line !== undefined) {
      this.excerpt = excerptAt(options.source, options.line, options.column ?? 1);
    }
  }

  /** `file:line:col` (as much of it as is known), or undefined. */
  get location(): string | undefined {
    if (!this.file) return undefined;
    if (this.line === undefined) return this.file;
    return `${this.file}:${this.line}:${this.column ?? 1}`;
  }

  /** The message as a person reads it: location, code, text, suggestions, excerpt; then the further problems. */
  format(): string {
    const head = `${this.location ? `${this.location}: ` : ''}${this.message} [${this.code}]`;
    const hint = this.suggestions.length ? `\n  Did you mean ${orList(this.suggestions.map((s) => `"${s}"`))}?` : '';
    const excerpt = this.excerpt ? `\n${this.excerpt}` : '';
    return head + hint + excerpt + this.more.map((e) => `\n${e.format()}`).join('');
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      file: this.file,
      line: this.line,
      column: this.column,
      suggestions: this.suggestions.length ? this.suggestions : undefined,
      more: this.more.length ? this.more.map((e) => e.toJSON()) : undefined,
    };
  }
}

/** A two-line excerpt: the numbered source line and a caret under the column. */
export function excerptAt(source: string, line: number, column: number): string | undefined {
  const lines = source.split(/\r?\n/);
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const gutter = `${line} | `;
  return `${gutter}${text}\n${' '.repeat(gutter.length + Math.max(0, column - 1))}^`;
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

export function isAssayError(value: unknown): value is AssayError {
  return value instanceof AssayError;
}
