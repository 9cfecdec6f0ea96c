// One listener: a host port (or range) that a unit binds, wherever it is written (PublishPort=,
// -p in PodmanArgs=, hostPort in a .kube's YAML, Listen*= in a .socket). The same shape serves the
// rules, the quick fixes, the ports view and the registry.

import { BindAddress, PortRange, Protocol } from '../../catalog/values/ports';
import { formatIp } from '../../catalog/values/net';
import { Range } from '../../syntax/model';
import { ParsedUnit } from '../files';
import { Scope } from '../scopes';

export type ListenerSource = 'PublishPort' | 'PodmanArgs' | 'Yaml' | 'ListenStream' | 'ListenDatagram' | 'ListenSequentialPacket';

/** Why Podman never binds a listener although it is written down. */
export type InactiveReason = 'pod-member' | 'host-network' | 'none-network' | 'container-network';

/** One text replacement in one file (the features layer turns it into a code action). */
export interface FileEdit {
  file: string;
  range: Range;
  newText: string;
}

export interface TextSpot {
  file: string;
  range: Range;
}

export interface Listener {
  /** Stable while the text does not move: file, position and protocol. */
  id: string;
  host: string;
  scope: Scope;
  /** The unit that owns the listener (the main unit file, not a drop-in). */
  unit: ParsedUnit;
  source: ListenerSource;
  /** The specification as written: `127.0.0.1:8080:80`, `[::1]:53`, `hostPort: 8080`. */
  text: string;
  /** Where it is written (YAML listeners: in the YAML file). */
  at: TextSpot;
  /** Where diagnostics about it go: a unit file or drop-in (YAML listeners: the .kube's Yaml= value). */
  anchor: { unit: ParsedUnit; range: Range };
  /** The host port piece in `anchor.unit` (YAML listeners: the anchor range), for diagnostics about the port. */
  portRange: Range;
  /** The address piece in `anchor.unit` (brackets included), or the whole specification when no address is written. */
  addressRange: Range;
  address: BindAddress;
  /** Undefined: Podman picks a random host port. */
  ports?: PortRange;
  /** The container side of a Podman mapping (absent for sockets). */
  containerPorts?: PortRange;
  protocol: Protocol;
  inactive?: InactiveReason;
  /** Edit that binds the listener to another address ("127.0.0.1" or "::1"); absent when no exact edit is known. */
  rebind?(ip: string): FileEdit;
  /** Edit that moves the listener to other host ports; absent when no exact edit is known. */
  renumber?(ports: PortRange): FileEdit;
}

export function formatPorts(p: PortRange | undefined): string {
  if (!p) return 'random';
  return p.from === p.to ? String(p.from) : `${p.from}-${p.to}`;
}

/** `*` for every interface, `0.0.0.0`, `[::]`, `127.0.0.1`, `[::1]`. */
export function formatAddress(a: BindAddress): string {
  switch (a.kind) {
    case 'all':
      return '*';
    case 'any':
      return a.family === 4 ? '0.0.0.0' : '[::]';
    case 'ip':
      return a.ip.family === 6 ? `[${formatIp(a.ip)}]` : formatIp(a.ip);
  }
}

/** Words for messages: "every interface", "0.0.0.0 (every IPv4 interface)", "127.0.0.1". */
export function describeAddress(a: BindAddress): string {
  switch (a.kind) {
    case 'all':
      return 'every interface';
    case 'any':
      if (a.family === 4) return '0.0.0.0 (every IPv4 interface)';
      return a.v6only ? '[::] (every IPv6 interface, IPv6 only)' : '[::] (every interface, IPv6 and IPv4)';
    case 'ip':
      return formatAddress(a);
  }
}

/** "8080/tcp on 127.0.0.1", "8080-8090/udp on every interface", for messages. */
export function describeEndpoint(l: Pick<Listener, 'address' | 'ports' | 'protocol'>): string {
  const where = l.address.kind === 'all' ? 'every interface' : formatAddress(l.address);
  return `${formatPorts(l.ports)}/${l.protocol} on ${where}`;
}

/** `127.0.0.1:8080/tcp`, `*:random/tcp`. */
export function endpointLabel(l: Pick<Listener, 'address' | 'ports' | 'protocol'>): string {
  return `${formatAddress(l.address)}:${formatPorts(l.ports)}/${l.protocol}`;
}

export function ownerLabel(scope: Scope): string {
  if (scope.owner === undefined) return 'unknown owner';
  if (scope.owner === '*') return 'every rootless user';
  if (scope.owner === 'root') return 'root';
  return `user ${scope.owner}`;
}

/** A file's path relative to its search directory ("metrics.container", "web.container.d/10.conf"). */
export function shortPath(file: string, searchDir?: string): string {
  if (searchDir && file.startsWith(searchDir + '/')) return file.slice(searchDir.length + 1);
  return file.slice(file.lastIndexOf('/') + 1);
}

/** "user bob's metrics.container line 7" — where a listener is written, for messages. */
export function describePlace(l: Listener): string {
  const dir = l.unit.file.placement.searchDir;
  const where = `${shortPath(l.at.file, dir)} line ${l.at.range.start.line + 1}`;
  const via = l.source === 'Yaml' ? ` (via ${l.unit.name})` : '';
  return `${ownerLabel(l.scope)}'s ${where}${via}`;
}
