// Capabilities (AddCapability=, DropCapability=): a blank-separated list of Linux capability
// names, with or without the CAP_ prefix, in any case, or `all` (podman also splits at commas). The generator lower-cases them;
// podman refuses an unknown name when the unit starts.

import { splitStrv, wordItems } from './lists';
import { ValueProblem, ValueResult, problem } from './types';
import { hasExpansion } from './specifiers';

export const CAPABILITIES = [
  'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
  'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
  'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
  'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
  'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
];

export interface CapabilityResult extends ValueResult {
  /** Normalised names (CAP_…, upper case, or ALL) of the valid words. */
  names: string[];
}

export function parseCapabilities(value: string): CapabilityResult {
  const { words, problems } = splitStrv(value);
  const out: ValueProblem[] = [...problems];
  const names: string[] = [];
  for (const w of wordItems(words, value)) {
    if (hasExpansion(w.text)) continue;
    const upper = w.text.toUpperCase();
    if (upper === 'ALL') {
      names.push('ALL');
      continue;
    }
    const bare = upper.replace(/^CAP_/, '');
    if (CAPABILITIES.includes(bare)) names.push(`CAP_${bare}`);
    else out.push(problem(w.start, w.end, `"${w.text}" is not a Linux capability; podman refuses it when the unit starts (examples: NET_BIND_SERVICE, CAP_SYS_ADMIN, ALL).`));
  }
  return { problems: out, names };
}
