// Small helpers shared by rules.

import { KeyInfo, keyTableOf, keysOf } from '../catalog/keys';
import { UnitDocument } from '../syntax/model';
import { UnitType } from '../catalog/filetypes';
import { ParsedUnit } from '../workspace/files';

/** Units rules should look at: typed, not a systemd-networkd file. */
export function checkable(unit: ParsedUnit): unit is ParsedUnit & { type: UnitType } {
  return !!unit.type && !unit.foreign;
}

// Two rows reused across calls (a suggestion compares one word with ~200 key names; fresh rows per
// comparison were megabytes of garbage per unknown key).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/**
 * lookupKey() of every entry of a document, in entry order. Five document rules ask, one after the
 * other on the same document: the last answer is kept (one entry, like invalid-value's findings).
 */
let lastInfos: { doc: UnitDocument; type: UnitType; infos: Array<KeyInfo | undefined> } | undefined;

export function keyInfos(unit: ParsedUnit & { type: UnitType }): Array<KeyInfo | undefined> {
  if (lastInfos && lastInfos.doc === unit.doc && lastInfos.type === unit.type) return lastInfos.infos;
  const entries = unit.doc.entries;
  const infos = new Array<KeyInfo | undefined>(entries.length);
  let section: string | undefined;
  let table: ReadonlyMap<string, KeyInfo> | undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.section.name !== section) {
      section = entry.section.name;
      table = keyTableOf(unit.type, section);
    }
    infos[i] = table!.get(entry.key);
  }
  lastInfos = { doc: unit.doc, type: unit.type, infos };
  return infos;
}

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1));
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[n];
}

/** Lower-cased forms of the shared key-name lists (keyNames); other lists are lowered per call (callers may change them). */
const LOWER = new Map<string[], string[]>();

function lowered(candidates: string[]): string[] {
  return LOWER.get(candidates) ?? candidates.map((c) => c.toLowerCase());
}

/** The closest candidate: a case-insensitive match first, else the nearest within a small distance. */
export function closest(word: string, candidates: string[]): string | undefined {
  const lower = word.toLowerCase();
  const lowerCandidates = lowered(candidates);
  const same = lowerCandidates.indexOf(lower);
  if (same !== -1) return candidates[same];
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 4)) + 1;
  for (let i = 0; i < candidates.length; i++) {
    const c = lowerCandidates[i];
    // The distance is at least the length difference: skip what cannot beat the best.
    if (Math.abs(c.length - lower.length) >= bestDistance) continue;
    const d = editDistance(lower, c);
    if (d < bestDistance) {
      best = candidates[i];
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
  if (!names) {
    KEY_NAMES.set(list, (names = list.map((k: KeyInfo) => k.key)));
    LOWER.set(names, names.map((n) => n.toLowerCase()));
  }
  return names;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
