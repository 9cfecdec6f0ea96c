// Which units listen on a port of the host's loopback: listeners bound to that loopback address,
// or to a wildcard that includes it (every interface, 0.0.0.0, [::]). Asked through
// WorkspaceQueries, so the asking unit depends on the port's keys and is re-checked when such a
// listener appears, changes or goes (the same keys the port rules use).

import { IpAddress } from '../../catalog/values/net';
import { Protocol, toBindAddress } from '../../catalog/values/ports';
import { ParsedUnit } from '../files';
import { WorkspaceQueries } from '../queries';
import { bindsFixedPort } from './checks';
import { portInventory } from './inventory';
import { queryKeys } from './keys';
import { Listener } from './model';
import { addressesOverlap } from './overlap';

/** Connections named by `host:port` are TCP in practice; UDP covers DNS, statsd, syslog and the like. */
const PROTOCOLS: Protocol[] = ['tcp', 'udp'];

/** Listeners bound on `host` that accept connections to `port` on one of these loopback addresses (not `exclude`'s). */
export function hostLoopbackListeners(queries: WorkspaceQueries, host: string, port: number, addresses: IpAddress[], exclude?: ParsedUnit): Listener[] {
  const ports = { from: port, to: port };
  const binds = addresses.map(toBindAddress);
  const out: Listener[] = [];
  for (const protocol of PROTOCOLS) {
    if (queries.recording) for (const k of queryKeys(host, protocol, ports)) queries.depend(k);
    for (const l of portInventory(queries.index).near(host, protocol, ports)) {
      // Cheap tests first: bindsFixedPort resolves the unit's name in its scope.
      if (l.unit !== exclude && binds.some((b) => addressesOverlap(l.address, b)) && bindsFixedPort(queries, l)) out.push(l);
    }
  }
  return out;
}
