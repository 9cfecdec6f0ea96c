// Quick fixes of `hardening`: one action per missing line (ReadOnly=true, NoNewPrivileges=true,
// DropCapability=ALL), each adding it at the end of the file's [Container] section, or changing the
// value when the file already sets that key to something else (ReadOnly=false).

import { HARDENING_LINES } from '../../rules/hardening';
import { Position, Section } from '../../syntax/model';
import { ParsedUnit } from '../../workspace/files';
import { CodeAction, TextEdit } from '../edits';
import type { FixContext } from '../quick-fixes';

function endOfLine(unit: ParsedUnit, line: number): Position {
  return { line, character: unit.doc.lines[line]?.length ?? 0 };
}

function edit(unit: ParsedUnit, section: Section, key: string, value: string): TextEdit {
  const existing = key === 'DropCapability' ? undefined : section.entries.filter((e) => e.key === key).pop();
  if (existing) return { range: existing.valueRange, newText: value };
  const last = section.entries[section.entries.length - 1];
  const at = endOfLine(unit, last ? last.endLine : section.line);
  return { range: { start: at, end: at }, newText: `${unit.doc.eol}${key}=${value}` };
}

export function hardeningFixes({ diagnostic, file }: FixContext): CodeAction[] {
  const given = diagnostic.data?.missing;
  const missing = Array.isArray(given) ? HARDENING_LINES.filter((l) => given.includes(l.key)) : HARDENING_LINES;
  for (const unit of file.units()) {
    const section = unit.doc.sections.find((s) => s.name === 'Container' && s.line === diagnostic.range.start.line);
    if (!section) continue;
    return missing.map((l) => ({
      title: `Add ${l.key}=${l.value}`,
      kind: 'quickfix' as const,
      fixes: ['hardening'],
      change: { changes: [{ kind: 'edit' as const, path: file.path, edits: [edit(unit, section, l.key, l.value)] }] },
    }));
  }
  return [];
}
