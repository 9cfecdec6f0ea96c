// Assertion helpers for diagnostics: one per shape (code, severity, range, message).

import assert from 'node:assert/strict';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { Range } from '../../server/src/syntax/model';

/** "L:C-L:C" with 0-based lines and characters, as LSP counts them. */
export function fmtRange(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

export interface Expected {
  code: string;
  severity?: Diagnostic['severity'];
  /** "L:C-L:C", 0-based. */
  range?: string;
  message?: RegExp | string;
  file?: string;
}

function matches(d: Diagnostic, e: Expected): boolean {
  if (d.code !== e.code) return false;
  if (e.severity && d.severity !== e.severity) return false;
  if (e.range && fmtRange(d.range) !== e.range) return false;
  if (e.file && !d.file.endsWith(e.file)) return false;
  if (e.message instanceof RegExp && !e.message.test(d.message)) return false;
  if (typeof e.message === 'string' && d.message !== e.message) return false;
  return true;
}

function show(list: Diagnostic[]): string {
  return list.map((d) => `  ${d.file.split('/').pop()} ${fmtRange(d.range)} ${d.severity} ${d.code}: ${d.message}`).join('\n') || '  (none)';
}

/** Exactly one diagnostic matches the expectation; returns it. */
export function assertDiagnostic(list: Diagnostic[], e: Expected): Diagnostic {
  const found = list.filter((d) => matches(d, e));
  assert.equal(found.length, 1, `expected exactly one ${JSON.stringify(e, (_, v) => (v instanceof RegExp ? String(v) : v))}, got ${found.length} among:\n${show(list)}`);
  return found[0];
}

/** No diagnostic with this code (optionally: at this range). */
export function assertNoDiagnostic(list: Diagnostic[], e: Expected): void {
  const found = list.filter((d) => matches(d, e));
  assert.equal(found.length, 0, `expected no ${e.code}${e.range ? ' at ' + e.range : ''}, got:\n${show(found)}`);
}

/** The list holds exactly these codes (in any order, with multiplicity). */
export function assertCodes(list: Diagnostic[], codes: string[]): void {
  assert.deepEqual(list.map((d) => d.code).sort(), [...codes].sort(), `codes differ; got:\n${show(list)}`);
}

/** No error-severity diagnostic at all. */
export function assertNoErrors(list: Diagnostic[]): void {
  const errors = list.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, `expected no errors, got:\n${show(errors)}`);
}
