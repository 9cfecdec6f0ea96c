// Unit-file parser that reads text the way Podman's Quadlet generator does (pkg/systemd/parser),
// but never stops at the first problem and keeps exact ranges for everything.
//
// Generator behaviour mirrored here: lines are split on "\n" and trimmed with Go's notion of
// whitespace (so "\r" goes, a BOM stays); "#"/";" lines and blank lines are comments; a line ending
// in "\" continues on the next one, the backslash is dropped and the pieces are concatenated as
// trimmed, comment lines inside a continuation are skipped; "[Name]" may only be followed by blanks;
// "Key=Value" needs a non-empty key and takes the first "=" as separator.

import { Entry, Range, Section, Segment, UnitDocument, lineRange, rangeInSegments } from './model';
import { NO_LINES, NO_SUPPRESSIONS, parseSuppression, applySuppression, emptySuppressions } from './suppressions';
import { TemplateScanner } from './template';

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

interface LogicalLine {
  text: string;
  segments: Segment[];
  line: number;
  endLine: number;
}

function trimmed(line: string): { start: number; end: number } {
  let start = 0;
  let end = line.length;
  while (start < end && isGoSpace(line.charCodeAt(start))) start++;
  while (end > start && isGoSpace(line.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isCommentText(t: string): boolean {
  return t.length === 0 || t[0] === '#' || t[0] === ';';
}

function joinPieces(pieces: Piece[]): LogicalLine {
  const segments: Segment[] = [];
  let text = '';
  for (const p of pieces) {
    segments.push({ offset: text.length, length: p.text.length, line: p.line, character: p.start });
    text += p.text;
  }
  return { text, segments, line: pieces[0].line, endLine: pieces[pieces.length - 1].line };
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

export function parseUnit(text: string, options: ParseOptions = {}): UnitDocument {
  const lines = splitLines(text);
  const firstLine = options.firstLine ?? 0;
  const lastLine = Math.min(options.lastLine ?? lines.length - 1, lines.length - 1);
  const doc: UnitDocument = {
    text,
    lines,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    sections: [],
    entries: [],
    comments: [],
    issues: [],
    suppressions: NO_SUPPRESSIONS,
    templateLines: NO_LINES,
    firstLine,
    lastLine,
  };
  // A file's last "\n" does not start another line for Podman (strings.TrimSuffix(data, "\n")).
  const effectiveLast = lastLine === lines.length - 1 && lines[lastLine] === '' && lastLine > firstLine ? lastLine - 1 : lastLine;
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

  for (let n = firstLine; n <= effectiveLast; n++) {
    const raw = lines[n];
    // The BOM is reported once above; parse the rest of the first line as if it were not there.
    const offset = n === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    const { start, end } = trimmed(offset ? raw.slice(1) : raw);
    const s = start + offset;
    const e = end + offset;
    const t = raw.slice(s, e);

    if (template && pending.length === 0 && template.consumesLine(t)) {
      if (doc.templateLines === NO_LINES) doc.templateLines = new Set();
      doc.templateLines.add(n);
      continue;
    }
    if (isCommentText(t)) {
      if (t.length > 0) {
        doc.comments.push({ text: t, range: lineRange(n, s, e), insideContinuation: pending.length > 0 });
        const sup = parseSuppression(t);
        if (sup && doc.suppressions === NO_SUPPRESSIONS) doc.suppressions = emptySuppressions();
        if (sup?.scope === 'file') for (const c of sup.codes) doc.suppressions.file.add(c);
        else if (sup?.scope === 'next-line') pendingNextLine.push(sup.codes);
      }
      continue;
    }
    if (t.endsWith('\\') && n !== effectiveLast) {
      pending.push({ line: n, start: s, text: t.slice(0, -1) });
      continue;
    }
    pending.push({ line: n, start: s, text: t.endsWith('\\') ? t.slice(0, -1) : t });
    const logical = joinPieces(pending);
    pending = [];
    for (const codes of pendingNextLine.splice(0)) {
      if (doc.suppressions === NO_SUPPRESSIONS) doc.suppressions = emptySuppressions();
      applySuppression(doc.suppressions, logical.line, logical.endLine, codes);
    }

    const kind = classify(logical.text);
    if (kind === 'group') {
      closeSectionAt(logical.line - 1);
      current = parseHeader(logical, doc);
      continue;
    }
    if (kind === 'entry') {
      const entry = parseEntry(logical, doc, current, !!template);
      if (entry && current) {
        current.entries.push(entry);
        doc.entries.push(entry);
        current.endLine = logical.endLine;
      }
      continue;
    }
    doc.issues.push({
      kind: 'not-key-value',
      range: rangeInSegments(logical.segments, 0, logical.text.length),
      message: `This line is not a section header, a Key=Value pair or a comment: Podman refuses the whole file.`,
    });
  }
  closeSectionAt(effectiveLast);
  return doc;
}

function classify(t: string): 'group' | 'entry' | 'other' {
  if (t[0] === '[') {
    const end = t.indexOf(']');
    if (end !== -1) {
      let ok = true;
      for (let i = end + 1; i < t.length; i++) if (t[i] !== ' ' && t[i] !== '\t') ok = false;
      if (ok) return 'group';
    }
  }
  const eq = t.indexOf('=');
  if (eq > 0) return 'entry';
  return 'other';
}

function parseHeader(logical: LogicalLine, doc: UnitDocument): Section {
  const end = logical.text.indexOf(']');
  const name = logical.text.slice(1, end);
  const nameRange = rangeInSegments(logical.segments, 1, end);
  const headerRange = rangeInSegments(logical.segments, 0, end + 1);
  if (name.length === 0 || /[[\u0000-\u001f\u007f-\u009f]/.test(name)) {
    doc.issues.push({
      kind: 'invalid-section-name',
      range: headerRange,
      message: `Invalid section name "${name}": Podman refuses the whole file.`,
    });
  }
  const section: Section = { name, nameRange, headerRange, entries: [], line: logical.line, endLine: logical.endLine };
  doc.sections.push(section);
  return section;
}

function parseEntry(logical: LogicalLine, doc: UnitDocument, current: Section | undefined, template: boolean): Entry | undefined {
  const t = logical.text;
  const eq = t.indexOf('=');
  let keyEnd = eq;
  while (keyEnd > 0 && isGoSpace(t.charCodeAt(keyEnd - 1))) keyEnd--;
  const key = t.slice(0, keyEnd);
  let valueStart = eq + 1;
  while (valueStart < t.length && isGoSpace(t.charCodeAt(valueStart))) valueStart++;
  const value = t.slice(valueStart);
  if (!current) {
    doc.issues.push({
      kind: 'key-outside-section',
      range: rangeInSegments(logical.segments, 0, keyEnd),
      message: `"${key}=" comes before any [Section] header: Podman refuses the whole file. Move it into a section.`,
    });
    return undefined;
  }
  if (key.length === 0 || key[0] === ' ' || key[key.length - 1] === ' ') {
    doc.issues.push({ kind: 'invalid-key-name', range: rangeInSegments(logical.segments, 0, keyEnd), message: `Invalid key name "${key}": Podman refuses the whole file.` });
    return undefined;
  }
  return new ParsedEntry(key, value, current, logical, keyEnd, eq, valueStart, template && (t.includes('{{') || t.includes('{%')));
}

/**
 * An entry whose ranges are computed on first use. A 10,000-file workspace holds ~250,000 entries
 * and rules read the ranges of the few they report on: building every range up front was a third
 * of the parser's allocations and of the index's memory.
 */
class ParsedEntry implements Entry {
  readonly line: number;
  readonly endLine: number;
  /** The logical line's segments; a lone segment is kept without its array (most entries are one line). */
  private readonly pieces: Segment | Segment[];
  private keyRangeValue?: Range;
  private eqRangeValue?: Range;
  private valueRangeValue?: Range;
  private valueSegmentsValue?: Segment[];

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
    this.pieces = logical.segments.length === 1 ? logical.segments[0] : logical.segments;
    this.line = logical.line;
    this.endLine = logical.endLine;
  }

  private get segments(): Segment[] {
    return Array.isArray(this.pieces) ? this.pieces : [this.pieces];
  }

  get keyRange(): Range {
    return (this.keyRangeValue ??= rangeInSegments(this.segments, 0, this.keyEnd));
  }

  get eqRange(): Range {
    return (this.eqRangeValue ??= rangeInSegments(this.segments, this.eq, this.eq + 1));
  }

  get valueRange(): Range {
    const end = this.valueStart + this.value.length;
    return (this.valueRangeValue ??= this.value.length > 0 ? rangeInSegments(this.segments, this.valueStart, end) : rangeInSegments(this.segments, this.eq + 1, this.eq + 1));
  }

  get valueSegments(): Segment[] {
    return (this.valueSegmentsValue ??= sliceSegments(this.segments, this.valueStart));
  }
}

