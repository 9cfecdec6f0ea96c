// Small helpers shared by rules.

import { KeyInfo, keysOf } from '../catalog/keys';
import { UnitType } from '../catalog/filetypes';
import { ParsedUnit } from '../workspace/files';

/** Units rules should look at: typed, not a systemd-networkd file. */
export function checkable(unit: ParsedUnit): unit is ParsedUnit & { type: UnitType } {
  return !!unit.type && !unit.foreign;
}

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest candidate: a case-insensitive match first, else the nearest within a small distance. */
export function closest(word: string, candidates: string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

const KEY_NAMES = new Map<KeyInfo[], string[]>();

/** Key names of a section for a file type (built once per list; do not mutate). */
export function keyNames(type: UnitType, section: string): string[] {
  const list = keysOf(type, section);
  let names = KEY_NAMES.get(list);
  if (!names) KEY_NAMES.set(list, (names = list.map((k: KeyInfo) => k.key)));
  return names;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
