// Edits produced by code actions and generators, independent of the LSP types. The adapters turn
// one WorkspaceChange into one undoable WorkspaceEdit (or, in the CLI, a diff and optional writes).

import { Range } from '../syntax/model';

export interface TextEdit {
  range: Range;
  newText: string;
}

export type FileChange =
  | { kind: 'edit'; path: string; edits: TextEdit[] }
  /** Never overwrites: creation fails when the file exists (LSP `overwrite: false, ignoreIfExists: false`). */
  | { kind: 'create'; path: string; text: string }
  | { kind: 'rename'; from: string; to: string };

export interface WorkspaceChange {
  changes: FileChange[];
}

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor' | 'refactor.rewrite' | 'source';
  /** Codes of the diagnostics it fixes (matched against the request's diagnostics). */
  fixes?: string[];
  isPreferred?: boolean;
  change?: WorkspaceChange;
  /** A command to run instead of (or after) the edit, e.g. to show a message. */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export function replaceRange(path: string, range: Range, newText: string): WorkspaceChange {
  return { changes: [{ kind: 'edit', path, edits: [{ range, newText }] }] };
}

/** Applies text edits to a string (for the CLI, tests and previews). Edits must not overlap. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => {
    if (p.line >= lineStarts.length) return text.length;
    return Math.min(lineStarts[p.line] + p.character, p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length);
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
