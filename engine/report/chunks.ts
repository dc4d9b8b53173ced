/**
 * Every report is also a sequence of pieces of text (`render*Chunks`), written one after the other
 * (`assay scan -o FORMAT=FILE` does): the report of a large account is never held as one string,
 * which V8 caps at ~512 MB and which would double a scan's memory.
 */
export type ReportChunks = Generator<string, void, undefined>;

/** The pieces as one string (what the render functions return). */
export function joinChunks(chunks: Iterable<string>): string {
  let text = '';
  for (const chunk of chunks) text += chunk;
  return text;
}

/** Lines as `lines.join('\n')` joins them, a line a piece. */
export function* lineChunks(lines: readonly string[]): ReportChunks {
  for (let i = 0; i < lines.length; i++) yield i < lines.length - 1 ? lines[i] + '\n' : lines[i];
}
