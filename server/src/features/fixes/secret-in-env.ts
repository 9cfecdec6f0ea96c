// Quick fix of `secret-in-env`: replaces the assignment with `Secret=NAME,type=env,target=VAR` in
// one edit. A line that holds only that assignment becomes the Secret= line; otherwise only that
// assignment is removed and the Secret= line is added after it. A value continued over several
// lines is rewritten on one line instead: removing a word from it could leave a trailing "\" that
// would glue the new Secret= line onto the assignments. The value itself is never written anywhere
// (not in the edit, not in the title): the title says which `podman secret create` to run.

import { secretNameFor } from '../../catalog/values/credentials';
import { splitArgs } from '../../catalog/values/lists';
import { PODMAN_NAME } from '../../catalog/values/volume';
import { Entry, Position, Range, valuePieceRange } from '../../syntax/model';
import { maskTemplateExpressions } from '../../syntax/template';
import { Word } from '../../syntax/words';
import { ParsedUnit } from '../../workspace/files';
import { CodeAction, TextEdit } from '../edits';
import type { FixContext } from '../quick-fixes';
import { sameRange } from './ranges';

function endOfLine(unit: ParsedUnit, line: number): Position {
  return { line, character: unit.doc.lines[line]?.length ?? 0 };
}

/** The stretch of a one-line value to delete for one word among several: with the blank before it, else after it. */
function removal(entry: Entry, words: Word[], i: number): Range {
  const w = words[i];
  return i > 0 ? valuePieceRange(entry, words[i - 1].end, w.end) : valuePieceRange(entry, w.start, words[i + 1].start);
}

export function secretInEnvFixes({ diagnostic, file }: FixContext): CodeAction[] {
  const at = diagnostic.range.start.line;
  for (const unit of file.units()) {
    const entry = unit.doc.entries.find((e) => e.section.name === 'Container' && e.key === 'Environment' && e.line <= at && at <= e.endLine);
    if (!entry) continue;
    const { words, problems } = splitArgs(maskTemplateExpressions(entry.value));
    if (problems.length) return [];
    const i = words.findIndex((w) => sameRange(valuePieceRange(entry, w.start, w.end), diagnostic.range));
    const eq = i === -1 ? -1 : words[i].text.indexOf('=');
    if (eq <= 0) return [];
    const variable = words[i].text.slice(0, eq);
    if (typeof diagnostic.data?.variable === 'string' && diagnostic.data.variable !== variable) return [];
    const given = diagnostic.data?.secret;
    const secret = typeof given === 'string' && PODMAN_NAME.test(given) ? given : secretNameFor(unit.identity.dropinTarget ?? unit.name, variable);
    const line = `Secret=${secret},type=env,target=${variable}`;
    const whole: Range = { start: entry.keyRange.start, end: valuePieceRange(entry, 0, entry.value.length).end };
    const rest = words.filter((_, j) => j !== i).map((w) => entry.value.slice(w.start, w.end));
    let edits: TextEdit[];
    if (words.length === 1) edits = [{ range: whole, newText: line }];
    else if (entry.line !== entry.endLine) edits = [{ range: whole, newText: `${entry.key}=${rest.join(' ')}${unit.doc.eol}${line}` }];
    else {
      const end = endOfLine(unit, entry.endLine);
      edits = [
        { range: removal(entry, words, i), newText: '' },
        { range: { start: end, end }, newText: unit.doc.eol + line },
      ];
    }
    return [
      {
        title: `Use the Podman secret ${secret} for ${variable} (create it first: podman secret create ${secret} -)`,
        kind: 'quickfix',
        fixes: ['secret-in-env'],
        isPreferred: true,
        change: { changes: [{ kind: 'edit', path: file.path, edits }] },
      },
    ];
  }
  return [];
}
