import type { ValidateFunction } from 'ajv';
import type { AssetGraph } from '../../engine/graph/asset-graph.js';
import type { Asset, Edge } from '../../engine/graph/asset.js';
import type { Gap } from '../../engine/graph/gap.js';
import { AssayError } from '../../engine/errors/assay-error.js';
import { tooManyAssets } from './snapshot-limits.js';
import { graphForHeader, SNAPSHOT_FORMAT_VERSION, unsupportedVersion, type Snapshot } from './snapshot-format.js';

type Section = 'assets' | 'edges' | 'gaps';

/** The line that opens each list in the one-record-a-line layout saveSnapshot writes. */
const OPENINGS: ReadonlyArray<[string, Section]> = [['"assets":[', 'assets'], ['],"edges":[', 'edges'], ['],"gaps":[', 'gaps']];
const CLOSING = ']}';

/** True when a first line is the header line of that layout (a document's opening object, cut before its lists). */
export function isHeaderLine(line: string): boolean {
  const text = line.trimEnd();
  return text.startsWith('{"') && text.endsWith(',');
}

export interface SnapshotValidators {
  header: ValidateFunction;
  records: Record<Section, ValidateFunction>;
}

/**
 * Builds a graph from a snapshot fed a line at a time, in the layout saveSnapshot writes: the
 * header, then each list one record a line. Each record is validated as the whole-document schema
 * would; an error names the line. Used for files too large for one string, and for streaming.
 */
export class SnapshotLines {
  private graph: AssetGraph | undefined;
  private line = 0;
  /** -1 before the first list opens; then the list being read; OPENINGS.length once closed. */
  private section = -1;
  private index = 0;

  constructor(
    private readonly validators: SnapshotValidators,
    private readonly file: string,
    /** More assets than this is an INPUT_LIMIT error (--max-assets). */
    private readonly maxAssets = Infinity,
  ) {}

  push(raw: string): void {
    this.line++;
    const text = raw.trimEnd();
    if (!this.graph) return this.header(text);
    if (this.section >= OPENINGS.length) {
      if (text) throw this.invalid('text after the end of the document');
      return;
    }
    if (this.section < 0 || text.startsWith(']')) return this.opening(text);
    this.record(text);
  }

  finish(): AssetGraph {
    if (!this.graph) throw this.invalid('the file is empty');
    if (this.section < OPENINGS.length) {
      throw this.invalid(this.section < 0 ? `expected ${OPENINGS[0][0]}` : `the ${OPENINGS[this.section][1]} list is not closed`);
    }
    return this.graph;
  }

  private header(text: string): void {
    if (!isHeaderLine(text)) throw this.invalid('expected the header object, ending with a comma');
    const header = this.parse(`${text.slice(0, -1)}}`, 'the header');
    const version = (header as { formatVersion?: unknown } | null)?.formatVersion;
    if (version !== SNAPSHOT_FORMAT_VERSION) throw unsupportedVersion(version, this.file);
    const validate = this.validators.header;
    if (!validate(header)) {
      const error = validate.errors![0];
      throw this.invalid(`the header does not match the format at ${error.instancePath || '(top level)'}: ${error.message}`);
    }
    this.graph = graphForHeader(header as Omit<Snapshot, 'assets' | 'edges' | 'gaps'>);
  }

  /** The line that closes one list and opens the next (or ends the document). */
  private opening(text: string): void {
    const next = this.section + 1;
    const expected = next < OPENINGS.length ? OPENINGS[next][0] : CLOSING;
    if (text !== expected) throw this.invalid(`expected ${expected}`);
    this.section = next;
    this.index = 0;
  }

  private record(text: string): void {
    const section = OPENINGS[this.section][1];
    if (section === 'assets' && this.index >= this.maxAssets) throw tooManyAssets(this.file, this.maxAssets, this.line);
    const record = this.parse(text.endsWith(',') ? text.slice(0, -1) : text, `${section}[${this.index}]`);
    const validate = this.validators.records[section];
    if (!validate(record)) {
      const error = validate.errors![0];
      throw this.invalid(`does not match the format at /${section}/${this.index}${error.instancePath}: ${error.message}`);
    }
    const graph = this.graph!;
    try {
      if (section === 'assets') graph.addAsset(record as Asset);
      else if (section === 'edges') graph.addEdge((record as Edge).from, (record as Edge).label, (record as Edge).to);
      else graph.addGap(record as Gap);
    } catch (error) {
      throw this.invalid(`inconsistent: ${(error as Error).message}`);
    }
    this.index++;
  }

  private parse(text: string, what: string): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw this.invalid(`${what} is not valid JSON: ${(error as Error).message}`);
    }
  }

  private invalid(message: string): AssayError {
    return new AssayError(
      'SNAPSHOT_INVALID',
      `Snapshot line ${this.line}: ${message} (a large snapshot is read a record a line, in the layout assay collect writes).`,
      { file: this.file, line: this.line },
    );
  }
}
