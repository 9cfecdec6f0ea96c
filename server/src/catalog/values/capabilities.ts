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

// ---- for completion and hover ----

/** What each capability allows, in one line (capabilities(7)), by bare name. */
export const CAPABILITY_MEANINGS: Record<string, string> = {
  AUDIT_CONTROL: 'configure kernel auditing',
  AUDIT_READ: 'read the audit log over netlink',
  AUDIT_WRITE: 'write records to the audit log',
  BLOCK_SUSPEND: 'prevent the system from suspending',
  BPF: 'load and manage BPF programs and maps',
  CHECKPOINT_RESTORE: 'checkpoint and restore processes',
  CHOWN: 'change the owner of any file',
  DAC_OVERRIDE: 'bypass file read, write and execute permission checks',
  DAC_READ_SEARCH: 'bypass file read and directory search checks',
  FOWNER: 'act on files as if their owner (chmod, utime, …)',
  FSETID: 'keep set-user-ID and set-group-ID bits when modifying files',
  IPC_LOCK: 'lock memory (mlock, huge pages)',
  IPC_OWNER: 'bypass permission checks on System V IPC objects',
  KILL: 'send signals to processes of other users',
  LEASE: 'take leases on files it does not own',
  LINUX_IMMUTABLE: 'set the immutable and append-only file attributes',
  MAC_ADMIN: 'configure mandatory access control (SELinux, Smack)',
  MAC_OVERRIDE: 'bypass mandatory access control',
  MKNOD: 'create device special files',
  NET_ADMIN: 'configure interfaces, routes and firewall rules',
  NET_BIND_SERVICE: 'bind ports below ip_unprivileged_port_start',
  NET_BROADCAST: 'broadcast and listen to multicast',
  NET_RAW: 'use raw and packet sockets (ping, packet capture)',
  PERFMON: 'use performance monitoring (perf_event_open)',
  SETFCAP: 'set file capabilities',
  SETGID: 'change group ids',
  SETPCAP: 'change process capability sets',
  SETUID: 'change user ids',
  SYS_ADMIN: 'many administrative operations (mount, namespaces, …); close to full root',
  SYS_BOOT: 'reboot and load kexec kernels',
  SYS_CHROOT: 'use chroot',
  SYS_MODULE: 'load and unload kernel modules',
  SYS_NICE: 'raise priorities and change scheduling of any process',
  SYS_PACCT: 'switch process accounting on and off',
  SYS_PTRACE: 'trace and inspect any process',
  SYS_RAWIO: 'raw I/O port and device access',
  SYS_RESOURCE: 'exceed resource limits and quotas',
  SYS_TIME: 'set the system clock',
  SYS_TTY_CONFIG: 'configure terminals (vhangup)',
  SYSLOG: 'use privileged syslog operations',
  WAKE_ALARM: 'set alarms that wake the system',
};

/** Podman's default capability set (containers.conf `default_capabilities`, Podman 5), as CAP_ names. */
export const PODMAN_DEFAULT_CAPABILITIES = new Set(
  ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'].map((c) => `CAP_${c}`),
);

/** "net_admin", "NET_ADMIN" and "cap_net_admin" all name CAP_NET_ADMIN. */
export function capabilityName(word: string): string {
  const upper = word.toUpperCase();
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

export function lookupCapability(word: string): { name: string; meaning: string } | undefined {
  const name = capabilityName(word);
  const meaning = CAPABILITY_MEANINGS[name.slice(4)];
  return meaning ? { name, meaning } : undefined;
}
