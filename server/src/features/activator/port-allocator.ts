// Free-port questions the activator asks of the host's port space. The `ports` feature owns the real
// host-wide inventory; until it lands, `indexPortAllocator` answers from the workspace index. Swapping is
// one line in env.ts: anything implementing PortAllocator works.

import { BindAddress, Protocol, toBindAddress } from '../../catalog/values/ports';
import { parseIp, canonicalIp } from '../../catalog/values/net';
import { publishedPorts, socketListeners } from '../../workspace/activation';
import { WorkspaceIndex } from '../../workspace/index';
import { UnitView } from '../../workspace/unit-view';

/** A listener that does not count (the PublishPort= line the activator is about to move). */
export interface ListenerRef {
  file: string;
  line: number;
}

export interface PortAllocator {
  /** Is `address:port/proto` free on the host? `address` is an IP, or "" / "0.0.0.0" / "::" for every interface. */
  isPortFree(host: string, address: string, proto: Protocol, port: number, except?: ListenerRef[]): boolean;
  /** The lowest free port ≥ `from` (below `below`), else undefined. */
  nextFreePort(host: string, address: string, proto: Protocol, from: number, except?: ListenerRef[], below?: number): number | undefined;
}

interface Listener {
  address: BindAddress;
  from: number;
  to: number;
  protos: Protocol[];
  file: string;
  line: number;
}

export function bindOf(address: string): BindAddress | undefined {
  if (address === '') return { kind: 'all' };
  const ip = parseIp(address.replace(/^\[|\]$/g, ''));
  return ip ? toBindAddress(canonicalIp(ip)) : undefined;
}

/** IP families a wildcard bind covers (a dual-stack IPv6 wildcard also takes IPv4). */
function wildcardFamilies(b: BindAddress): Set<4 | 6> | undefined {
  if (b.kind === 'all') return new Set([4, 6]);
  if (b.kind === 'any') return b.family === 4 ? new Set([4]) : b.v6only ? new Set([6]) : new Set([4, 6]);
  return undefined;
}

/** Do two binds share an address? */
export function bindsOverlap(a: BindAddress, b: BindAddress): boolean {
  const wa = wildcardFamilies(a);
  const wb = wildcardFamilies(b);
  if (wa && wb) return [...wa].some((f) => wb.has(f));
  if (wa && b.kind === 'ip') return wa.has(b.ip.family);
  if (wb && a.kind === 'ip') return wb.has(a.ip.family);
  return a.kind === 'ip' && b.kind === 'ip' && a.ip.family === b.ip.family && a.ip.value === b.ip.value;
}

function listenersOf(index: WorkspaceIndex, host: string): Listener[] {
  const out: Listener[] = [];
  for (const unit of index.unitsOnHost(host)) {
    if (unit.identity.kind === 'dropin' || unit.foreign) continue;
    const view = new UnitView(unit, index.dropinsFor(unit));
    for (const p of publishedPorts(view)) {
      if (p.spec.problems.length || !p.spec.hostPorts) continue; // random host ports never collide
      out.push({ address: p.spec.address, ...p.spec.hostPorts, protos: p.spec.protocols, file: p.sourced.unit.file.path, line: p.sourced.entry.line });
    }
    if (unit.type === 'socket') {
      for (const l of socketListeners(view)) {
        if (l.spec.kind !== 'port') continue;
        out.push({ address: l.spec.address, from: l.spec.port, to: l.spec.port, protos: [l.proto], file: l.sourced.unit.file.path, line: l.sourced.entry.line });
      }
    }
  }
  return out;
}

/** The interim allocator over the workspace index (PublishPort= of containers, pods and kube units, Listen*= of sockets). */
export function indexPortAllocator(index: WorkspaceIndex): PortAllocator {
  const taken = (address: string, proto: Protocol, port: number, except: ListenerRef[], listeners: Listener[]) => {
    const bind = bindOf(address);
    if (!bind) return true;
    return listeners.some(
      (l) => l.protos.includes(proto) && port >= l.from && port <= l.to && bindsOverlap(l.address, bind) && !except.some((e) => e.file === l.file && e.line === l.line),
    );
  };
  return {
    isPortFree(host, address, proto, port, except = []) {
      return !taken(address, proto, port, except, listenersOf(index, host));
    },
    nextFreePort(host, address, proto, from, except = [], below = 65536) {
      const listeners = listenersOf(index, host);
      for (let port = Math.max(1, from); port < below; port++) if (!taken(address, proto, port, except, listeners)) return port;
      return undefined;
    },
  };
}
