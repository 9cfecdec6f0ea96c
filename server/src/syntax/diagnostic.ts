// The diagnostic shape shared by every layer (rules produce them, adapters translate them).
// It lives in the lowest layer because the parser's syntax issues are the first diagnostics.

import { Range } from './model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RelatedInformation {
  /** File-system path (or URI string for unsaved documents) of the related file. */
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related?: RelatedInformation[];
  /** Machine-readable details for quick fixes (never shown to the user). */
  data?: Record<string, unknown>;
  /** 'quadlet-ls' for our rules, 'podman' for findings of the real generator. */
  source?: string;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  // Equal strings compare equal without asking the collator (most comparisons are within one file).
  return (
    (a.file === b.file ? 0 : a.file.localeCompare(b.file)) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code === b.code ? 0 : a.code.localeCompare(b.code)) ||
    (a.message === b.message ? 0 : a.message.localeCompare(b.message))
  );
}
