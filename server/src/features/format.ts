// Formatting that never changes what Podman or systemd read: `Key = value` → `Key=value`, no
// indentation before keys and headers, no trailing blanks, exactly one blank line before each
// section (above the comments that belong to it), at most one blank line elsewhere, no blank lines
// at the start or end, a final newline. Comments, order and continuation lines are kept.
//
// Safety rules (docs/editing.md): only spaces and tabs are ever removed (systemd does not treat
// NBSP as blank); lines inside a continuation keep their place (Podman lets a continuation run over
// blank lines, systemd ends it there); a line ending in `\` keeps trailing blanks (systemd then
// does not see a continuation); template lines of `.j2` files and templated entries are untouched;
// files with bare CR line ends (one line for Podman, several for editors) are left alone.

import { Range } from '../syntax/model';
import { isGoSpace, splitLines } from '../syntax/parser';
import { SourceFile } from '../workspace/files';
import { Placement } from '../workspace/scopes';
import { TextEdit, applyTextEdits } from './edits';

type Role = 'blank' | 'header' | 'entry' | 'comment' | 'template' | 'separator' | 'other';

interface LinePlan {
  role: Role;
  /** Inside a continuation (after its first line): never moved, added or removed. */
  zone: boolean;
  text: string;
  delete: boolean;
  blanksBefore: number;
}

const BLANK = /^[ \t]*$/;

function trimTrailing(line: string): string {
  // `foo \  `: Podman trims and continues, systemd sees no continuation. Leave such lines alone.
  const t = line.replace(/[ \t]+$/, '');
  return t.endsWith('\\') && t !== line ? line : t;
}

function goTrimmed(line: string): string {
  let s = 0;
  let e = line.length;
  while (s < e && isGoSpace(line.charCodeAt(s))) s++;
  while (e > s && isGoSpace(line.charCodeAt(e - 1))) e--;
  return line.slice(s, e);
}

function isCommentText(t: string): boolean {
  return t.length === 0 || t[0] === '#' || t[0] === ';';
}

function plan(file: SourceFile): LinePlan[] | undefined {
  const text = file.text;
  if (/\r(?!\n)/.test(text)) return undefined;
  const all = splitLines(text);
  const count = text.endsWith('\n') ? all.length - 1 : all.length;
  const lines: LinePlan[] = all.slice(0, count).map((t) => ({ role: BLANK.test(t) ? 'blank' : 'other', zone: false, text: t, delete: false, blanksBefore: 0 }));
  const units = file.units();
  const quadlets = file.identity.kind === 'quadlets';

  // Continuations as Podman reads them: a non-comment line ending in `\` joins the next real line.
  let open = false;
  const templateLines = new Set(units.flatMap((u) => [...u.doc.templateLines]));
  for (let n = 0; n < count; n++) {
    const t = goTrimmed(all[n]);
    if (quadlets && t === '---') {
      lines[n].role = 'separator';
      open = false;
      continue;
    }
    if (open) {
      lines[n].zone = true;
      if (!isCommentText(t)) open = t.endsWith('\\');
      continue;
    }
    if (templateLines.has(n)) lines[n].role = 'template';
    else if (!isCommentText(t)) open = t.endsWith('\\');
    else if (t.length) lines[n].role = 'comment';
  }

  for (const u of units) {
    for (const s of u.doc.sections) if (!lines[s.line].zone && s.headerRange.end.line === s.line) lines[s.line].role = 'header';
    for (const e of u.doc.entries) {
      if (e.templated || lines[e.line].role === 'template') {
        for (let n = e.line; n <= e.endLine; n++) lines[n].role = 'template';
        continue;
      }
      lines[e.line].role = 'entry';
      if (e.keyRange.start.line === e.line && e.eqRange.start.line === e.line) {
        lines[e.line].text = normaliseEntry(all[e.line], e.keyRange.start.character, e.keyRange.end.character, e.eqRange.start.character);
      }
    }
  }
  // A BOM is a problem the user must see (Podman refuses the file); never hide it by editing line 0.
  if (text.charCodeAt(0) === 0xfeff && lines.length) lines[0].role = 'template';

  for (const l of lines) {
    if (l.role === 'template') continue;
    if (l.role === 'header') l.text = l.text.replace(/^[ \t]+/, '');
    l.text = l.role === 'blank' ? '' : trimTrailing(l.text);
  }
  arrangeBlankLines(lines);
  return lines;
}

function normaliseEntry(line: string, keyStart: number, keyEnd: number, eq: number): string {
  const lead = line.slice(0, keyStart);
  const gap = line.slice(keyEnd, eq);
  if (!BLANK.test(gap)) return line;
  let valueStart = eq + 1;
  while (line[valueStart] === ' ' || line[valueStart] === '\t') valueStart++;
  return (BLANK.test(lead) ? '' : lead) + line.slice(keyStart, keyEnd) + '=' + line.slice(valueStart);
}

const isContent = (l: LinePlan) => l.role !== 'blank' || l.zone;

function arrangeBlankLines(lines: LinePlan[]): void {
  let n = 0;
  while (n < lines.length && !isContent(lines[n])) lines[n++].delete = true;
  let prev = n;
  for (n = n + 1; n < lines.length; n++) {
    if (!isContent(lines[n])) continue;
    const gap = n - prev - 1;
    const above = lines[prev];
    const here = lines[n];
    // A section starts at its header, or at the block of comments right above it.
    const insideBlock = gap === 0 && above.role === 'comment' && !above.zone && commentsLeadToHeader(lines, prev);
    const opensSection = !here.zone && !insideBlock && (here.role === 'header' || (here.role === 'comment' && commentsLeadToHeader(lines, n)));
    let wanted = Math.min(gap, 1);
    if (above.role === 'template' || here.role === 'template') wanted = gap;
    else if (opensSection && above.role !== 'separator') wanted = 1;
    if (wanted > gap) here.blanksBefore = wanted - gap;
    for (let k = prev + 1 + wanted; k < n; k++) lines[k].delete = true;
    prev = n;
  }
  for (let k = prev + 1; k < lines.length; k++) lines[k].delete = true;
}

/** The comment at `n` starts (or continues) a block of comments directly above a section header. */
function commentsLeadToHeader(lines: LinePlan[], n: number): boolean {
  let k = n;
  while (k < lines.length && lines[k].role === 'comment' && !lines[k].zone) k++;
  return k < lines.length && lines[k].role === 'header' && !lines[k].zone;
}

function intersects(n: number, range?: Range): boolean {
  return !range || (n >= range.start.line && n <= range.end.line);
}

/** Edits that format the file (or only the lines of `range`); empty when nothing changes. */
export function formatEdits(file: SourceFile, range?: Range): TextEdit[] {
  if (file.skipped || !file.isUnitLike) return [];
  const lines = plan(file);
  if (!lines) return [];
  const original = splitLines(file.text);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  let lastKept = lines.length - 1;
  while (lastKept >= 0 && lines[lastKept].delete) lastKept--;
  const edits: TextEdit[] = [];
  for (let n = 0; n <= lastKept; n++) {
    const l = lines[n];
    if (!intersects(n, range)) continue;
    if (l.delete) {
      edits.push({ range: { start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }, newText: '' });
      continue;
    }
    const inserted = eol.repeat(l.blanksBefore);
    if (l.text !== original[n] || inserted) {
      edits.push({ range: { start: { line: n, character: 0 }, end: { line: n, character: original[n].length } }, newText: inserted + l.text });
    }
  }
  // The end: drop trailing blank lines and end with exactly one line ending (one edit, merged
  // with the last line's own edit so that no two edits touch).
  const trailing = lastKept < lines.length - 1;
  if (lastKept >= 0 && (trailing || !file.text.endsWith('\n')) && (intersects(lastKept, range) || intersects(lines.length - 1, range))) {
    const last = original.length - 1;
    const end = { line: last, character: original[last].length };
    const own = edits.length && edits[edits.length - 1].range.start.line === lastKept && edits[edits.length - 1].range.end.line === lastKept ? edits.pop() : undefined;
    const start = own ? own.range.start : { line: lastKept, character: original[lastKept].length };
    edits.push({ range: { start, end }, newText: (own ? own.newText : '') + eol });
  }
  return edits;
}

const NOWHERE: Placement = { scope: { host: 'localhost' }, dirKind: 'unknown', precedence: 1, searchDir: '', reason: 'formatting only' };

/** Formats a text as a file of that path would be formatted (CLI and tests). */
export function formatText(path: string, text: string): string {
  return applyTextEdits(text, formatEdits(new SourceFile(path, text, 1, NOWHERE)));
}
