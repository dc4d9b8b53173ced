/**
 * How deep a check's query may nest `{ }`, `[ ]` and `( )`. graphql-js parses, validates and
 * visits recursively, as do the where-filter compiler and the executor: 5,000 levels end in
 * "Maximum call stack size exceeded" with no position. The bundled checks nest at most 16.
 */
export const MAX_QUERY_NESTING = 100;

/**
 * The line and column of the first bracket that opens a level past `limit`, or undefined. A flat
 * scan of the text (no recursion), skipping comments (the `#` header too) and strings.
 */
export function tooDeeplyNested(source: string, limit = MAX_QUERY_NESTING): { line: number; column: number } | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\n') {
      line++;
      lineStart = i + 1;
    } else if (ch === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else if (ch === '"') {
      const block = source.startsWith('"""', i);
      const close = block ? '"""' : '"';
      for (i += close.length; i < source.length && !source.startsWith(close, i); i++) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      i += close.length - 1;
    } else if (ch === '{' || ch === '[' || ch === '(') {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (ch === '}' || ch === ']' || ch === ')') {
      depth--;
    }
  }
  return undefined;
}
