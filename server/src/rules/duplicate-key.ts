// `duplicate-key`: a single-valued key assigned twice in one file; only the last assignment counts.
// Drop-ins overriding their unit's value are the intended use and are not flagged.

import { Entry } from '../syntax/model';
import { DocumentRule } from './types';
import { checkable, keyInfos } from './util';

export const messages = {
  duplicate: (key: string, line: number) => `${key}= is set again on line ${line}; only the last value counts, so this one is ignored.`,
};

export const duplicateKeyRule: DocumentRule = {
  code: 'duplicate-key',
  kind: 'document',
  severity: 'warning',
  summary: 'A single-valued key set twice in one file (the later value wins).',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    // section name → key → the entry seen last (no composite key string per entry).
    const seen = new Map<string, Map<string, Entry>>();
    const infos = keyInfos(unit);
    for (let i = 0; i < infos.length; i++) {
      const entry = unit.doc.entries[i];
      const info = infos[i];
      if (!info || info.repeatable) continue;
      let inSection = seen.get(entry.section.name);
      if (!inSection) seen.set(entry.section.name, (inSection = new Map()));
      const earlier = inSection.get(entry.key);
      inSection.set(entry.key, entry);
      // An empty assignment is a reset; the idiom "Key=" then "Key=value" is deliberate.
      if (!earlier || earlier.value === '') continue;
      ctx.report({
        unit,
        range: earlier.keyRange,
        message: messages.duplicate(entry.key, entry.line + 1),
        related: [{ file: unit.file.path, range: entry.keyRange, message: 'the value that wins' }],
      });
    }
  },
};
