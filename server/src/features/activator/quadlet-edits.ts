// Minimal edits to a quadlet and its drop-ins: change one value, insert a key into a section, comment a
// line out. Inserts at the same position are merged into one edit, so the result is the same whether an
// LSP client or applyTextEdits applies them. Everything else in the files stays as it is.

import { Entry, Position, Section } from '../../syntax/model';
import { ParsedUnit } from '../../workspace/files';
import { SourcedEntry } from '../../workspace/unit-view';
import { FileChange, TextEdit } from '../edits';

export class QuadletEdits {
  private readonly byFile = new Map<string, { unit: ParsedUnit; edits: TextEdit[] }>();

  private add(unit: ParsedUnit, edit: TextEdit): void {
    const slot = this.byFile.get(unit.file.path) ?? { unit, edits: [] };
    this.byFile.set(unit.file.path, slot);
    const p = edit.range.start;
    const sameInsert = slot.edits.find(
      (e) => e.range.start.line === p.line && e.range.start.character === p.character && e.range.end.line === p.line && e.range.end.character === p.character,
    );
    const isInsert = edit.range.end.line === p.line && edit.range.end.character === p.character;
    if (sameInsert && isInsert) sameInsert.newText += edit.newText;
    else slot.edits.push(edit);
  }

  get empty(): boolean {
    return this.byFile.size === 0;
  }

  setValue({ entry, unit }: SourcedEntry, value: string): void {
    this.add(unit, { range: entry.valueRange, newText: value });
  }

  /** Inserts `Key=value` lines at the end of the last `[section]` of the unit, creating the section if needed. */
  insert(unit: ParsedUnit, section: string, keyLines: string[]): void {
    const doc = unit.doc;
    const eol = doc.eol;
    const target = [...doc.sections].reverse().find((s) => s.name === section);
    if (target) {
      const last = lastLineOf(target);
      this.add(unit, insertAfterLine(unit, last, keyLines.join(eol)));
      return;
    }
    // A new section goes before the first one, as [Unit] usually comes first.
    const first = doc.sections[0];
    const at: Position = first ? { line: first.headerRange.start.line, character: 0 } : { line: doc.firstLine, character: 0 };
    this.add(unit, { range: { start: at, end: at }, newText: [`[${section}]`, ...keyLines, '', ''].join(eol) });
  }

  /** Turns an entry (all its continuation lines) into comments, with a comment saying why above it. */
  commentOut({ entry, unit }: SourcedEntry, why: string): void {
    const eol = unit.doc.eol;
    for (let line = entry.line; line <= entry.endLine; line++) {
      const at: Position = { line, character: 0 };
      this.add(unit, { range: { start: at, end: at }, newText: (line === entry.line ? `# ${why}${eol}` : '') + '# ' });
    }
  }

  changes(): FileChange[] {
    return [...this.byFile.entries()].map(([path, { edits }]) => ({ kind: 'edit', path, edits }));
  }
}

function lastLineOf(section: Section): number {
  const entries = section.entries;
  return entries.length ? Math.max(...entries.map((e: Entry) => e.endLine)) : section.headerRange.end.line;
}

function insertAfterLine(unit: ParsedUnit, line: number, text: string): TextEdit {
  const doc = unit.doc;
  const eol = doc.eol;
  if (line + 1 < doc.lines.length) {
    const at: Position = { line: line + 1, character: 0 };
    return { range: { start: at, end: at }, newText: text + eol };
  }
  // The line is the last one and has no line break.
  const at: Position = { line, character: doc.lines[line].length };
  return { range: { start: at, end: at }, newText: eol + text };
}
