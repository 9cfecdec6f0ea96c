// What is under the cursor: a section header being typed, a key, a value (with the offset inside
// the logical, continuation-joined value), or nothing to help with. Completion and hover share it.
// Half-typed lines are read from the raw text, because the parser cannot make an entry of them.

import { Entry, Position, Range, Section, lineRange, valuePieceRange } from '../syntax/model';
import { splitLines } from '../syntax/parser';
import { ParsedUnit, SourceFile } from '../workspace/files';

export type Place =
  | { kind: 'empty-file' }
  /** A comment, a template line, a `---` separator, a key before any section with a value… */
  | { kind: 'none' }
  /** `[Na|` or `[Name|]`: range covers `[` up to and including `]` when present. */
  | { kind: 'section'; range: Range; prefix: string; section?: Section }
  /** A key being typed (no `=` yet), or the key of an existing entry. */
  | { kind: 'key'; range: Range; prefix: string; section?: Section; entry?: Entry }
  /** `pastEnd`: the cursor is in blanks after the value's text on its line (`Key=a b |`). */
  | { kind: 'value'; section: Section; entry: Entry; offset: number; pastEnd: boolean };

export interface Located {
  file: SourceFile;
  /** The unit (a `.quadlets` part, or the whole file) holding the line. */
  unit?: ParsedUnit;
  position: Position;
  lineText: string;
  place: Place;
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Offset in `entry.value` of a document position on one of the entry's lines. */
export function valueOffsetAt(entry: Entry, position: Position): number {
  let best: number | undefined;
  for (const s of entry.valueSegments) {
    if (s.line !== position.line || s.character > position.character) continue;
    best = Math.min(s.offset + s.length, s.offset + (position.character - s.character));
  }
  if (best !== undefined) return best;
  return position.line === entry.line ? 0 : entry.value.length;
}

/** Range of `[start, end)` of an entry's value for a completion edit: on the cursor's line, never empty-and-elsewhere. */
export function editRange(entry: Entry, start: number, end: number, position: Position): Range {
  if (start >= end) return { start: position, end: position };
  const r = valuePieceRange(entry, start, end);
  if (r.start.line !== position.line || r.end.line !== position.line) return { start: position, end: position };
  return r;
}

export function sectionAt(unit: ParsedUnit, line: number): Section | undefined {
  let found: Section | undefined;
  for (const s of unit.doc.sections) if (s.line <= line) found = s;
  return found;
}

export function locate(file: SourceFile, position: Position): Located {
  const lines = splitLines(file.text);
  const lineText = lines[position.line] ?? '';
  const base = { file, position, lineText };
  if (file.text.replace(/^\uFEFF/, '').trim() === '') return { ...base, place: { kind: 'empty-file' } };
  const unit = file.units().find((u) => u.doc.firstLine <= position.line && position.line <= u.doc.lastLine);
  if (!unit || unit.doc.templateLines.has(position.line)) return { ...base, unit, place: { kind: 'none' } };
  const doc = unit.doc;

  const entry = doc.entries.find((e) => e.line <= position.line && position.line <= e.endLine);
  if (entry) {
    const eq = entry.eqRange.end;
    const afterEq = position.line > eq.line || (position.line === eq.line && position.character >= eq.character);
    if (afterEq) {
      const onLine = entry.valueSegments.filter((seg) => seg.line === position.line);
      const last = onLine[onLine.length - 1];
      const pastEnd = !!last && last.length > 0 && position.character > last.character + last.length;
      // In the blanks between "=" and the value's text there is nothing to complete or explain.
      const first = entry.valueSegments.find((seg) => seg.length > 0);
      if (first && first.line === position.line && position.character < first.character) return { ...base, unit, place: { kind: 'none' } };
      return { ...base, unit, place: { kind: 'value', section: entry.section, entry, offset: valueOffsetAt(entry, position), pastEnd } };
    }
    // Between the key and "=" (`Key | = value`) there is nothing to complete.
    const onKey = entry.keyRange.start.line === position.line && entry.keyRange.end.line === position.line && position.character >= entry.keyRange.start.character && position.character <= entry.keyRange.end.character;
    if (onKey) {
      const prefix = lineText.slice(entry.keyRange.start.character, position.character);
      return { ...base, unit, place: { kind: 'key', range: entry.keyRange, prefix, section: entry.section, entry } };
    }
    return { ...base, unit, place: { kind: 'none' } };
  }

  let start = 0;
  while (isBlank(lineText[start])) start++;
  const first = lineText[start];
  if (first === '#' || first === ';' || (lineText.trim() === '---' && file.identity.kind === 'quadlets')) return { ...base, unit, place: { kind: 'none' } };
  const section = sectionAt(unit, position.line);
  if (first === '[' && position.character > start) {
    const close = lineText.indexOf(']', start);
    let end = close === -1 ? lineText.length : close + 1;
    while (close === -1 && end > start && isBlank(lineText[end - 1])) end--;
    const prefix = lineText.slice(start + 1, Math.max(start + 1, position.character));
    const current = section && section.line === position.line ? section : undefined;
    return { ...base, unit, place: { kind: 'section', range: lineRange(position.line, start, Math.max(end, position.character)), prefix, section: current } };
  }
  if (lineText.slice(0, position.character).includes('=')) return { ...base, unit, place: { kind: 'none' } };
  const from = Math.min(start, position.character);
  let end = position.character;
  while (end < lineText.length && !isBlank(lineText[end]) && lineText[end] !== '=') end++;
  return { ...base, unit, place: { kind: 'key', range: lineRange(position.line, from, end), prefix: lineText.slice(from, position.character), section } };
}
