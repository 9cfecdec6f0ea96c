// Signals. Podman takes a number or a name with or without the SIG prefix, in any case
// (`SIGTERM`, `term`, `15`, `RTMIN+3`). systemd takes a number or the upper-case name with or
// without SIG and ignores the setting otherwise.

import { ValueResult, whole } from './types';

const NAMES = [
  'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT',
  'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];
/** Aliases Podman knows besides the names above. */
const PODMAN_ALIASES = ['IOT', 'CLD', 'POLL'];

function isRealtime(name: string): boolean {
  if (name === 'RTMIN' || name === 'RTMAX') return true;
  const m = /^RTMIN\+(\d+)$|^RTMAX-(\d+)$/.exec(name);
  if (!m) return false;
  const n = Number(m[1] ?? m[2]);
  return n >= 1 && n <= (m[1] ? 15 : 14);
}

function isNumber(text: string): boolean {
  return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 64;
}

export function parsePodmanSignal(text: string): ValueResult {
  if (isNumber(text)) return { problems: [] };
  const name = text.toUpperCase().replace(/^SIG/, '');
  if (NAMES.includes(name) || PODMAN_ALIASES.includes(name) || isRealtime(name)) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not a signal; podman refuses it when the unit starts (examples: SIGTERM, SIGINT, 15).`)] };
}

export function parseSystemdSignal(text: string): ValueResult {
  if (isNumber(text)) return { problems: [] };
  const name = text.replace(/^SIG/, '');
  if (NAMES.includes(name) || isRealtime(name)) return { problems: [] };
  const upper = text.toUpperCase().replace(/^SIG/, '');
  const hint = NAMES.includes(upper) ? ` (systemd needs upper case: SIG${upper})` : '';
  return { problems: [whole(text, 0, `"${text}" is not a signal systemd knows${hint}; it ignores this setting.`, 'warning')] };
}
