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

// ---- for completion and hover ----

/** Signals with what they usually mean to a service, most used first (signal(7)). */
export const SIGNAL_MEANINGS: ReadonlyArray<{ name: string; meaning: string }> = [
  { name: 'SIGTERM', meaning: 'polite request to terminate (the usual default)' },
  { name: 'SIGINT', meaning: 'interrupt, as Ctrl-C sends' },
  { name: 'SIGQUIT', meaning: 'quit; some servers (nginx) use it for a graceful shutdown' },
  { name: 'SIGHUP', meaning: 'hang-up; many daemons reload their configuration on it' },
  { name: 'SIGKILL', meaning: 'kill immediately (cannot be caught)' },
  { name: 'SIGUSR1', meaning: 'user-defined signal 1 (often: reopen logs)' },
  { name: 'SIGUSR2', meaning: 'user-defined signal 2' },
  { name: 'SIGWINCH', meaning: 'window size change; Apache httpd stops gracefully on it' },
  { name: 'SIGCONT', meaning: 'continue a stopped process' },
  { name: 'SIGSTOP', meaning: 'stop (pause) the process (cannot be caught)' },
  { name: 'SIGTSTP', meaning: 'terminal stop request' },
  { name: 'SIGPWR', meaning: 'power failure; some init systems in containers shut down on it' },
  { name: 'SIGRTMIN+3', meaning: 'real-time signal; systemd as PID 1 in a container halts on it' },
  { name: 'SIGABRT', meaning: 'abort, usually with a core dump' },
  { name: 'SIGALRM', meaning: 'timer expired' },
  { name: 'SIGCHLD', meaning: 'a child process changed state' },
  { name: 'SIGPIPE', meaning: 'write to a pipe with no reader' },
  { name: 'SIGTTIN', meaning: 'background read from the terminal' },
  { name: 'SIGTTOU', meaning: 'background write to the terminal' },
  { name: 'SIGURG', meaning: 'urgent data on a socket' },
  { name: 'SIGXCPU', meaning: 'CPU time limit exceeded' },
  { name: 'SIGXFSZ', meaning: 'file size limit exceeded' },
  { name: 'SIGVTALRM', meaning: 'virtual timer expired' },
  { name: 'SIGPROF', meaning: 'profiling timer expired' },
  { name: 'SIGIO', meaning: 'I/O is possible on a descriptor' },
  { name: 'SIGSYS', meaning: 'bad system call' },
  { name: 'SIGTRAP', meaning: 'trace or breakpoint trap' },
  { name: 'SIGBUS', meaning: 'bus error (bad memory access)' },
  { name: 'SIGFPE', meaning: 'arithmetic error' },
  { name: 'SIGILL', meaning: 'illegal instruction' },
  { name: 'SIGSEGV', meaning: 'invalid memory reference' },
];

export function lookupSignal(word: string): { name: string; meaning: string } | undefined {
  const upper = word.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return SIGNAL_MEANINGS.find((s) => s.name === name);
}
