// Helpers for value-grammar tests: problems are shown as `severity:piece` where piece is the exact
// slice of the value the problem points at, so a test states both the range and the severity.

import assert from 'node:assert/strict';
import { ValueProblem, ValueResult } from '../../server/src/catalog/values/types';

export function pieces(value: string, problems: ValueProblem[]): string[] {
  return problems.map((p) => `${p.severity}:${value.slice(p.start, p.end)}${p.since ? `@${p.since}` : ''}`);
}

/** The grammar accepts every value without any problem. */
export function assertValid(parse: (v: string) => ValueResult | ValueProblem[], values: string[]): void {
  for (const v of values) {
    const r = parse(v);
    const problems = Array.isArray(r) ? r : r.problems;
    assert.deepEqual(pieces(v, problems), [], `expected "${v}" to be valid, got ${problems.map((p) => p.message).join(' | ')}`);
  }
}

/** Each value gives exactly the listed problems (`severity:piece`). */
export function assertProblems(parse: (v: string) => ValueResult | ValueProblem[], cases: Record<string, string[]>): void {
  for (const [v, expected] of Object.entries(cases)) {
    const r = parse(v);
    const problems = Array.isArray(r) ? r : r.problems;
    assert.deepEqual(pieces(v, problems), expected, `value "${v}": ${problems.map((p) => p.message).join(' | ')}`);
  }
}

/** The (single) problem's message matches. */
export function assertMessage(parse: (v: string) => ValueResult | ValueProblem[], value: string, message: RegExp): void {
  const r = parse(value);
  const problems = Array.isArray(r) ? r : r.problems;
  assert.ok(problems.some((p) => message.test(p.message)), `value "${value}": no message matching ${message}; got ${problems.map((p) => p.message).join(' | ')}`);
}
