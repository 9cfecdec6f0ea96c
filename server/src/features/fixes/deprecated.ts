// Replaces a deprecated key by its successor, translating the value where the two differ.

import { containsPosition } from '../../syntax/model';
import { CodeAction, TextEdit } from '../edits';
import type { FixContext } from '../quick-fixes';

function translate(key: string, value: string): { key: string; value: string } | undefined {
  switch (key) {
    case 'RemapUsers':
      if (value === 'auto' || value === 'keep-id') return { key: 'UserNS', value };
      return undefined; // manual maps through UIDMap/GIDMap lines, not a one-line rewrite
    case 'RemapUid':
      return { key: 'UIDMap', value };
    case 'RemapGid':
      return { key: 'GIDMap', value };
    case 'VolatileTmp':
      return { key: 'ReadOnlyTmpfs', value };
    default:
      return undefined;
  }
}

export function deprecatedFixes({ diagnostic, file }: FixContext): CodeAction[] {
  for (const unit of file.units()) {
    const entry = unit.doc.entries.find((e) => containsPosition(e.keyRange, diagnostic.range.start));
    if (!entry) continue;
    const t = translate(entry.key, entry.value);
    if (!t) return [];
    const edits: TextEdit[] = [{ range: entry.keyRange, newText: t.key }];
    if (t.value !== entry.value) edits.push({ range: entry.valueRange, newText: t.value });
    return [{ title: `Replace ${entry.key}= with ${t.key}=`, kind: 'quickfix', fixes: ['deprecated'], isPreferred: true, change: { changes: [{ kind: 'edit', path: file.path, edits }] } }];
  }
  return [];
}
