// `duplicate-key`: a single-valued key assigned twice in one file; only the last assignment counts.
// Drop-ins overriding their unit's value are the intended use and are not flagged.

import { Entry } from '../syntax/model';
import { DocumentRule } from './types';
import { checkable, keyInfos } from './util';

export const messages = {
  duplicate: (key: string, line: number) => `${key}= is set again on line ${line}; only the last value counts, so this one is ignored.`,
};

const LINEAR_LIMIT = 64;

export const duplicateKeyRule: DocumentRule = {
  code: 'duplicate-key',
  kind: 'document',
  severity: 'warning',
  summary: 'A single-valued key set twice in one file (the later value wins).',
  check(unit, ctx) {
    if (!checkable(unit)) return;
    // The entry seen last per (section, key), in three parallel arrays: a unit has ~25 keys, which
    // are interned (the search compares pointers), and Maps per unit were garbage.
    const seenKeys: string[] = [];
    const seenSections: string[] = [];
    const seenEntries: Entry[] = [];
    let index: Map<string, number> | undefined;
    const infos = keyInfos(unit);
    for (let i = 0; i < infos.length; i++) {
      const entry = unit.doc.entries[i];
      const info = infos[i];
      if (!info || info.repeatable) continue;
      let earlier: Entry | undefined;
      let at = -1;
      if (index) at = index.get(`${entry.section.name}\u0000${entry.key}`) ?? -1;
      else {
        for (let j = 0; j < seenKeys.length; j++) {
          if (seenKeys[j] === entry.key && seenSections[j] === entry.section.name) {
            at = j;
            break;
          }
        }
      }
      if (at === -1) {
        seenKeys.push(entry.key);
        seenSections.push(entry.section.name);
        seenEntries.push(entry);
        if (index) index.set(`${entry.section.name}\u0000${entry.key}`, seenKeys.length - 1);
        else if (seenKeys.length > LINEAR_LIMIT) {
          // A huge file: a table, so the check stays linear.
          index = new Map(seenKeys.map((k, j) => [`${seenSections[j]}\u0000${k}`, j]));
        }
      } else {
        earlier = seenEntries[at];
        seenEntries[at] = entry;
      }
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
