// How the generator reads values from the effective unit, so that rules decide exactly as Podman
// does (docs/generator-facts.md §1.3, §2.1). Each helper names the Podman parser function it mirrors.

import { atLeast } from '../catalog/versions';
import { Word, splitWords } from '../syntax/words';
import { SourcedEntry, UnitView } from '../workspace/unit-view';

export interface LookedUp {
  at: SourcedEntry;
  /** The value as Podman's Lookup() returns it. */
  value: string;
}

/**
 * Podman's `Lookup()`: the last assignment, trailing blanks trimmed, surrounding double quotes
 * removed — 5.4 strips every leading and trailing quote, 5.8 one matched pair. `undefined` when the
 * key is absent; an empty `value` when it is assigned nothing (which most checks treat as unset).
 */
export function lookup(view: UnitView, section: string, key: string, version: string): LookedUp | undefined {
  const at = view.last(section, key);
  if (!at) return undefined;
  const raw = at.entry.value;
  // The regular expression only when there is trailing white space to cut (rarely).
  let v = raw.length > 0 && /\s/.test(raw[raw.length - 1]) ? raw.replace(/\s+$/, '') : raw;
  if (atLeast(version, '5.8')) {
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
  } else {
    v = v.replace(/^"+/, '').replace(/"+$/, '');
  }
  return { at, value: v };
}

/** `Lookup()` with a non-empty result (how the generator tests "is this key set"). */
export function lookupSet(view: UnitView, section: string, key: string, version: string): LookedUp | undefined {
  const found = lookup(view, section, key, version);
  return found && found.value !== '' ? found : undefined;
}

export interface SourcedWord {
  at: SourcedEntry;
  word: Word;
}

/**
 * Podman's `LookupAllStrv()`: every value (an empty assignment clears the earlier ones) split into
 * words; a value with an unbalanced quote is dropped whole.
 */
export function lookupAllWords(view: UnitView, section: string, key: string): SourcedWord[] {
  const out: SourcedWord[] = [];
  for (const at of view.values(section, key)) {
    const { words, problems } = splitWords(at.entry.value);
    if (problems.some((p) => p.kind === 'quote')) continue;
    for (const word of words) out.push({ at, word });
  }
  return out;
}

/** Podman's `LookupLastArgs()` succeeded with at least one word (a bad escape makes it fail). */
export function lastArgsSet(view: UnitView, section: string, key: string): SourcedEntry | undefined {
  const at = view.last(section, key);
  if (!at) return undefined;
  const { words, problems } = splitWords(at.entry.value);
  return words.length > 0 && !problems.some((p) => p.kind === 'escape') ? at : undefined;
}

/**
 * Podman's `isURL`: its pattern `^((https?)|(git)://)|(github\.com/).+$` means "starts with http,
 * or with git://, or contains github.com/ followed by something" — looser than it looks.
 */
export function isGeneratorUrl(value: string): boolean {
  return /^(https?|git:\/\/)/.test(value) || /github\.com\/./.test(value);
}

/** A path starting with one systemd specifier (`%h/…`, not `%%`) counts as absolute for Podman. */
export function startsWithSpecifier(value: string): boolean {
  return value.startsWith('%') && !value.startsWith('%%');
}

/** Which of two entries of the effective unit comes later (drop-ins after the unit, then by line). */
export function later(view: UnitView, a: SourcedEntry, b: SourcedEntry): [SourcedEntry, SourcedEntry] {
  const order = (e: SourcedEntry) => [view.documents.indexOf(e.unit), e.entry.line] as const;
  const [da, la] = order(a);
  const [db, lb] = order(b);
  return da > db || (da === db && la > lb) ? [a, b] : [b, a];
}
