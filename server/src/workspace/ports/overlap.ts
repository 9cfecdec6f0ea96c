// When two listeners compete for the same socket: same protocol, overlapping host ports and
// overlapping addresses. An address is seen per family: nothing, one address, or the whole family
// (a wildcard). "Every interface" and a dual-stack `[::]` take both families; `0.0.0.0` takes IPv4;
// `[::]` with IPv6-only (BindIPv6Only=ipv6-only) takes IPv6 only. Random host ports never compete.

import { BindAddress, PortRange, Protocol } from '../../catalog/values/ports';

type FamilyBind = 'all' | bigint | undefined;

function families(a: BindAddress): { v4: FamilyBind; v6: FamilyBind } {
  switch (a.kind) {
    case 'all':
      return { v4: 'all', v6: 'all' };
    case 'any':
      return a.family === 4 ? { v4: 'all', v6: undefined } : { v4: a.v6only ? undefined : 'all', v6: 'all' };
    case 'ip':
      return a.ip.family === 4 ? { v4: a.ip.value, v6: undefined } : { v4: undefined, v6: a.ip.value };
  }
}

function familyOverlap(x: FamilyBind, y: FamilyBind): boolean {
  if (x === undefined || y === undefined) return false;
  return x === 'all' || y === 'all' || x === y;
}

export function addressesOverlap(a: BindAddress, b: BindAddress): boolean {
  const fa = families(a);
  const fb = families(b);
  return familyOverlap(fa.v4, fb.v4) || familyOverlap(fa.v6, fb.v6);
}

export function rangesOverlap(a: PortRange, b: PortRange): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export interface Bind {
  address: BindAddress;
  ports?: PortRange;
  protocol: Protocol;
}

/** Do two binds compete for a socket? Random host ports (no `ports`) never do. */
export function bindsOverlap(a: Bind, b: Bind): boolean {
  if (!a.ports || !b.ports || a.protocol !== b.protocol) return false;
  return rangesOverlap(a.ports, b.ports) && addressesOverlap(a.address, b.address);
}
