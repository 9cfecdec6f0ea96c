// systemd-networkd also uses `.network` files. They are not quadlets and must never be flagged.
// Recognised by their location or by sections and keys that only networkd knows.

import { UnitDocument } from '../syntax/model';

const NETWORKD_SECTIONS = new Set([
  'Match', 'Link', 'SR-IOV', 'Address', 'Neighbor', 'IPv6AddressLabel', 'RoutingPolicyRule', 'NextHop', 'Route',
  'DHCP', 'DHCPv4', 'DHCPv6', 'DHCPv6PrefixDelegation', 'DHCPPrefixDelegation', 'IPv6AcceptRA', 'DHCPServer',
  'DHCPServerStaticLease', 'IPv6SendRA', 'IPv6Prefix', 'IPv6RoutePrefix', 'LLDP', 'CAN', 'IPoIB', 'QDisc',
  'NetworkEmulator', 'TokenBucketFilter', 'Bridge', 'BridgeFDB', 'BridgeMDB', 'LinkLocalAddressing', 'BridgeVLAN',
]);

// Keys that exist in networkd's [Network] section but never in Quadlet's.
const NETWORKD_NETWORK_KEYS = new Set([
  'DHCP', 'Address', 'DHCPServer', 'LinkLocalAddressing', 'IPv6AcceptRA', 'IPForward', 'IPMasquerade', 'Domains',
  'NTP', 'LLMNR', 'MulticastDNS', 'DNSSEC', 'DNSOverTLS', 'LLDP', 'EmitLLDP', 'Bond', 'VLAN', 'MACVLAN', 'VXLAN',
  'Tunnel', 'VRF', 'ConfigureWithoutCarrier', 'IgnoreCarrierLoss', 'KeepConfiguration', 'IPv6PrivacyExtensions',
  'IPv6LinkLocalAddressGenerationMode', 'Description', 'Xfrm', 'DefaultRouteOnDevice', 'ActiveSlave', 'PrimarySlave',
]);

export function isNetworkdFile(doc: UnitDocument, path: string): boolean {
  if (/(^|\/)(etc|run|usr\/lib|lib)\/systemd\/network\//.test(path.replace(/\\/g, '/'))) return true;
  for (const s of doc.sections) {
    if (NETWORKD_SECTIONS.has(s.name)) return true;
    if (s.name === 'Network' && s.entries.some((e) => NETWORKD_NETWORK_KEYS.has(e.key))) return true;
  }
  return false;
}
