// Word splitting as the generator does it for list keys, with offsets and the problems that make
// it drop a whole line silently. Two modes (docs/generator-facts.md §2):
// - strv (AddCapability, AddDevice, Sysctl, UIDMap, LogOpt, …): blanks split, quotes group and are
//   removed, a backslash is kept literally; an unbalanced quote drops the whole line.
// - args (Mount, Secret, PodmanArgs, Environment, Label, …): like systemd's exec lines, C escapes
//   are decoded; an unsupported escape drops the whole line.

import { Word, splitWords } from '../../syntax/words';
import { ValueProblem, problem } from './types';

export interface SplitValue {
  words: Word[];
  problems: ValueProblem[];
}

export function splitStrv(value: string): SplitValue {
  const { words, problems } = splitWords(value, { escapes: 'keep' });
  if (problems.some((p) => p.kind === 'quote')) {
    const last = words[words.length - 1];
    return { words: [], problems: [problem(last.start, value.length, 'this quote is never closed, so the generator silently drops the whole line.', 'warning')] };
  }
  return { words, problems: [] };
}

/** Exec-style splitting (escapes decoded; a bad escape drops the line). */
export function splitArgs(value: string): SplitValue {
  const { words, problems } = splitWords(value);
  const out: ValueProblem[] = [];
  for (const p of problems) {
    if (p.message.startsWith('unsupported escape')) {
      out.push(problem(p.start, p.end, `${p.message}: the generator silently drops this whole line (write \\\\ for a backslash).`, 'warning'));
    }
    // An unbalanced quote is tolerated in this mode: the word runs to the end of the line.
  }
  return { words, problems: out };
}

export interface Item {
  text: string;
  start: number;
}

/**
 * Podman's "string slice" flags (--publish, --dns, --add-host, --cap-add, --ulimit, --sysctl,
 * --uidmap, --expose, …) split every argument at commas, so one value may hold several items.
 */
export function commaItems(text: string, offset = 0): Item[] {
  const items: Item[] = [];
  let start = 0;
  for (const part of text.split(',')) {
    items.push({ text: part, start: offset + start });
    start += part.length + 1;
  }
  return items;
}

/** Comma items of split words, with exact offsets where the raw word is the decoded one. */
export function wordItems(words: Word[], value: string): Array<Item & { end: number }> {
  return words.flatMap((w) => {
    const exact = value.slice(w.start, w.end) === w.text;
    return commaItems(w.text, w.start).map((i) => (exact ? { ...i, end: i.start + i.text.length } : { text: i.text, start: w.start, end: w.end }));
  });
}
