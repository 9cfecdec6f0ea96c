// The outline of a unit file: document symbols (sections → keys, the main section showing the
// generated unit name), folding ranges (sections, continued values, comment blocks) and selection
// ranges (word → value → entry → section → whole unit).

import { isQuadletType, MAIN_SECTION } from '../catalog/filetypes';
import { Entry, Position, Range, Section, containsPosition, lineRange, valuePieceRange } from '../syntax/model';
import { splitLines } from '../syntax/parser';
import { ParsedUnit, SourceFile } from '../workspace/files';
import { WorkspaceIndex } from '../workspace/index';
import { valueOffsetAt } from './locate';
import { describeNames } from './scope-units';
import { generatedNamesOf } from './references';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: 'file' | 'section' | 'key';
  range: Range;
  selectionRange: Range;
  children?: DocumentSymbol[];
}

export interface FoldingRange {
  startLine: number;
  endLine: number;
  kind?: 'comment' | 'region';
}

export interface SelectionRange {
  range: Range;
  parent?: SelectionRange;
}

/** Last line of a section's last entry: blank lines and the comments above the next header stay outside. */
function sectionEnd(section: Section): number {
  const last = section.entries[section.entries.length - 1];
  // No entries: the header's own last line (a header joined from continuation lines starts later than section.line).
  return last ? last.endLine : section.headerRange.end.line;
}

function entryRange(e: Entry, lines: string[]): Range {
  return { start: e.keyRange.start, end: { line: e.endLine, character: lines[e.endLine]?.length ?? 0 } };
}

function sectionRange(s: Section, lines: string[]): Range {
  const end = sectionEnd(s);
  return { start: s.headerRange.start, end: { line: end, character: lines[end]?.length ?? 0 } };
}

function unitSymbols(unit: ParsedUnit, index: WorkspaceIndex, version: string, showNames = true): DocumentSymbol[] {
  const lines = unit.doc.lines;
  const main = isQuadletType(unit.type) && unit.identity.kind !== 'dropin' ? MAIN_SECTION[unit.type] : undefined;
  const names = main && showNames ? describeNames(generatedNamesOf({ index, podmanVersion: version }, unit)) || undefined : undefined;
  return unit.doc.sections.map((s) => ({
    name: `[${s.name}]`,
    detail: s.name === main ? names : undefined,
    kind: 'section' as const,
    range: sectionRange(s, lines),
    selectionRange: s.nameRange,
    children: s.entries.map((e) => ({
      name: e.key,
      detail: e.value.length > 60 ? `${e.value.slice(0, 57)}…` : e.value,
      kind: 'key' as const,
      range: entryRange(e, lines),
      selectionRange: e.keyRange,
    })),
  }));
}

export function documentSymbols(file: SourceFile, index: WorkspaceIndex, version: string): DocumentSymbol[] {
  const units = file.units();
  if (file.identity.kind !== 'quadlets') return units.flatMap((u) => unitSymbols(u, index, version));
  // A `.quadlets` file: one symbol per part, named by its FileName.
  return units.map((u) => {
    const lines = u.doc.lines;
    const range = { start: { line: u.doc.firstLine, character: 0 }, end: { line: u.doc.lastLine, character: lines[u.doc.lastLine]?.length ?? 0 } };
    const names = describeNames(generatedNamesOf({ index, podmanVersion: version }, u)) || undefined;
    return { name: u.name, detail: names, kind: 'file' as const, range, selectionRange: u.part?.fileNameRange ?? lineRange(u.doc.firstLine, 0, 0), children: unitSymbols(u, index, version, false) };
  });
}

export function foldingRanges(file: SourceFile): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const unit of file.units()) {
    for (const s of unit.doc.sections) {
      const end = sectionEnd(s);
      if (end > s.line) out.push({ startLine: s.line, endLine: end, kind: 'region' });
    }
    for (const e of unit.doc.entries) if (e.endLine > e.line) out.push({ startLine: e.line, endLine: e.endLine });
    // Runs of two or more comment lines outside continuations.
    let start = -1;
    const comments = unit.doc.comments.filter((c) => !c.insideContinuation).map((c) => c.range.start.line);
    comments.forEach((line, i) => {
      if (start === -1) start = line;
      if (comments[i + 1] !== line + 1) {
        if (line > start) out.push({ startLine: start, endLine: line, kind: 'comment' });
        start = -1;
      }
    });
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function chain(ranges: Range[]): SelectionRange | undefined {
  let parent: SelectionRange | undefined;
  for (const range of ranges.reverse()) parent = { range, parent };
  return parent;
}

/** Selection ranges from innermost to outermost for each position. */
export function selectionRanges(file: SourceFile, positions: Position[]): SelectionRange[] {
  const text = file.text;
  const all = splitLines(text);
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: all.length - 1, character: all[all.length - 1].length } };
  return positions.map((p) => {
    const ranges: Range[] = [];
    const unit = file.units().find((u) => u.doc.firstLine <= p.line && p.line <= u.doc.lastLine);
    const doc = unit?.doc;
    const entry = doc?.entries.find((e) => e.line <= p.line && p.line <= e.endLine);
    const section = doc?.sections.filter((s) => s.line <= p.line && p.line <= s.endLine).pop();
    if (entry) {
      if (containsPosition(entry.keyRange, p)) ranges.push(entry.keyRange);
      else if (entry.value) {
        const offset = valueOffsetAt(entry, p);
        let s = offset;
        while (s > 0 && !/\s/.test(entry.value[s - 1])) s--;
        let e = offset;
        while (e < entry.value.length && !/\s/.test(entry.value[e])) e++;
        if (e > s && (s > 0 || e < entry.value.length)) ranges.push(valuePieceRange(entry, s, e));
        ranges.push(entry.valueRange);
      }
      ranges.push(entryRange(entry, all));
    }
    if (section) ranges.push(sectionRange(section, all));
    if (unit && file.identity.kind === 'quadlets') ranges.push({ start: { line: unit.doc.firstLine, character: 0 }, end: { line: unit.doc.lastLine, character: all[unit.doc.lastLine]?.length ?? 0 } });
    ranges.push(whole);
    const distinct = ranges.filter((r, i) => i === 0 || JSON.stringify(r) !== JSON.stringify(ranges[i - 1]));
    return chain(distinct) ?? { range: whole };
  });
}
