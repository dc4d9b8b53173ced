import type { Document, LineCounter } from 'yaml';
import { quickLoad, yamlLibrary } from '../yaml/read-yaml.js';

/**
 * The metadata header of a check file: the leading `#` comment lines, read as YAML. Keeps enough
 * to map a YAML position back to file:line:col (each header line lost its `#` prefix).
 */
export class CheckHeader {
  /** The header's YAML text, without the `#` prefixes. */
  readonly text: string;
  /** File line (1-based) of the first header line. */
  private readonly firstLine: number;
  /** Characters removed from the start of each header line. */
  private readonly prefixes: number[];
  private parsed?: { document: Document; counter: LineCounter };

  private constructor(text: string, firstLine: number, prefixes: number[]) {
    this.text = text;
    this.firstLine = firstLine;
    this.prefixes = prefixes;
  }

  /** The header's value, or the first line of its first YAML error and where it is (js-yaml first: read-yaml.ts). */
  readValue(): { value: unknown } | { error: string; position: { line: number; column: number } } {
    const quick = quickLoad(this.text);
    if (quick) return quick;
    const [error] = this.yaml.errors;
    if (error) return { error: error.message.split('\n')[0], position: this.positionOf(error.pos[0]) };
    try {
      return { value: this.yaml.toJS() };
    } catch (thrown) {
      // Aliases that expand too far (yaml's maxAliasCount): an error of the header, as in read-yaml.ts.
      return { error: thrown instanceof Error ? thrown.message : String(thrown), position: this.positionOfPath([]) };
    }
  }

  /** The header as a `yaml` Document, with source ranges: parsed the first time a position or an error is needed. */
  get yaml(): Document {
    return this.parse().document;
  }

  private parse(): { document: Document; counter: LineCounter } {
    if (!this.parsed) {
      const { LineCounter, parseDocument } = yamlLibrary();
      const counter = new LineCounter();
      this.parsed = { document: parseDocument(this.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true }), counter };
    }
    return this.parsed;
  }

  /** Reads the header from a check file's text; an empty header when there is none. */
  static read(source: string): CheckHeader {
    const lines = source.split(/\r?\n/);
    let index = 0;
    while (index < lines.length && lines[index].trim() === '') index++;
    const firstLine = index + 1;
    const body: string[] = [];
    const prefixes: number[] = [];
    for (; index < lines.length; index++) {
      const match = /^(\s*#\s?)(.*)$/.exec(lines[index]);
      if (!match) break;
      body.push(match[2]);
      prefixes.push(match[1].length);
    }
    return new CheckHeader(body.join('\n'), firstLine, prefixes);
  }

  /** File position of a character offset inside the YAML text. */
  positionOf(offset: number): { line: number; column: number } {
    const pos = this.parse().counter.linePos(offset);
    return { line: this.firstLine + pos.line - 1, column: pos.col + (this.prefixes[pos.line - 1] ?? 0) };
  }

  /** File position of the value at a path (e.g. ['expect']), or of its key's line, or the header start. */
  positionOfPath(path: Array<string | number>): { line: number; column: number } {
    const node = path.length ? this.yaml.getIn(path, true) : this.yaml.contents;
    if (yamlLibrary().isNode(node) && node.range) return this.positionOf(node.range[0]);
    // A missing key: point at the parent.
    if (path.length > 1) return this.positionOfPath(path.slice(0, -1));
    return { line: this.firstLine, column: 1 };
  }

  /** File position of a key (for unknown-key errors). */
  positionOfKey(key: string): { line: number; column: number } {
    const contents = this.yaml.contents as { items?: Array<{ key: { value?: unknown; range?: [number, number, number] } }> } | null;
    const pair = contents?.items?.find((item) => item.key?.value === key);
    if (pair?.key?.range) return this.positionOf(pair.key.range[0]);
    return { line: this.firstLine, column: 1 };
  }

  /** The first header line's file line number. */
  get startLine(): number {
    return this.firstLine;
  }
}
