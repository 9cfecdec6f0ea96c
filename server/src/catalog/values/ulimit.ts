// Ulimit=: `host` (keep the host's limits) or `name=soft[:hard]` with a resource name (any case,
// optionally with the RLIMIT_ prefix) and whole numbers, -1 meaning unlimited; soft must not
// exceed hard. Podman refuses anything else when the unit starts.

import { hasExpansion } from './specifiers';
import { ValueResult, problem } from './types';

const RESOURCES = ['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack'];

export function parseUlimit(value: string): ValueResult {
  if (value === 'host' || hasExpansion(value)) return { problems: [] };
  const eq = value.indexOf('=');
  if (eq === -1) return { problems: [problem(0, value.length, `"${value}" is not name=soft[:hard] (e.g. nofile=65536:65536); podman refuses it.`)] };
  const name = value.slice(0, eq);
  if (!RESOURCES.includes(name.toLowerCase().replace(/^rlimit_/, ''))) {
    return { problems: [problem(0, eq, `"${name}" is not a resource limit (${RESOURCES.join(', ')}); podman refuses it.`)] };
  }
  const limits = value.slice(eq + 1).split(':');
  const start = eq + 1;
  if (limits.length > 2 || !limits.every((l) => /^-?\d+$/.test(l))) {
    return { problems: [problem(start, value.length, `"${value.slice(start)}" is not soft[:hard] with whole numbers (-1 = unlimited); podman refuses it.`)] };
  }
  const [soft, hard = soft] = limits.map(Number);
  if (hard !== -1 && (soft === -1 || soft > hard)) {
    return { problems: [problem(start, value.length, `the soft limit ${soft} is above the hard limit ${hard}; podman refuses it.`)] };
  }
  return { problems: [] };
}
