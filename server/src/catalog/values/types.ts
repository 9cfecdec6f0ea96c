// Shared shapes of the value grammars. Every grammar is a pure function of the value text that
// returns problems with offsets relative to that text, so a rule can point at the bad piece.

import { UnitType } from '../filetypes';

/**
 * How bad a problem is: 'error' when the generator or Podman refuses the value, 'warning' when it is
 * accepted but does something other than what it seems to say, 'hint' for style notes.
 */
export type ValueSeverity = 'error' | 'warning' | 'hint';

export interface Piece {
  start: number;
  end: number;
}

export interface ValueProblem extends Piece {
  message: string;
  severity: ValueSeverity;
  /** The value needs this Podman release ("major.minor"); reported as a version problem. */
  since?: string;
}

export interface ValueResult {
  problems: ValueProblem[];
}

/** What a grammar may need to know besides the text. */
export interface ValueContext {
  /** Target Podman version, "major.minor". */
  version: string;
  type: UnitType;
  section: string;
  key: string;
}

export function problem(start: number, end: number, message: string, severity: ValueSeverity = 'error', since?: string): ValueProblem {
  return since ? { start, end, message, severity, since } : { start, end, message, severity };
}

/** A problem covering all of `text` placed at `offset`. */
export function whole(text: string, offset: number, message: string, severity: ValueSeverity = 'error', since?: string): ValueProblem {
  return problem(offset, offset + text.length, message, severity, since);
}

/** Moves problems found in a sub-string to the offsets of the enclosing value. */
export function shift(problems: ValueProblem[], by: number): ValueProblem[] {
  return by === 0 ? problems : problems.map((p) => ({ ...p, start: p.start + by, end: p.end + by }));
}

export function ok(): ValueResult {
  return { problems: [] };
}
