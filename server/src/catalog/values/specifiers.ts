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
  // Most values have neither "%" nor "$": answer without scanning twice or running a pattern.
  if (!text.includes('%') && !text.includes('$')) return false;
  return hasSpecifier(text) || HAS_VARIABLE.test(text);
}

/** VARIABLE without the global flag (test() keeps no state). */
const HAS_VARIABLE = new RegExp(VARIABLE.source);

/** True when the text is nothing but specifiers and variables (`%i`, `${PORT}`): nothing to check. */
export function onlyExpansions(text: string): boolean {
  if (!text.includes('%') && !text.includes('$')) return false;
  return text.length > 0 && text.replace(/%[^%]/g, '').replace(VARIABLE, '') === '';
}

/** Unknown specifiers, which make systemd refuse the setting. */
export function checkSpecifiers(text: string, offset = 0): ValueProblem[] {
  if (!text.includes('%')) return [];
  return specifiersIn(text)
    .filter((h) => !SPECIFIERS.has(h.letter))
    .map((h) => problem(offset + h.start, offset + h.end, `systemd has no specifier "%${h.letter}" and refuses this setting; write "%%" for a literal percent sign.`));
}

// ---- for completion and hover ----

export interface Specifier {
  /** The letter after `%` (`%` itself for `%%`). */
  letter: string;
  meaning: string;
}

/** What each specifier expands to (systemd.unit(5)); `%n`/`%N`/`%p`/`%i` name the generated service in quadlets. */
export const SPECIFIER_MEANINGS: readonly Specifier[] = [
  { letter: 'a', meaning: 'CPU architecture identifier (x86-64, arm64, …)' },
  { letter: 'A', meaning: 'OS image version (IMAGE_VERSION= of os-release)' },
  { letter: 'b', meaning: 'boot id of the running system' },
  { letter: 'B', meaning: 'OS build id (BUILD_ID= of os-release)' },
  { letter: 'C', meaning: 'cache root: /var/cache, or $XDG_CACHE_HOME for a user manager' },
  { letter: 'd', meaning: 'credentials directory ($CREDENTIALS_DIRECTORY)' },
  { letter: 'D', meaning: 'shared data root: /usr/share, or $XDG_DATA_HOME for a user manager (systemd 256+)' },
  { letter: 'E', meaning: 'configuration root: /etc, or $XDG_CONFIG_HOME for a user manager' },
  { letter: 'f', meaning: 'unescaped instance (or prefix) as an absolute path' },
  { letter: 'g', meaning: 'group name of the service manager' },
  { letter: 'G', meaning: 'gid of the service manager' },
  { letter: 'h', meaning: "home directory of the manager's user (/root for the system manager; not User=)" },
  { letter: 'H', meaning: 'host name' },
  { letter: 'i', meaning: 'instance name (between "@" and the suffix), escaped' },
  { letter: 'I', meaning: 'instance name, unescaped' },
  { letter: 'j', meaning: 'last "-"-separated part of the prefix' },
  { letter: 'J', meaning: 'last "-"-separated part of the prefix, unescaped' },
  { letter: 'l', meaning: 'short host name (up to the first dot)' },
  { letter: 'L', meaning: 'log root: /var/log, or the per-user log directory' },
  { letter: 'm', meaning: 'machine id' },
  { letter: 'M', meaning: 'OS image identifier (IMAGE_ID= of os-release)' },
  { letter: 'n', meaning: 'full name of the generated unit, with .service' },
  { letter: 'N', meaning: 'name of the generated unit without its suffix' },
  { letter: 'o', meaning: 'OS identifier (ID= of os-release)' },
  { letter: 'p', meaning: 'prefix: the part before "@", or the unit name without suffix' },
  { letter: 'P', meaning: 'prefix, unescaped' },
  { letter: 'q', meaning: 'pretty host name' },
  { letter: 's', meaning: "shell of the manager's user" },
  { letter: 'S', meaning: 'state root: /var/lib, or the per-user state directory' },
  { letter: 't', meaning: 'runtime root: /run, or $XDG_RUNTIME_DIR for a user manager' },
  { letter: 'T', meaning: 'temporary directory: /tmp or $TMPDIR' },
  { letter: 'u', meaning: "user name of the service manager (not User=)" },
  { letter: 'U', meaning: 'uid of the service manager (not User=)' },
  { letter: 'v', meaning: 'kernel release (uname -r)' },
  { letter: 'V', meaning: 'directory for large temporary files: /var/tmp or $TMPDIR' },
  { letter: 'w', meaning: 'OS version id (VERSION_ID= of os-release)' },
  { letter: 'W', meaning: 'OS variant id (VARIANT_ID= of os-release)' },
  { letter: 'y', meaning: 'path of the generated unit file (not of the quadlet)' },
  { letter: 'Y', meaning: 'directory of the generated unit file (not of the quadlet)' },
  { letter: '%', meaning: 'a literal "%"' },
];

export function specifier(letter: string): Specifier | undefined {
  return SPECIFIER_MEANINGS.find((s) => s.letter === letter);
}

/** The specifier `%x` at `offset` in `text` (a `%%` pair is one specifier); undefined when none. */
export function specifierAt(text: string, offset: number): { start: number; end: number; spec?: Specifier } | undefined {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '%') continue;
    const end = Math.min(i + 2, text.length);
    if (offset >= i && offset < end) return { start: i, end, spec: end > i + 1 ? specifier(text[i + 1]) : undefined };
    i++;
  }
  return undefined;
}
