// The document model every later layer reads. Positions are LSP-style: 0-based line and UTF-16
// character (JavaScript string indices are UTF-16 code units, so no conversion is needed).

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Maps a stretch of a logical (continuation-joined) string back to the document. */
export interface Segment {
  /** Offset of this stretch inside the logical string. */
  offset: number;
  length: number;
  line: number;
  character: number;
}

export interface Entry {
  key: string;
  keyRange: Range;
  eqRange: Range;
  /** Value as Podman's parser sees it: continuation lines joined, leading blanks removed, raw quotes kept. */
  value: string;
  valueRange: Range;
  /** Lets rules point at a piece of the value, even across continuation lines. */
  valueSegments: Segment[];
  section: Section;
  /** First and last physical line of the (possibly continued) entry. */
  line: number;
  endLine: number;
  /** The key or value contains template syntax (`{{ … }}`); values are then not checked. */
  templated: boolean;
}

export interface Section {
  name: string;
  nameRange: Range;
  headerRange: Range;
  entries: Entry[];
  line: number;
  /** Last line that belongs to this section (before the next header or the end). */
  endLine: number;
}

export interface Comment {
  text: string;
  range: Range;
  /** Comment lines inside a continued value are skipped by Podman but still shown to the user. */
  insideContinuation: boolean;
}

export type SyntaxIssueKind = 'bom' | 'key-outside-section' | 'not-key-value' | 'invalid-section-name' | 'invalid-key-name' | 'encoding';

export interface SyntaxIssue {
  kind: SyntaxIssueKind;
  range: Range;
  message: string;
}

export interface Suppressions {
  /** Codes disabled for the whole file; contains '*' when every code is. */
  file: Set<string>;
  /** Line number → codes disabled on that line ('*' = every code). */
  lines: Map<number, Set<string>>;
}

export interface UnitDocument {
  text: string;
  /** Physical lines without their line terminator. */
  lines: string[];
  eol: '\n' | '\r\n';
  sections: Section[];
  entries: Entry[];
  comments: Comment[];
  issues: SyntaxIssue[];
  suppressions: Suppressions;
  /** Lines taken by template statements (`{% … %}`, `{# … #}`, a lone `{{ … }}`), which nothing checks. */
  templateLines: Set<number>;
  /** First and last physical line this model covers (a part of a `.quadlets` file covers a slice). */
  firstLine: number;
  lastLine: number;
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

export function lineRange(line: number, start: number, end: number): Range {
  return range(line, start, line, end);
}

/** Range of `[start, end)` of a logical string described by segments. */
export function rangeInSegments(segments: Segment[], start: number, end: number): Range {
  const from = positionInSegments(segments, start, false);
  const to = positionInSegments(segments, Math.max(start, end), true);
  return { start: from, end: to };
}

function positionInSegments(segments: Segment[], offset: number, isEnd: boolean): Position {
  if (segments.length === 0) return { line: 0, character: 0 };
  for (const s of segments) {
    const inside = isEnd ? offset > s.offset && offset <= s.offset + s.length : offset >= s.offset && offset < s.offset + s.length;
    if (inside) return { line: s.line, character: s.character + (offset - s.offset) };
  }
  const last = segments[segments.length - 1];
  if (offset <= segments[0].offset) return { line: segments[0].line, character: segments[0].character };
  return { line: last.line, character: last.character + last.length };
}

/** Range of a piece of an entry's value, given as offsets into `entry.value`. */
export function valuePieceRange(entry: Entry, start: number, end: number): Range {
  if (entry.value.length === 0) return entry.valueRange;
  return rangeInSegments(entry.valueSegments, start, end);
}

export function containsPosition(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}
