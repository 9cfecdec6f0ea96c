// Test text helpers: `|` marks the cursor; every parser case runs with "\n" and "\r\n".

import { Position } from '../../server/src/syntax/model';

/** Removes the first `|` from the text and returns its position. */
export function cursor(textWithBar: string): { text: string; position: Position } {
  const at = textWithBar.indexOf('|');
  if (at === -1) throw new Error('no | cursor marker in the test text');
  const text = textWithBar.slice(0, at) + textWithBar.slice(at + 1);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].replace(/\r$/, '').length } };
}

export const EOLS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
] as const;

/** The same text with the given line ending. */
export function withEol(text: string, eol: string): string {
  return text.replace(/\r?\n/g, eol);
}

/** Joins lines with "\n"; tests then run it once per EOL with withEol(). */
export function lines(...l: string[]): string {
  return l.join('\n');
}
