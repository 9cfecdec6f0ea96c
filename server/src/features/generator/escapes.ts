// Which entries can cause Podman 5.8's bare `unsupported escape char` warning (it names no file):
// values of the keys that warn (generator-facts §2.3) holding an escape the splitter rejects.

import { splitWords } from '../../syntax/words';

/** Keys whose values are unescaped in a way that warns: section → keys. */
const ESCAPE_WARNING_KEYS: Record<string, string[]> = {
  Container: ['Exec', 'ReloadCmd', 'Environment', 'Label', 'Annotation'],
  Pod: ['Label'],
  Volume: ['Label'],
  Network: ['Label', 'Options'],
  Build: ['Environment', 'Label', 'Annotation', 'BuildArg'],
};

export function escapeWarningKey(section: string, key: string): boolean {
  return ESCAPE_WARNING_KEYS[section]?.includes(key) ?? false;
}

/** Does the value hold a `\` escape Podman's splitter rejects (`\q`, `\x4`, `\x00`, …)? */
export function hasUnsupportedEscape(value: string): boolean {
  return splitWords(value).problems.some((p) => p.message.startsWith('unsupported escape'));
}
