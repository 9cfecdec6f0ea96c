// The listeners of one effective unit (file + drop-ins): PublishPort= and PodmanArgs -p/--publish
// of .container/.pod/.kube files, hostPort entries of a .kube's YAML, and ListenStream=/
// ListenDatagram=/ListenSequentialPacket= of .socket files. Invalid or templated values yield
// nothing (other rules report them). A template (`web@.container`) is never started itself, so it
// has no listeners; its instances do.

import { MAIN_SECTION, unitNameParts } from '../../catalog/filetypes';
import { parseIp } from '../../catalog/values/net';
import { BindAddress, Piece, PortRange, Protocol, parseListen, parsePublishPort, toBindAddress } from '../../catalog/values/ports';
import { Entry, Range, valuePieceRange } from '../../syntax/model';
import { ParsedUnit } from '../files';
import { networkSettings, specialNetwork } from '../network-mode';
import { podmanArgsOf } from '../podman-args';
import { UnitView } from '../unit-view';
import { kubeYamlPorts } from './kube-yaml';
import { FileEdit, InactiveReason, Listener, ListenerSource, formatPorts } from './model';
import { yamlRefs } from './yaml-path';

export interface ExtractOptions {
  /** Text of another workspace file (the YAML a .kube names), if the index holds it. */
  readText(path: string): string | undefined;
}

export interface Extracted {
  listeners: Listener[];
  /** YAML files the unit names (read or not), so their changes re-inventory the unit. */
  yamlFiles: string[];
}

/** Maps offsets of a specification to ranges; `exact` says whether edits may use them. */
interface Geometry {
  file: string;
  unit: ParsedUnit;
  range(start: number, end: number): Range;
  exact: boolean;
}

function entryGeometry(entry: Entry, unit: ParsedUnit, offset = 0, exact = true, whole?: Range): Geometry {
  return {
    file: unit.file.path,
    unit,
    exact,
    range: (s, e) => (exact ? valuePieceRange(entry, offset + s, offset + e) : whole!),
  };
}

function ipText(ip: string, bracketV6: boolean): string {
  return bracketV6 && ip.includes(':') ? `[${ip}]` : ip;
}

/** The address piece widened to its brackets (`[::1]`), in spec offsets. */
function bracketed(text: string, p: Piece): Piece {
  return text[p.start - 1] === '[' && text[p.end] === ']' ? { start: p.start - 1, end: p.end + 1 } : p;
}

interface Common {
  view: UnitView;
  source: ListenerSource;
  inactive?: InactiveReason;
}

function listenerId(unit: ParsedUnit, file: string, r: Range, protocol: Protocol): string {
  return `${unit.file.path}#${unit.name}|${file}:${r.start.line}:${r.start.character}|${protocol}`;
}

/** What differs between listener sources; makeListener adds the rest. */
type Shape = Pick<Listener, 'text' | 'at' | 'anchor' | 'portRange' | 'addressRange' | 'address' | 'ports' | 'containerPorts' | 'protocol'>;

// Every listener gets every field (one object shape): hosts with thousands of units stay fast.
function makeListener(c: Common, s: Shape): Listener {
  const scope = c.view.main.file.placement.scope;
  return {
    id: listenerId(c.view.main, s.at.file, s.at.range, s.protocol),
    host: scope.host,
    scope,
    unit: c.view.main,
    source: c.source,
    text: s.text,
    at: s.at,
    anchor: s.anchor,
    portRange: s.portRange,
    addressRange: s.addressRange,
    address: s.address,
    ports: s.ports,
    containerPorts: s.containerPorts,
    protocol: s.protocol,
    inactive: c.inactive,
    rebind: undefined,
    renumber: undefined,
  };
}

function fromPublish(c: Common, text: string, g: Geometry): Listener[] {
  const spec = parsePublishPort(text);
  if (spec.problems.length) return [];
  const whole = g.range(0, text.length);
  const addressPiece = spec.addressPiece ? bracketed(text, spec.addressPiece) : undefined;
  const portRange = spec.hostPiece ? g.range(spec.hostPiece.start, spec.hostPiece.end) : whole;
  const addressRange = addressPiece ? g.range(addressPiece.start, addressPiece.end) : whole;
  return spec.protocols.map((protocol) => {
    const l = makeListener(c, {
      text,
      at: { file: g.file, range: whole },
      anchor: { unit: g.unit, range: whole },
      portRange,
      addressRange,
      address: spec.address,
      ports: spec.hostPorts,
      containerPorts: spec.containerPorts,
      protocol,
    });
    if (g.exact) addPublishEdits(l, g, text, addressPiece !== undefined, addressRange, spec.hostPiece && spec.hostPorts ? portRange : undefined);
    return l;
  });
}

// Separate from fromPublish on purpose: closures made there would keep its whole scope alive
// (the unit's view with all its entries) for as long as the listener lives.
function addPublishEdits(l: Listener, g: Geometry, text: string, hasAddress: boolean, addressRange: Range, portRange: Range | undefined): void {
  l.rebind = (ip) => {
    if (hasAddress) return { file: g.file, range: addressRange, newText: ipText(ip, true) };
    // "8080:80" and ":80" gain "ip:"; a bare "80" needs an empty host port: "ip::80".
    const glue = text.split('/')[0].includes(':') ? ':' : '::';
    return { file: g.file, range: g.range(0, 0), newText: ipText(ip, true) + glue };
  };
  if (portRange) l.renumber = (ports) => ({ file: g.file, range: portRange, newText: formatPorts(ports) });
}

const LISTEN_PROTOCOL: Record<string, Protocol> = { ListenStream: 'tcp', ListenDatagram: 'udp', ListenSequentialPacket: 'sctp' };

function socketListeners(view: UnitView): Listener[] {
  const v6only = view.last('Socket', 'BindIPv6Only')?.entry.value.trim() === 'ipv6-only';
  const out: Listener[] = [];
  for (const key of Object.keys(LISTEN_PROTOCOL)) {
    for (const { entry, unit } of view.values('Socket', key)) {
      if (entry.templated) continue;
      const spec = parseListen(entry.value);
      if (spec.kind !== 'port') continue;
      let address: BindAddress = spec.address;
      if (v6only && address.kind === 'all') address = { kind: 'any', family: 6, v6only: true };
      else if (v6only && address.kind === 'any' && address.family === 6) address = { ...address, v6only: true };
      const g = entryGeometry(entry, unit);
      const protocol = LISTEN_PROTOCOL[key];
      const addressPiece = spec.addressPiece ? bracketed(entry.value, spec.addressPiece) : undefined;
      const portPiece = spec.portPiece;
      const whole = g.range(0, entry.value.length);
      const portRange = g.range(portPiece.start, portPiece.end);
      const addressRange = addressPiece ? g.range(addressPiece.start, addressPiece.end) : whole;
      const l = makeListener(
        { view, source: key as ListenerSource },
        { text: entry.value, at: { file: g.file, range: whole }, anchor: { unit, range: whole }, portRange, addressRange, address, ports: { from: spec.port, to: spec.port }, protocol },
      );
      l.rebind = (ip) =>
        addressPiece
          ? { file: g.file, range: addressRange, newText: ipText(ip, true) }
          : { file: g.file, range: g.range(portPiece.start, portPiece.start), newText: `${ipText(ip, true)}:` };
      l.renumber = (ports) => ({ file: g.file, range: portRange, newText: String(ports.from) });
      out.push(l);
    }
  }
  return out;
}

function inactiveReason(view: UnitView): InactiveReason | undefined {
  if (view.type === 'container' && (view.last('Container', 'Pod')?.entry.value.trim() ?? '') !== '') return 'pod-member';
  switch (specialNetwork(networkSettings(view))?.mode) {
    case 'host':
      return 'host-network';
    case 'none':
      return 'none-network';
    case 'container':
      return 'container-network';
    default:
      return undefined;
  }
}

function yamlListeners(view: UnitView, publishes: Listener[], publishAll: boolean, inactive: InactiveReason | undefined, options: ExtractOptions, yamlFiles: string[]): Listener[] {
  const out: Listener[] = [];
  // --publish wins over the YAML for the same container port (kube play merges by containerPort).
  const overridden = (port: number | undefined) =>
    port !== undefined && publishes.some((p) => {
      const c = parsePublishPort(p.text).containerPorts;
      return !!c && c.from <= port && port <= c.to;
    });
  for (const ref of yamlRefs(view)) {
    yamlFiles.push(ref.path);
    const text = options.readText(ref.path);
    if (text === undefined) continue;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    for (const p of kubeYamlPorts(text)) {
      const hostPort = p.hostPort ?? (publishAll ? p.containerPort : undefined);
      if (hostPort === undefined || overridden(p.containerPort)) continue;
      let address: BindAddress = { kind: 'all' };
      if (p.hostIP !== undefined) {
        const ip = parseIp(p.hostIP);
        if (!ip) continue;
        address = toBindAddress(ip);
      }
      const l = makeListener(
        { view, source: 'Yaml', inactive },
        {
          text: p.text,
          at: { file: ref.path, range: p.hostPortRange ?? p.range },
          anchor: { unit: ref.unit, range: ref.range },
          portRange: ref.range,
          addressRange: ref.range,
          address,
          ports: { from: hostPort, to: hostPort },
          containerPorts: p.containerPort !== undefined ? { from: p.containerPort, to: p.containerPort } : undefined,
          protocol: p.protocol,
        },
      );
      const hostPortRange = p.hostPortRange;
      if (hostPortRange) l.renumber = (ports: PortRange): FileEdit => ({ file: ref.path, range: hostPortRange, newText: String(ports.from) });
      const hostIPRange = p.hostIPRange;
      const insert = p.insertAfter;
      if (hostIPRange) l.rebind = (ip) => ({ file: ref.path, range: hostIPRange, newText: ip.includes(':') ? `"${ip}"` : ip });
      else if (insert) {
        l.rebind = (ip) => ({
          file: ref.path,
          range: { start: insert.at, end: insert.at },
          newText: `${eol}${' '.repeat(insert.indent)}hostIP: ${ip.includes(':') ? `"${ip}"` : ip}`,
        });
      }
      out.push(l);
    }
  }
  return out;
}

export function extractListeners(view: UnitView, options: ExtractOptions): Extracted {
  const none: Extracted = { listeners: [], yamlFiles: [] };
  const type = view.type;
  if (!type || view.main.foreign || view.main.identity.kind === 'dropin') return none;
  if (unitNameParts(view.name).instance === '') return none;
  if (type === 'socket') return { listeners: socketListeners(view), yamlFiles: [] };
  if (type !== 'container' && type !== 'pod' && type !== 'kube') return none;
  const section = MAIN_SECTION[type];
  const inactive = inactiveReason(view);
  const listeners: Listener[] = [];
  for (const { entry, unit } of view.values(section, 'PublishPort')) {
    if (entry.templated) continue;
    listeners.push(...fromPublish({ view, source: 'PublishPort', inactive }, entry.value, entryGeometry(entry, unit)));
  }
  let publishAll = false;
  for (const o of podmanArgsOf(view, section)) {
    if (o.option === 'publish-all') publishAll = true;
    if (o.option !== 'publish') continue;
    const g = entryGeometry(o.entry, o.unit, o.valueStart ?? 0, o.valueStart !== undefined, o.range);
    listeners.push(...fromPublish({ view, source: 'PodmanArgs', inactive }, o.value, g));
  }
  const yamlFiles: string[] = [];
  if (type === 'kube') listeners.push(...yamlListeners(view, listeners, publishAll, inactive, options, yamlFiles));
  return { listeners, yamlFiles };
}
