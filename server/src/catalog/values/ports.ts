// Port specifications: Podman's PublishPort (`[ip:][hostPort:]containerPort[/proto]`) and systemd's
// Listen*= socket addresses. Both produce the same listener model so the inventory can compare them.
// Every piece keeps its offsets in the value, so diagnostics point at the bad part only.

import { IpAddress, canonicalIp, isUnspecified, parseIp } from './net';

export type Protocol = 'tcp' | 'udp' | 'sctp';

/** Where a listener binds. */
export type BindAddress =
  /** No address given: every interface, IPv4 and IPv6. */
  | { kind: 'all' }
  /** 0.0.0.0 (every IPv4 interface) or :: (every IPv6 interface; `v6only` when IPv4 is excluded). */
  | { kind: 'any'; family: 4 | 6; v6only?: boolean }
  | { kind: 'ip'; ip: IpAddress };

export interface PortRange {
  from: number;
  to: number;
}

export interface Piece {
  start: number;
  end: number;
}

export interface ValueProblem extends Piece {
  message: string;
}

export interface PublishSpec {
  address: BindAddress;
  addressText?: string;
  addressPiece?: Piece;
  /** Undefined when Podman picks a random host port (`80`, `ip::80`). */
  hostPorts?: PortRange;
  hostPiece?: Piece;
  containerPorts?: PortRange;
  containerPiece?: Piece;
  protocols: Protocol[];
  protocolPiece?: Piece;
  problems: ValueProblem[];
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export function toBindAddress(ip: IpAddress): BindAddress {
  const c = canonicalIp(ip);
  if (isUnspecified(c)) return { kind: 'any', family: c.family };
  return { kind: 'ip', ip: c };
}

function parsePortRange(text: string, start: number, what: string, problems: ValueProblem[], allowZero = false): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  const piece = { start, end: start + text.length };
  if (!m) {
    problems.push({ ...piece, message: `"${text}" is not a ${what} port or port range` });
    return undefined;
  }
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > 65535 || to > 65535 || (!allowZero && from === 0)) {
    problems.push({ ...piece, message: `${what} port ${text} is outside 1-65535` });
    return undefined;
  }
  if (to < from) {
    problems.push({ ...piece, message: `the ${what} port range ${text} ends before it starts` });
    return undefined;
  }
  return { from, to };
}

/** Parses one PublishPort value (already unquoted). Offsets are relative to `value`. */
export function parsePublishPort(value: string): PublishSpec {
  const problems: ValueProblem[] = [];
  const spec: PublishSpec = { address: { kind: 'all' }, protocols: ['tcp'], problems };
  let body = value;
  const slash = value.lastIndexOf('/');
  if (slash !== -1) {
    const protoText = value.slice(slash + 1);
    spec.protocolPiece = { start: slash + 1, end: value.length };
    const protos = protoText.split(',').map((p) => p.toLowerCase());
    if (protos.every((p) => PROTOCOLS.has(p))) spec.protocols = protos as Protocol[];
    else problems.push({ ...spec.protocolPiece, message: `unknown protocol "${protoText}" (tcp, udp or sctp)` });
    body = value.slice(0, slash);
  }
  let offset = 0;
  // An IPv6 address is written in brackets: [::1]:8080:80
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close === -1 || body[close + 1] !== ':') {
      problems.push({ start: 0, end: body.length, message: 'an IPv6 address must be written as [address]:hostPort:containerPort' });
      return spec;
    }
    const text = body.slice(1, close);
    spec.addressText = text;
    spec.addressPiece = { start: 1, end: close };
    const ip = parseIp(text);
    if (!ip || ip.family !== 6) problems.push({ ...spec.addressPiece, message: `"${text}" is not an IPv6 address` });
    else spec.address = toBindAddress(ip);
    offset = close + 2;
    body = body.slice(offset);
    const parts = body.split(':');
    if (parts.length !== 2) {
      problems.push({ start: offset, end: offset + body.length, message: 'after the address comes hostPort:containerPort (hostPort may be empty)' });
      return spec;
    }
    return finishPorts(spec, parts[0], offset, parts[1], offset + parts[0].length + 1);
  }
  const parts = body.split(':');
  if (parts.length === 1) return finishPorts(spec, undefined, 0, parts[0], 0);
  if (parts.length === 2) return finishPorts(spec, parts[0], 0, parts[1], parts[0].length + 1);
  if (parts.length === 3) {
    const text = parts[0];
    spec.addressText = text;
    spec.addressPiece = { start: 0, end: text.length };
    const ip = parseIp(text);
    if (!ip || ip.family !== 4) problems.push({ ...spec.addressPiece, message: text === '' ? 'the host address is empty' : `"${text}" is not an IPv4 address (write IPv6 addresses in brackets)` });
    else spec.address = toBindAddress(ip);
    return finishPorts(spec, parts[1], text.length + 1, parts[2], text.length + parts[1].length + 2);
  }
  problems.push({ start: 0, end: body.length, message: 'too many ":"; the form is [ip:][hostPort:]containerPort[/protocol] (IPv6 in brackets)' });
  return spec;
}

function finishPorts(spec: PublishSpec, hostText: string | undefined, hostStart: number, containerText: string, containerStart: number): PublishSpec {
  const problems = spec.problems;
  spec.containerPiece = { start: containerStart, end: containerStart + containerText.length };
  if (containerText === '') problems.push({ ...spec.containerPiece, message: 'the container port is missing' });
  else spec.containerPorts = parsePortRange(containerText, containerStart, 'container', problems);
  if (hostText !== undefined && hostText !== '') {
    spec.hostPiece = { start: hostStart, end: hostStart + hostText.length };
    const host = parsePortRange(hostText, hostStart, 'host', problems, true);
    // Host port 0 asks for a random port, like leaving it empty.
    if (host && !(host.from === 0 && host.to === 0)) spec.hostPorts = host;
    const c = spec.containerPorts;
    if (host && c && host.to - host.from !== c.to - c.from && c.to !== c.from) {
      problems.push({ ...spec.hostPiece, message: `host range ${hostText} and container range ${containerText} have different lengths` });
    }
  }
  return spec;
}

export type ListenSpec =
  | { kind: 'port'; address: BindAddress; port: number; portPiece: Piece; addressPiece?: Piece }
  | { kind: 'unix' | 'abstract' | 'vsock' | 'netlink' | 'fifo' }
  | { kind: 'invalid'; message: string; piece: Piece };

/** Parses a systemd ListenStream=/ListenDatagram=/ListenSequentialPacket= value. */
export function parseListen(value: string): ListenSpec {
  const v = value.trim();
  const lead = value.indexOf(v);
  if (v.startsWith('/')) return { kind: 'unix' };
  if (v.startsWith('@')) return { kind: 'abstract' };
  if (/^vsock:/i.test(v)) return { kind: 'vsock' };
  const portOf = (text: string, start: number): { port: number; piece: Piece } | { error: ListenSpec } => {
    const piece = { start, end: start + text.length };
    if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 65535) return { error: { kind: 'invalid', message: `"${text}" is not a port (1-65535)`, piece } };
    return { port: Number(text), piece };
  };
  if (/^\d+$/.test(v)) {
    const p = portOf(v, lead);
    if ('error' in p) return p.error;
    return { kind: 'port', address: { kind: 'all' }, port: p.port, portPiece: p.piece };
  }
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    if (close === -1 || v[close + 1] !== ':') return { kind: 'invalid', message: 'an IPv6 socket address is written [address]:port', piece: { start: lead, end: lead + v.length } };
    const ip = parseIp(v.slice(1, close));
    const addressPiece = { start: lead + 1, end: lead + close };
    if (!ip || ip.family !== 6) return { kind: 'invalid', message: `"${v.slice(1, close)}" is not an IPv6 address`, piece: addressPiece };
    const p = portOf(v.slice(close + 2), lead + close + 2);
    if ('error' in p) return p.error;
    return { kind: 'port', address: toBindAddress(ip), port: p.port, portPiece: p.piece, addressPiece };
  }
  const colon = v.lastIndexOf(':');
  if (colon > 0) {
    const host = v.slice(0, colon);
    const addressPiece = { start: lead, end: lead + colon };
    const ip = parseIp(host);
    if (!ip || ip.family !== 4) return { kind: 'invalid', message: `"${host}" is not an IPv4 address (write IPv6 addresses in brackets)`, piece: addressPiece };
    const p = portOf(v.slice(colon + 1), lead + colon + 1);
    if ('error' in p) return p.error;
    return { kind: 'port', address: toBindAddress(ip), port: p.port, portPiece: p.piece, addressPiece };
  }
  return { kind: 'invalid', message: `"${v}" is not a port, address:port, [IPv6]:port, unix path, @abstract or vsock: address`, piece: { start: lead, end: lead + v.length } };
}
