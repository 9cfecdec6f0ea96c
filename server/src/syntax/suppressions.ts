// In-file suppression comments:
//   # quadlet-ls-disable-next-line CODE[,CODE]   (the next entry or header)
//   # quadlet-ls-disable CODE[,CODE]             (the whole file)
// Without codes, every code is disabled.

import { Suppressions } from './model';

export interface SuppressionComment {
  scope: 'file' | 'next-line';
  codes: Set<string>;
}

const PATTERN = /^[#;]\s*quadlet-ls-(disable-next-line|disable)\b\s*(.*)$/;

export function parseSuppression(comment: string): SuppressionComment | undefined {
  const m = PATTERN.exec(comment);
  if (!m) return undefined;
  const codes = m[2]
    .split(/[\s,]+/)
    .map((c) => c.trim())
    .filter((c) => /^[a-z][a-z0-9-]*$/.test(c));
  return { scope: m[1] === 'disable' ? 'file' : 'next-line', codes: new Set(codes.length ? codes : ['*']) };
}

export function emptySuppressions(): Suppressions {
  return { file: new Set(), lines: new Map() };
}

class FrozenSet<T> extends Set<T> {
  override add(): this {
    throw new Error('shared empty set: make a new one before adding');
  }
}

class FrozenMap<K, V> extends Map<K, V> {
  override set(): this {
    throw new Error('shared empty map: make a new one before setting');
  }
}

/**
 * What a document without suppression comments holds (nearly all of them): one shared, unchangeable
 * value instead of a new Set and Map per document (10,000 files held 20,000 empty tables).
 */
export const NO_SUPPRESSIONS: Suppressions = Object.freeze({ file: new FrozenSet<string>(), lines: new FrozenMap<number, Set<string>>() });

/** A shared, unchangeable empty set of line numbers (documents without template lines). */
export const NO_LINES: Set<number> = new FrozenSet<number>();

export function applySuppression(s: Suppressions, fromLine: number, toLine: number, codes: Set<string>): void {
  for (let l = fromLine; l <= toLine; l++) {
    const set = s.lines.get(l) ?? new Set<string>();
    for (const c of codes) set.add(c);
    s.lines.set(l, set);
  }
}

export function isSuppressed(s: Suppressions, code: string, line: number): boolean {
  if (s.file.has('*') || s.file.has(code)) return true;
  const set = s.lines.get(line);
  return !!set && (set.has('*') || set.has(code));
}
