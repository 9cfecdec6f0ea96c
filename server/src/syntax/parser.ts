// Unit-file parser that reads text the way Podman's Quadlet generator does (pkg/systemd/parser),
// but never stops at the first problem and keeps exact ranges for everything.
//
// Generator behaviour mirrored here: lines are split on "\n" and trimmed with Go's notion of
// whitespace (so "\r" goes, a BOM stays); "#"/";" lines and blank lines are comments; a line ending
// in "\" continues on the next one, the backslash is dropped and the pieces are concatenated as
// trimmed, comment lines inside a continuation are skipped; "[Name]" may only be followed by blanks;
// "Key=Value" needs a non-empty key and takes the first "=" as separator.

import { Comment, Entry, Range, Section, Segment, SyntaxIssue, UnitDocument, lineRange, rangeInSegments } from './model';
import { NO_LINES, NO_SUPPRESSIONS, parseSuppression, applySuppression, emptySuppressions } from './suppressions';
import { TemplateScanner, hasTemplateExpression } from './template';

export interface ParseOptions {
  /** Jinja-style template file (`*.j2`): template statements are opaque. */
  template?: boolean;
  /** Parse only these physical lines (inclusive), e.g. one part of a `.quadlets` file. */
  firstLine?: number;
  lastLine?: number;
}

// Go's unicode.IsSpace, which Podman uses to trim lines: unlike String.prototype.trim it keeps U+FEFF.
export function isGoSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

export function splitLines(text: string): string[] {
  const raw = text.split('\n');
  return raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

interface Piece {
  line: number;
  start: number;
  text: string;
}

/**
 * A logical line (continuation lines joined), read from `str` between `base` and `end`. A line
 * without continuation is read in place from the document text (no copy, no segment objects);
 * `segments` then describes it on demand.
 */
interface LogicalLine {
  str: string;
  base: number;
  end: number;
  line: number;
  endLine: number;
  /** Column of the first character (single lines). */
  character: number;
  /** Set for joined continuation lines. */
  joined?: Segment[];
}

function segmentsOf(l: LogicalLine): Segment[] {
  return l.joined ?? [{ offset: 0, length: l.end - l.base, line: l.line, character: l.character }];
}

function logicalText(l: LogicalLine): string {
  return l.str.slice(l.base, l.end);
}

function joinPieces(pieces: Piece[]): LogicalLine {
  const segments: Segment[] = [];
  let text = '';
  for (const p of pieces) {
    segments.push({ offset: text.length, length: p.text.length, line: p.line, character: p.start });
    text += p.text;
  }
  return { str: text, base: 0, end: text.length, line: pieces[0].line, endLine: pieces[pieces.length - 1].line, character: pieces[0].start, joined: segments };
}

function sliceSegments(segments: Segment[], from: number): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const end = s.offset + s.length;
    if (end <= from) continue;
    const cut = Math.max(0, from - s.offset);
    out.push({ offset: s.offset + cut - from, length: s.length - cut, line: s.line, character: s.character + cut });
  }
  return out;
}

/** The parsed model; `lines` is split on first use (only reports and editor features read it). */
class ParsedDocument implements UnitDocument {
  private linesValue?: string[];
  readonly eol: '\n' | '\r\n';
  sections: Section[] = [];
  entries: Entry[] = [];
  comments: Comment[] = [];
  issues: SyntaxIssue[] = [];
  suppressions = NO_SUPPRESSIONS;
  templateLines = NO_LINES;

  constructor(
    readonly text: string,
    readonly firstLine: number,
    readonly lastLine: number,
  ) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  get lines(): string[] {
    return (this.linesValue ??= splitLines(this.text));
  }

  /**
   * Arrays filled by push keep room for ~17 more items (V8 grows them that way): a 10,000-file
   * workspace held ~100,000 such arrays, a fifth of its memory. The parsed model keeps exact ones.
   */
  compact(): void {
    this.sections = exact(this.sections);
    this.entries = exact(this.entries);
    this.comments = exact(this.comments);
    this.issues = exact(this.issues);
    for (const s of this.sections) s.entries = exact(s.entries);
  }
}

/** A copy without spare capacity (see ParsedDocument.compact). */
export function exact<T>(list: T[]): T[] {
  return list.slice();
}

const CHAR_CR = 13;
const CHAR_HASH = 35;
const CHAR_SEMICOLON = 59;
const CHAR_BACKSLASH = 92;

/**
 * Parses a unit file. One pass over the text with character codes: lines are not split into an
 * array, and a line without continuation is read in place (it was ~25 µs per 25-line file with
 * per-line strings and objects, and most of the index's garbage).
 */
export function parseUnit(text: string, options: ParseOptions = {}): UnitDocument {
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCount++;
  const firstLine = options.firstLine ?? 0;
  const lastLine = Math.min(options.lastLine ?? lineCount - 1, lineCount - 1);
  const doc = new ParsedDocument(text, firstLine, lastLine);
  // A file's last "\n" does not start another line for Podman (strings.TrimSuffix(data, "\n")).
  const lastStart = text.lastIndexOf('\n') + 1;
  const lastEmpty = lastStart === text.length || (lastStart === text.length - 1 && text.charCodeAt(lastStart) === CHAR_CR);
  const effectiveLast = lastLine === lineCount - 1 && lastEmpty && lastLine > firstLine ? lastLine - 1 : lastLine;
  const template = options.template ? new TemplateScanner() : undefined;
  let current: Section | undefined;
  let pending: Piece[] = [];
  const pendingNextLine: Set<string>[] = [];

  if (firstLine === 0 && text.charCodeAt(0) === 0xfeff) {
    doc.issues.push({
      kind: 'bom',
      range: lineRange(0, 0, 1),
      message: 'The file starts with a UTF-8 byte order mark (BOM); Podman refuses the whole file. Save it as UTF-8 without BOM.',
    });
  }

  const closeSectionAt = (line: number) => {
    if (current) current.endLine = line;
  };

  let pos = 0;
  for (let k = 0; k < firstLine; k++) pos = text.indexOf('\n', pos) + 1;
  for (let n = firstLine; n <= effectiveLast; n++) {
    const lineStart = pos;
    const nl = text.indexOf('\n', pos);
    let lineEnd = nl === -1 ? text.length : nl;
    pos = nl + 1;
    if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CHAR_CR) lineEnd--;
    // The BOM is reported once above; parse the rest of the first line as if it were not there.
    let s = n === 0 && text.charCodeAt(lineStart) === 0xfeff ? lineStart + 1 : lineStart;
    let e = lineEnd;
    while (s < e && isGoSpace(text.charCodeAt(s))) s++;
    while (e > s && isGoSpace(text.charCodeAt(e - 1))) e--;
    const col = s - lineStart;

    if (template && pending.length === 0 && template.consumesLine(text.slice(s, e))) {
      if (doc.templateLines === NO_LINES) doc.templateLines = new Set();
      doc.templateLines.add(n);
      continue;
    }
    const first = s < e ? text.charCodeAt(s) : -1;
    if (first === -1 || first === CHAR_HASH || first === CHAR_SEMICOLON) {
      if (first !== -1) {
        const t = text.slice(s, e);
        doc.comments.push({ text: t, range: lineRange(n, col, e - lineStart), insideContinuation: pending.length > 0 });
        const sup = parseSuppression(t);
        if (sup && doc.suppressions === NO_SUPPRESSIONS) doc.suppressions = emptySuppressions();
        if (sup?.scope === 'file') for (const c of sup.codes) doc.suppressions.file.add(c);
        else if (sup?.scope === 'next-line') pendingNextLine.push(sup.codes);
      }
      continue;
    }
    const continued = text.charCodeAt(e - 1) === CHAR_BACKSLASH;
    if (continued && n !== effectiveLast) {
      pending.push({ line: n, start: col, text: text.slice(s, e - 1) });
      continue;
    }
    const end = continued ? e - 1 : e;
    let logical: LogicalLine;
    if (pending.length === 0) {
      logical = { str: text, base: s, end, line: n, endLine: n, character: col };
    } else {
      pending.push({ line: n, start: col, text: text.slice(s, end) });
      logical = joinPieces(pending);
      pending = [];
    }
    if (pendingNextLine.length) {
      if (doc.suppressions === NO_SUPPRESSIONS) doc.suppressions = emptySuppressions();
      for (const codes of pendingNextLine) applySuppression(doc.suppressions, logical.line, logical.endLine, codes);
      pendingNextLine.length = 0;
    }

    const close = headerEnd(logical);
    if (close !== -1) {
      closeSectionAt(logical.line - 1);
      current = parseHeader(logical, close, doc);
      continue;
    }
    const eq = indexOfIn(logical.str, CHAR_EQ, logical.base, logical.end);
    if (eq > logical.base) {
      const entry = parseEntry(logical, eq - logical.base, doc, current, !!template);
      if (entry && current) {
        current.entries.push(entry);
        doc.entries.push(entry);
        current.endLine = logical.endLine;
      }
      continue;
    }
    doc.issues.push({
      kind: 'not-key-value',
      range: rangeInSegments(segmentsOf(logical), 0, logical.end - logical.base),
      message: `This line is not a section header, a Key=Value pair or a comment: Podman refuses the whole file.`,
    });
  }
  closeSectionAt(effectiveLast);
  doc.compact();
  return doc;
}

/**
 * Keys and section names come from a small vocabulary. Each distinct one is kept once, as an
 * internalized string (property names are), so the many table lookups and comparisons rules make
 * with literal names compare pointers instead of characters. Bounded for hostile files.
 */
const INTERN_LIMIT = 10_000;
let interned = new Map<string, string>();

function intern(s: string): string {
  let canonical = interned.get(s);
  if (canonical === undefined) {
    if (interned.size >= INTERN_LIMIT) interned = new Map();
    canonical = Object.keys({ [s]: 0 })[0];
    interned.set(canonical, canonical);
  }
  return canonical;
}

const CHAR_EQ = 61;
const CHAR_OPEN = 91;
const CHAR_CLOSE = 93;

/** First index of a character in str[from, to), or -1 (bounded: never scans past the line). */
function indexOfIn(str: string, code: number, from: number, to: number): number {
  for (let i = from; i < to; i++) if (str.charCodeAt(i) === code) return i;
  return -1;
}

/** "[Name]" followed only by blanks: the offset of "]" (relative to the line), else -1. */
function headerEnd(l: LogicalLine): number {
  if (l.end === l.base || l.str.charCodeAt(l.base) !== CHAR_OPEN) return -1;
  const close = indexOfIn(l.str, CHAR_CLOSE, l.base, l.end);
  if (close === -1) return -1;
  for (let i = close + 1; i < l.end; i++) {
    const c = l.str.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return -1;
  }
  return close - l.base;
}

function parseHeader(logical: LogicalLine, end: number, doc: UnitDocument): Section {
  const name = intern(logical.str.slice(logical.base + 1, logical.base + end));
  const section = new ParsedSection(name, logical, end);
  if (name.length === 0 || /[[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    doc.issues.push({
      kind: 'invalid-section-name',
      range: section.headerRange,
      message: `Invalid section name "${name}": Podman refuses the whole file.`,
    });
  }
  doc.sections.push(section);
  return section;
}

/** A section whose header ranges are computed on first use (rules read them only to report). */
class ParsedSection implements Section {
  entries: Entry[] = [];
  readonly line: number;
  endLine: number;
  private readonly character: number;
  private readonly joined: Segment[] | undefined;
  private nameRangeValue?: Range;
  private headerRangeValue?: Range;

  constructor(
    readonly name: string,
    logical: LogicalLine,
    /** Offset of "]" in the header line. */
    private readonly close: number,
  ) {
    this.line = logical.line;
    this.endLine = logical.endLine;
    this.character = logical.character;
    this.joined = logical.joined;
  }

  private get segments(): Segment[] {
    return this.joined ?? [{ offset: 0, length: this.close + 1, line: this.line, character: this.character }];
  }

  get nameRange(): Range {
    return (this.nameRangeValue ??= rangeInSegments(this.segments, 1, this.close));
  }

  get headerRange(): Range {
    return (this.headerRangeValue ??= rangeInSegments(this.segments, 0, this.close + 1));
  }
}

function parseEntry(logical: LogicalLine, eq: number, doc: UnitDocument, current: Section | undefined, template: boolean): Entry | undefined {
  const { str, base } = logical;
  const length = logical.end - base;
  let keyEnd = eq;
  while (keyEnd > 0 && isGoSpace(str.charCodeAt(base + keyEnd - 1))) keyEnd--;
  const key = intern(str.slice(base, base + keyEnd));
  let valueStart = eq + 1;
  while (valueStart < length && isGoSpace(str.charCodeAt(base + valueStart))) valueStart++;
  const value = str.slice(base + valueStart, logical.end);
  if (!current) {
    doc.issues.push({
      kind: 'key-outside-section',
      range: rangeInSegments(segmentsOf(logical), 0, keyEnd),
      message: `"${key}=" comes before any [Section] header: Podman refuses the whole file. Move it into a section.`,
    });
    return undefined;
  }
  if (key.length === 0 || key[0] === ' ' || key[key.length - 1] === ' ') {
    doc.issues.push({ kind: 'invalid-key-name', range: rangeInSegments(segmentsOf(logical), 0, keyEnd), message: `Invalid key name "${key}": Podman refuses the whole file.` });
    return undefined;
  }
  const templated = template && hasTemplateExpression(logicalText(logical));
  return new ParsedEntry(key, value, current, logical, keyEnd, eq, valueStart, templated);
}

/**
 * An entry whose ranges are computed on first use. A 10,000-file workspace holds ~250,000 entries
 * and rules read the ranges of the few they report on: building every range up front was a third
 * of the parser's allocations and of the index's memory.
 */
class ParsedEntry implements Entry {
  readonly line: number;
  /** Column of a single-line entry; its segment is built on first use. */
  private readonly character: number;
  /** The segments of an entry joined from continuation lines. */
  private readonly joined: Segment[] | undefined;
  /** Ranges asked for so far (one slot: most entries are never asked). */
  private computed?: { key?: Range; eq?: Range; value?: Range; valueSegments?: Segment[] };

  constructor(
    readonly key: string,
    readonly value: string,
    readonly section: Section,
    logical: LogicalLine,
    private readonly keyEnd: number,
    private readonly eq: number,
    private readonly valueStart: number,
    readonly templated: boolean,
  ) {
    this.character = logical.character;
    this.joined = logical.joined;
    this.line = logical.line;
  }

  get endLine(): number {
    return this.joined ? this.joined[this.joined.length - 1].line : this.line;
  }

  private get segments(): Segment[] {
    return this.joined ?? [{ offset: 0, length: this.valueStart + this.value.length, line: this.line, character: this.character }];
  }

  get keyRange(): Range {
    const c = (this.computed ??= {});
    return (c.key ??= rangeInSegments(this.segments, 0, this.keyEnd));
  }

  get eqRange(): Range {
    const c = (this.computed ??= {});
    return (c.eq ??= rangeInSegments(this.segments, this.eq, this.eq + 1));
  }

  get valueRange(): Range {
    const c = (this.computed ??= {});
    const end = this.valueStart + this.value.length;
    return (c.value ??= this.value.length > 0 ? rangeInSegments(this.segments, this.valueStart, end) : rangeInSegments(this.segments, this.eq + 1, this.eq + 1));
  }

  get valueSegments(): Segment[] {
    const c = (this.computed ??= {});
    return (c.valueSegments ??= sliceSegments(this.segments, this.valueStart));
  }
}
