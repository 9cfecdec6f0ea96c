// Facts about socket activation that both the rules and the activator generator need: which systemd
// service a quadlet generates, which unit provides a service name in a scope, what a
// systemd-socket-proxyd command forwards to, which units a service starts, what a socket listens on.
// Every workspace question goes through WorkspaceQueries so dependencies are recorded.

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { BindAddress, ListenSpec, Protocol, PublishSpec, parseListen, parsePublishPort } from '../catalog/values/ports';
import { IpAddress, canonicalIp, parseIp } from '../catalog/values/net';
import { Entry } from '../syntax/model';
import { splitWords } from '../syntax/words';
import { ParsedUnit } from './files';
import { generatedNames } from './names';
import { WorkspaceQueries } from './queries';
import { Scope, servesScope } from './scopes';
import { SourcedEntry, UnitView } from './unit-view';

export const PROXYD_NAME = 'systemd-socket-proxyd';
/** Fedora and Debian ≥ 12 (merged /usr); older Debian also has /lib/systemd/systemd-socket-proxyd. */
export const DEFAULT_PROXYD_PATH = '/usr/lib/systemd/systemd-socket-proxyd';

/** systemd's boolean parser (parse_boolean): undefined when the value is not a boolean. */
export function parseSystemdBool(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['1', 'yes', 'y', 'true', 't', 'on'].includes(v)) return true;
  if (['0', 'no', 'n', 'false', 'f', 'off'].includes(v)) return false;
  return undefined;
}

/**
 * The systemd service a quadlet generates (`db.container` → `db.service`, `web.pod` → `web-pod.service`,
 * `ServiceName=x` → `x.service`), as the workspace's generated-name table says for that Podman version.
 */
export function generatedServiceName(view: UnitView, podmanVersion: string): string | undefined {
  return generatedNames(view, podmanVersion)?.service;
}

const PROVIDER_TYPES = new Set(['container', 'kube', 'pod']);

/**
 * The unit behind a systemd service name in a scope: a plain `.service` file (it overrides generated
 * units), else the quadlet of the scope that generates it (through the index of generated service names,
 * so a file that gains or loses a matching `ServiceName=` re-checks the asking unit).
 */
export function resolveService(q: WorkspaceQueries, scope: Scope, service: string): ParsedUnit | undefined {
  if (!service.endsWith('.service')) return undefined;
  const plain = q.candidates(scope, service).find((u) => u.type === 'service');
  if (plain) return plain;
  return q
    .unitsGeneratingService(scope.host, service)
    .find((u) => isQuadletType(u.type) && servesScope(u.file.placement, scope) && q.resolve(scope, u.name) === u && generatedServiceName(q.view(u), q.podmanVersion) === service);
}

/** A unit name inside a dependency list, with its offsets in the entry's value. */
export interface UnitRef {
  name: string;
  key: string;
  entry: Entry;
  unit: ParsedUnit;
  start: number;
  end: number;
}

/** Unit names listed by the given [Unit] keys (space-separated lists; an empty value resets). */
export function unitRefs(view: UnitView, keys: string[]): UnitRef[] {
  const out: UnitRef[] = [];
  for (const key of keys) {
    for (const { entry, unit } of view.values('Unit', key)) {
      for (const w of splitWords(entry.value).words) out.push({ name: w.text, key, entry, unit, start: w.start, end: w.end });
    }
  }
  return out;
}

/** Dependencies that start the listed unit together with this one. */
export const STARTING_DEPENDENCIES = ['Requires', 'BindsTo', 'Wants', 'Upholds'];

export type ProxyTarget =
  | { kind: 'inet'; host: string; ip?: IpAddress; port: number }
  | { kind: 'unix'; path: string };

export interface ProxydCommand {
  sourced: SourcedEntry;
  /** The program as written (absolute path expected). */
  program: string;
  target?: ProxyTarget;
  /** Offsets of the target word in the entry's value. */
  targetStart: number;
  targetEnd: number;
  idleTimeout?: string;
}

const PREFIXES = /^[-@:+!]+/;

/** Reads `ExecStart=…/systemd-socket-proxyd [OPTIONS] TARGET` of a service. */
export function proxydCommand(view: UnitView): ProxydCommand | undefined {
  for (const sourced of view.values('Service', 'ExecStart')) {
    const words = splitWords(sourced.entry.value).words;
    if (!words.length) continue;
    const program = words[0].text.replace(PREFIXES, '');
    if (program.split('/').pop() !== PROXYD_NAME) continue;
    let idleTimeout: string | undefined;
    for (let i = 1; i < words.length; i++) {
      const w = words[i].text;
      if (w.startsWith('--exit-idle-time=')) idleTimeout = w.slice('--exit-idle-time='.length);
      else if (w === '--exit-idle-time' || w === '-c' || w === '--connections-max') {
        if (w === '--exit-idle-time') idleTimeout = words[i + 1]?.text;
        i++;
      } else if (!w.startsWith('-')) {
        return { sourced, program, target: parseProxyTarget(w), targetStart: words[i].start, targetEnd: words[i].end, idleTimeout };
      }
    }
    return { sourced, program, targetStart: 0, targetEnd: 0, idleTimeout };
  }
  return undefined;
}

/** `HOST:PORT`, `[IPv6]:PORT` or a unix socket path, as systemd-socket-proxyd takes it. */
export function parseProxyTarget(text: string): ProxyTarget | undefined {
  if (text.startsWith('/') || text.startsWith('@')) return { kind: 'unix', path: text };
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]]+):(\d+)$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const ip = parseIp(m[1]);
  return { kind: 'inet', host: m[1], ip: ip ? canonicalIp(ip) : undefined, port };
}

/** Can a connection to `host` reach a listener bound to `bind`? (`localhost` is either loopback.) */
export function reaches(target: { host: string; ip?: IpAddress }, bind: BindAddress): boolean {
  const candidates: IpAddress[] = target.ip ? [target.ip] : target.host === 'localhost' ? [parseIp('127.0.0.1')!, parseIp('::1')!] : [];
  return candidates.some((ip) => {
    if (bind.kind === 'all') return true;
    if (bind.kind === 'any') return bind.family === ip.family || (bind.family === 6 && !bind.v6only);
    return bind.ip.family === ip.family && bind.ip.value === ip.value;
  });
}

export interface Published {
  sourced: SourcedEntry;
  spec: PublishSpec;
}

/** Effective PublishPort= values of a container, pod or kube unit. */
export function publishedPorts(view: UnitView): Published[] {
  const type = view.type;
  if (!isQuadletType(type) || !PROVIDER_TYPES.has(type)) return [];
  return view.values(MAIN_SECTION[type], 'PublishPort').map((sourced) => ({ sourced, spec: parsePublishPort(sourced.entry.value) }));
}

/** Does this publish spec bind `host:port` for TCP? */
export function publishServes(spec: PublishSpec, target: { host: string; ip?: IpAddress; port: number }): boolean {
  if (spec.problems.length || !spec.hostPorts || !spec.protocols.includes('tcp')) return false;
  return target.port >= spec.hostPorts.from && target.port <= spec.hostPorts.to && reaches(target, spec.address);
}

export interface SocketListener {
  sourced: SourcedEntry;
  spec: ListenSpec;
  proto: Protocol;
}

const LISTEN_KEYS: Array<[string, Protocol]> = [
  ['ListenStream', 'tcp'],
  ['ListenDatagram', 'udp'],
  ['ListenSequentialPacket', 'sctp'],
];

/** Listen*= values of a socket unit (effective, with drop-ins). */
export function socketListeners(view: UnitView): SocketListener[] {
  const out: SocketListener[] = [];
  for (const [key, proto] of LISTEN_KEYS) {
    for (const sourced of view.values('Socket', key)) out.push({ sourced, spec: parseListen(sourced.entry.value), proto });
  }
  return out;
}

/** Does a listener bind exactly this address and port? */
export function listenerIs(l: SocketListener, address: BindAddress, port: number, proto: Protocol): boolean {
  if (l.spec.kind !== 'port' || l.proto !== proto || l.spec.port !== port) return false;
  return sameBind(l.spec.address, address);
}

export function sameBind(a: BindAddress, b: BindAddress): boolean {
  if (a.kind === 'ip' && b.kind === 'ip') return a.ip.family === b.ip.family && a.ip.value === b.ip.value;
  if (a.kind === 'any' && b.kind === 'any') return a.family === b.family;
  return a.kind === b.kind && a.kind === 'all';
}

/** Is `Accept=` true on this socket? Returns the winning entry too. */
export function socketAccept(view: UnitView): { accept: boolean; sourced?: SourcedEntry } {
  const sourced = view.last('Socket', 'Accept');
  return { accept: sourced ? parseSystemdBool(sourced.entry.value) === true : false, sourced };
}

/**
 * Service names a socket may activate: `Service=` when set; otherwise the socket's own name as
 * `.service`, and for Accept=yes the template `name@.service` (systemd starts one instance per connection).
 */
export function socketServiceNames(view: UnitView): string[] {
  const explicit = view.last('Socket', 'Service');
  if (explicit && explicit.entry.value.trim()) return [explicit.entry.value.trim()];
  const stem = view.name.replace(/\.socket$/, '');
  return socketAccept(view).accept ? [`${stem}@.service`, `${stem}.service`] : [`${stem}.service`];
}
