// Questions about listeners that the rules, the quick fixes, the ports view and the registry share:
// which listeners really bind (active), which compete with a given one, which bind publicly, and
// which are below the unprivileged port start. Questions asked through WorkspaceQueries record
// dependency keys, so the analysis re-checks a unit when an overlapping listener changes.

import { BindAddress, Protocol, PortRange } from '../../catalog/values/ports';
import { inAddressList, isLoopback } from '../../catalog/values/net';
import { QuadletConfig } from '../config';
import { ParsedUnit } from '../files';
import type { WorkspaceIndex } from '../index';
import { WorkspaceQueries } from '../queries';
import { portInventory } from './inventory';
import { queryKeys } from './keys';
import { Listener, formatAddress } from './model';
import { addressesOverlap, bindsOverlap } from './overlap';

/** Is the unit the one Podman/systemd uses for its name in its scope (not shadowed by another file)? */
export function isWinner(index: WorkspaceIndex | WorkspaceQueries, unit: ParsedUnit): boolean {
  return index.resolve(unit.file.placement.scope, unit.name) === unit;
}

/** Podman or systemd really binds it: not a mapping Podman discards, not a shadowed file. */
export function isBound(index: WorkspaceIndex | WorkspaceQueries, l: Listener): boolean {
  return !l.inactive && isWinner(index, l.unit);
}

/** Binds a fixed host port (bound, and not a random host port). */
export function bindsFixedPort(index: WorkspaceIndex | WorkspaceQueries, l: Listener): l is Listener & { ports: PortRange } {
  return !!l.ports && isBound(index, l);
}

const MAPPINGS = new Set(['PublishPort', 'PodmanArgs']);

/**
 * Two mappings of one unit that Podman joins into one (same address and protocol, and the same
 * host-to-container offset, e.g. `8080:80` twice, or `8080-8085:80-85` with `8083-8090:83-90`).
 */
function joinedByPodman(a: Listener, b: Listener): boolean {
  if (a.unit !== b.unit || !MAPPINGS.has(a.source) || !MAPPINGS.has(b.source)) return false;
  if (!a.ports || !b.ports || !a.containerPorts || !b.containerPorts) return false;
  return formatAddress(a.address) === formatAddress(b.address) && a.ports.from - a.containerPorts.from === b.ports.from - b.containerPorts.from;
}

function competes(index: WorkspaceIndex | WorkspaceQueries, l: Listener, o: Listener): boolean {
  return o !== l && bindsOverlap(o, l) && !joinedByPodman(o, l) && bindsFixedPort(index, o);
}

/** Listeners that compete with `l` for a socket on its host (itself excluded); records dependencies. */
export function conflictsOf(queries: WorkspaceQueries, l: Listener, memo?: ConflictMemo): Listener[] {
  if (!l.ports) return [];
  if (queries.recording) for (const k of queryKeys(l.host, l.protocol, l.ports)) queries.depend(k);
  return memoised(memo, l, () =>
    portInventory(queries.index)
      .near(l.host, l.protocol, l.ports!)
      .filter((o) => competes(queries, l, o)),
  );
}

/** Same, without recording dependencies (for the registry and the ports view). */
export function conflictsNow(index: WorkspaceIndex, l: Listener, memo?: ConflictMemo): Listener[] {
  if (!l.ports) return [];
  return memoised(memo, l, () =>
    portInventory(index)
      .near(l.host, l.protocol, l.ports!)
      .filter((o) => competes(index, l, o)),
  );
}

/**
 * Answers shared by the mappings of one unit that Podman joins into one (same unit, address,
 * protocol, ports and offset): they compete with exactly the same listeners. A unit repeating one
 * mapping thousands of times (`-p 1:1 -p 1:1 …` on a 100,000-character line) made the conflict
 * check quadratic; with the memo each distinct mapping is checked once. Keep one memo per pass.
 */
export type ConflictMemo = Map<ParsedUnit, Map<string, Listener[]>>;

function memoised(memo: ConflictMemo | undefined, l: Listener, compute: () => Listener[]): Listener[] {
  if (!memo || !MAPPINGS.has(l.source) || !l.ports || !l.containerPorts) return compute();
  let byUnit = memo.get(l.unit);
  if (!byUnit) memo.set(l.unit, (byUnit = new Map()));
  const key = `${formatAddress(l.address)}|${l.protocol}|${l.ports.from}-${l.ports.to}|${l.ports.from - l.containerPorts.from}`;
  let found = byUnit.get(key);
  if (!found) byUnit.set(key, (found = compute()));
  return found;
}

const ANY4 = { family: 4 as const, value: 0n };
const ANY6 = { family: 6 as const, value: 0n };

/** Loopback (127.0.0.0/8, ::1) or covered by the trusted list (addresses or CIDRs). */
export function isPrivateBind(a: BindAddress, trusted: string[]): boolean {
  switch (a.kind) {
    case 'ip':
      return isLoopback(a.ip) || inAddressList(a.ip, trusted);
    case 'any':
      // A wildcard is private only when the trusted list names the wildcard itself (0.0.0.0, ::, /0).
      if (a.family === 4) return inAddressList(ANY4, trusted);
      return inAddressList(ANY6, trusted) && (a.v6only === true || inAddressList(ANY4, trusted));
    case 'all':
      return inAddressList(ANY4, trusted) && inAddressList(ANY6, trusted);
  }
}

/** `unprivilegedPortStart` of the host: the host's config entry wins over the general setting. */
export function unprivilegedPortStart(host: string, config: QuadletConfig, fallback: number): number {
  const perHost = config.hosts?.[host]?.unprivilegedPortStart;
  return typeof perHost === 'number' ? perHost : fallback;
}

/** A rootless listener whose host ports start below the unprivileged port start. */
export function isPrivilegedForRootless(l: Listener, start: number): boolean {
  return l.scope.rootless === true && !!l.ports && l.ports.from < start;
}

export interface FreePortOptions {
  /** How many consecutive ports are needed (a range keeps its length). */
  length?: number;
  /** Listeners to ignore (the one being moved). */
  ignore?: (l: Listener) => boolean;
}

/**
 * The lowest port above `from` where a listener of that address and protocol would compete with
 * nobody on the host (with `length`, the start of a free run). Undefined when none is left.
 * Used by the port-conflict quick fix, completion and the socket-activation generator.
 */
export function nextFreePort(index: WorkspaceIndex, host: string, address: BindAddress, protocol: Protocol, from: number, options: FreePortOptions = {}): number | undefined {
  const length = Math.max(1, options.length ?? 1);
  const inv = portInventory(index);
  for (let start = Math.max(1, from + 1); start + length - 1 <= 65535; start++) {
    const ports = { from: start, to: start + length - 1 };
    const blocking = inv
      .near(host, protocol, ports)
      .filter((o) => !options.ignore?.(o) && bindsFixedPort(index, o) && addressesOverlap(o.address, address));
    if (blocking.length === 0) return start;
    // Every run that starts at or below the highest blocked port of this run contains it: jump past it.
    start = Math.max(...blocking.map((o) => Math.min(o.ports!.to, ports.to)));
  }
  return undefined;
}
