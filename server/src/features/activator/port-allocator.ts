// Free-port questions the activator asks of the host's port space, answered by the host-wide port
// inventory (workspace/ports): every PublishPort=, PodmanArgs= -p, .kube YAML port and Listen*= of every
// scope on the host, minus listeners Podman discards and shadowed files. The small interface keeps the
// engine independent of the inventory (tests and other hosts of the engine can pass their own).

import { BindAddress, Protocol, toBindAddress } from '../../catalog/values/ports';
import { canonicalIp, parseIp } from '../../catalog/values/net';
import { WorkspaceIndex } from '../../workspace/index';
import { nextFreePort } from '../../workspace/ports/checks';
import { Listener } from '../../workspace/ports/model';

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

export function bindOf(address: string): BindAddress | undefined {
  if (address === '') return { kind: 'all' };
  const ip = parseIp(address.replace(/^\[|\]$/g, ''));
  return ip ? toBindAddress(canonicalIp(ip)) : undefined;
}

/** The PortAllocator over the workspace's host-wide port inventory. */
export function inventoryPortAllocator(index: WorkspaceIndex): PortAllocator {
  const ignoring = (except: ListenerRef[]) => (l: Listener) => except.some((e) => e.file === l.at.file && e.line === l.at.range.start.line);
  const next = (host: string, address: string, proto: Protocol, from: number, except: ListenerRef[]) => {
    const bind = bindOf(address);
    return bind && nextFreePort(index, host, bind, proto, from - 1, { ignore: ignoring(except) });
  };
  return {
    isPortFree: (host, address, proto, port, except = []) => next(host, address, proto, port, except) === port,
    nextFreePort(host, address, proto, from, except = [], below = 65536) {
      const port = next(host, address, proto, from, except);
      return port !== undefined && port < below ? port : undefined;
    },
  };
}
