// `public-bind`: a listener reachable from other machines — not on loopback (127.0.0.0/8, ::1)
// and not in `trustedAddresses`. No address at all means every interface. On a host where a
// reverse proxy is the one public entry, everything else should bind 127.0.0.1.

import { isBound, isPrivateBind } from '../workspace/ports/checks';
import { portInventory } from '../workspace/ports/inventory';
import { Listener, describeAddress, formatPorts } from '../workspace/ports/model';
import { UnitRule } from './types';

function what(l: Listener): string {
  return l.ports ? `Port ${formatPorts(l.ports)}/${l.protocol}` : `A random host port (container port published with ${l.protocol})`;
}

export const messages = {
  everyInterface: (l: Listener) =>
    `${what(l)} is published on every interface (no address given), so other machines can connect. Bind it to 127.0.0.1 (behind the reverse proxy) or list the address in trustedAddresses.`,
  wildcard: (l: Listener) =>
    `${what(l)} is published on ${describeAddress(l.address)}, so other machines can connect. Bind it to 127.0.0.1 (behind the reverse proxy) or list the address in trustedAddresses.`,
  address: (l: Listener) =>
    `${what(l)} is published on ${describeAddress(l.address)}, which is neither loopback nor in trustedAddresses, so other machines can connect.`,
};

export const publicBindRule: UnitRule = {
  code: 'public-bind',
  kind: 'unit',
  severity: 'warning',
  summary: 'A port bound to a non-loopback address (or every interface) that is not in trustedAddresses.',
  check(view, ctx) {
    for (const l of portInventory(ctx.workspace.index).ofUnit(view.main)) {
      if (!isBound(ctx.workspace, l) || isPrivateBind(l.address, ctx.settings.trustedAddresses)) continue;
      const message = l.address.kind === 'all' ? messages.everyInterface(l) : l.address.kind === 'any' ? messages.wildcard(l) : messages.address(l);
      ctx.report({ unit: l.anchor.unit, range: l.addressRange, message, data: { listener: l.id } });
    }
  },
};
