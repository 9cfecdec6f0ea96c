// systemd specifiers (`%h`, `%t`, `%i`, …). The generator copies them unchanged into the service;
// systemd expands them when it loads the unit and refuses the setting when a `%x` is unknown.
// `%%` is a literal percent sign; a lone `%` at the very end is kept as is. Environment variables
// (`$VAR`, `${VAR}`) in the generated command line are expanded by systemd as well.

import { ValueProblem, problem } from './types';

/** Specifier letters of systemd.unit(5) (systemd 252 table plus %D from systemd 256). */
export const SPECIFIERS = new Set('aAbBCdDEfgGhHiIjJlLmMnNopPqsStTuUvVwWyY'.split(''));

export interface SpecifierHit {
  start: number;
  end: number;
  letter: string;
}

/** Every `%x` in the text (not `%%`), known or not. */
export function specifiersIn(text: string): SpecifierHit[] {
  const hits: SpecifierHit[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') continue;
    const next = text[i + 1];
    if (next === undefined) break;
    if (next !== '%') hits.push({ start: i, end: i + 2, letter: next });
    i++;
  }
  return hits;
}

/** True when the text holds at least one specifier, whose expansion we cannot know. */
export function hasSpecifier(text: string): boolean {
  return specifiersIn(text).length > 0;
}

/** `$VAR` and `${VAR}`: systemd expands them in the generated ExecStart= at run time. */
const VARIABLE = /\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)/g;

/**
 * True when the text holds something expanded later (a specifier, or an environment variable that
 * systemd substitutes in the command line), so its final form cannot be checked.
 */
export function hasExpansion(text: string): boolean {
  return hasSpecifier(text) || new RegExp(VARIABLE.source).test(text);
}

/** True when the text is nothing but specifiers and variables (`%i`, `${PORT}`): nothing to check. */
export function onlyExpansions(text: string): boolean {
  return text.length > 0 && text.replace(/%[^%]/g, '').replace(VARIABLE, '') === '';
}

/** Unknown specifiers, which make systemd refuse the setting. */
export function checkSpecifiers(text: string, offset = 0): ValueProblem[] {
  return specifiersIn(text)
    .filter((h) => !SPECIFIERS.has(h.letter))
    .map((h) => problem(offset + h.start, offset + h.end, `systemd has no specifier "%${h.letter}" and refuses this setting; write "%%" for a literal percent sign.`));
}
