// Port specifications: Podman's PublishPort (`[ip:][hostPort:]containerPort[/proto]`) and systemd's
// Listen*= socket addresses. Both produce the same listener model so the inventory can compare them.
// Every piece keeps its offsets in the value, so diagnostics point at the bad part only.

import { IpAddress, canonicalIp, isUnspecified, parseIp } from './net';
import { commaItems } from './lists';
import { Piece, ValueProblem, ValueResult, problem, shift } from './types';

export type { Piece, ValueProblem };

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

/** `port` or `start-end`, as podman's parseAndValidateRange reads it (1-65535, end > start). */
function parsePortRange(text: string, start: number, what: string, problems: ValueProblem[]): PortRange | undefined {
  // The usual case, one valid port, without splitting and regular expressions.
  if (isDigits(text)) {
    const port = Number(text);
    if (port >= 1 && port <= 65535) return { from: port, to: port };
  }
  const piece = { start, end: start + text.length };
  const bounds = text.split('-');
  const bad = (message: string) => {
    problems.push(problem(piece.start, piece.end, message));
    return undefined;
  };
  if (bounds.length > 2 || !bounds.every((b) => /^\d+$/.test(b))) return bad(`"${text}" is not a ${what} port or port range (8080 or 8000-8010)`);
  const [from, to = from] = bounds.map(Number);
  if (from < 1 || from > 65535 || to < 1 || to > 65535) return bad(`${what} port ${text} is outside 1-65535`);
  if (bounds.length === 2 && to <= from) return bad(`the ${what} port range ${text} must end above its start`);
  return { from, to };
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const NOTE = '; podman refuses it when the unit starts.';

// Several consumers parse the same values (the grammar, the port inventory, container-loopback,
// the activator); values also repeat across users. Bounded like the grammar memo.
const PUBLISH_MEMO_LIMIT = 50_000;
let publishMemo = new Map<string, PublishSpec>();

/**
 * Parses one PublishPort value (already unquoted). Offsets are relative to `value`. The result is
 * shared between equal values: callers must not mutate it.
 */
export function parsePublishPort(value: string): PublishSpec {
  let spec = publishMemo.get(value);
  if (!spec) {
    if (publishMemo.size >= PUBLISH_MEMO_LIMIT) publishMemo = new Map();
    publishMemo.set(value, (spec = computePublishSpec(value)));
  }
  return spec;
}

function computePublishSpec(value: string): PublishSpec {
  const problems: ValueProblem[] = [];
  const spec: PublishSpec = { address: { kind: 'all' }, protocols: ['tcp'], problems };
  const fail = (start: number, end: number, message: string) => {
    problems.push(problem(start, end, message + NOTE));
    return spec;
  };
  const slashes = value.split('/');
  if (slashes.length > 2) return fail(value.indexOf('/'), value.length, 'the protocol can be given only once (80/tcp, or 80/tcp,udp for both)');
  let body = value;
  if (slashes.length === 2) {
    const slash = value.indexOf('/');
    const protoText = value.slice(slash + 1);
    spec.protocolPiece = { start: slash + 1, end: value.length };
    if (protoText === '') return fail(slash, value.length, 'the protocol after "/" is empty');
    const protos = protoText.split(',').map((p) => (p === '' ? 'tcp' : p.toLowerCase()));
    const unknown = protos.find((p) => !PROTOCOLS.has(p));
    if (unknown !== undefined) fail(slash + 1, value.length, `unknown protocol "${unknown}" (tcp, udp or sctp)`);
    else spec.protocols = [...new Set(protos)] as Protocol[];
    body = value.slice(0, slash);
  }
  let offset = 0;
  let rest = body;
  let v6 = false;
  const brackets = body.split(']');
  if (brackets.length > 2) return fail(0, body.length, 'at most one [IPv6] address can be given');
  if (brackets.length === 2) {
    v6 = true;
    if (!brackets[0].startsWith('[')) return fail(0, brackets[0].length + 1, 'an IPv6 address must be enclosed in [ ]');
    if (!brackets[1].startsWith(':')) return fail(0, body.length, 'the [address] must be followed by ":hostPort:containerPort"');
    setAddress(spec, brackets[0].slice(1), 1);
    offset = brackets[0].length + 2;
    rest = brackets[1].slice(1);
  }
  const parts = rest.split(':');
  if (parts.length === 1) {
    if (v6) return fail(0, body.length, 'with an address, give hostPort:containerPort too (hostPort may be empty)');
    return finishPorts(spec, undefined, 0, parts[0], offset);
  }
  if (parts.length === 2) return finishPorts(spec, parts[0], offset, parts[1], offset + parts[0].length + 1);
  if (parts.length === 3 && !v6) {
    setAddress(spec, parts[0], 0);
    return finishPorts(spec, parts[1], parts[0].length + 1, parts[2], parts[0].length + parts[1].length + 2);
  }
  return fail(0, body.length, v6 ? 'after [address] comes hostPort:containerPort' : 'too many ":"; the form is [ip:][hostPort:]containerPort[/protocol], with IPv6 addresses in brackets');
}

function setAddress(spec: PublishSpec, text: string, start: number): void {
  spec.addressText = text;
  spec.addressPiece = { start, end: start + text.length };
  if (text === '') {
    spec.problems.push(problem(start, start + 1, 'the host address before ":" is empty (leave out "ip:" entirely to bind every address)' + NOTE));
    return;
  }
  const ip = parseIp(text);
  if (!ip) spec.problems.push(problem(start, start + text.length, `"${text}" is not an IP address${text.includes(':') ? '' : ' (IPv6 addresses go in brackets: [::1]:8080:80)'}` + NOTE));
  else spec.address = toBindAddress(ip);
}

function finishPorts(spec: PublishSpec, hostText: string | undefined, hostStart: number, containerText: string, containerStart: number): PublishSpec {
  const problems = spec.problems;
  const before = problems.length;
  if (hostText !== undefined && hostText !== '') {
    spec.hostPiece = { start: hostStart, end: hostStart + hostText.length };
    spec.hostPorts = parsePortRange(hostText, hostStart, 'host', problems);
  }
  spec.containerPiece = { start: containerStart, end: containerStart + containerText.length };
  if (containerText === '') problems.push(problem(Math.max(0, containerStart - 1), containerStart, 'the container port after ":" is missing'));
  else spec.containerPorts = parsePortRange(containerText, containerStart, 'container', problems);
  const h = spec.hostPorts;
  const c = spec.containerPorts;
  if (h && c && h.to - h.from !== c.to - c.from) {
    problems.push(problem(hostStart, containerStart + containerText.length, `host range ${hostText} and container range ${containerText} have different lengths`));
  }
  for (let i = before; i < problems.length; i++) if (!problems[i].message.endsWith(NOTE)) problems[i] = { ...problems[i], message: problems[i].message + NOTE };
  return spec;
}

/**
 * PublishPort=: podman's --publish flag splits its argument at commas, so one value may publish
 * several mappings (`8080:80,8443:443`); `53:53/tcp,udp` is therefore a mapping and a bad "udp".
 */
export function parsePublishPortList(value: string): PublishSpec[] {
  // One mapping (the usual case): nothing to move.
  if (!value.includes(',')) return [parsePublishPort(value)];
  return commaItems(value).map((item, i) => {
    const spec = parsePublishPort(item.text);
    const moved = (p: Piece | undefined) => (p ? { start: p.start + item.start, end: p.end + item.start } : undefined);
    const out: PublishSpec = {
      ...spec,
      addressPiece: moved(spec.addressPiece),
      hostPiece: moved(spec.hostPiece),
      containerPiece: moved(spec.containerPiece),
      protocolPiece: moved(spec.protocolPiece),
      problems: shift(spec.problems, item.start),
    };
    if (i > 0 && item.text === '') {
      out.problems = [problem(item.start - 1, item.start, 'nothing follows this ","; podman splits PublishPort= at commas and refuses the empty item' + NOTE)];
    } else if (i > 0 && PROTOCOLS.has(item.text.toLowerCase().replace(/^\/|\/.*$/g, ''))) {
      out.problems = [problem(item.start, item.start + item.text.length, `podman splits PublishPort= at commas, so "${item.text}" is read as a port on its own; write a second PublishPort= line for ${item.text}` + NOTE)];
    }
    return out;
  });
}

/**
 * ExposeHostPort=: the generator checks each value (trimmed) against `\d+(-\d+)?(/udp|/tcp)?$` —
 * anchored only at the end — and refuses the file otherwise; podman then splits it at commas and
 * needs a port or range (with an optional protocol) in every item.
 */
export function parseExposePort(value: string): ValueResult {
  const text = value.trim();
  const lead = value.indexOf(text);
  if (!/\d+(-\d+)?(\/udp|\/tcp)?$/.test(text)) {
    const hint = /\/(sctp|tcp|udp)$/i.test(text) ? ' (only /tcp or /udp, lower case)' : '';
    return { problems: [problem(lead, lead + text.length, `"${text}" does not end in port[-port][/tcp|/udp]${hint}; the generator refuses it ("invalid port format").`)] };
  }
  const problems: ValueProblem[] = [];
  for (const item of commaItems(text, lead)) {
    const m = /^([^/]*)(?:\/(.*))?$/.exec(item.text)!;
    parsePortRange(m[1], item.start, 'exposed', problems);
    if (m[2] !== undefined && !PROTOCOLS.has(m[2].toLowerCase())) {
      const at = item.start + m[1].length + 1;
      problems.push(problem(at, at + m[2].length, `unknown protocol "${m[2]}" (tcp, udp or sctp)`));
    }
  }
  return { problems: problems.map((p) => ({ ...p, message: p.message + NOTE })) };
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
