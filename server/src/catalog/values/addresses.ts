// Address values: IP=, IP6=, Gateway=, Subnet=, IPRange=, DNS=, AddHost=. Podman parses them
// with Go's net package when the unit starts (or when the network is created) and refuses bad
// ones; the generator passes them through unchecked.

import { parseCidr, parseIp } from './net';
import { ValueResult, whole } from './types';

export type IpFamilyWanted = 'any' | 4 | 6;

function describe(family: IpFamilyWanted): string {
  return family === 'any' ? 'an IP address' : `an IPv${family} address`;
}

export function parseIpValue(text: string, family: IpFamilyWanted): ValueResult {
  const ip = text.includes('%') ? undefined : parseIp(text);
  if (!ip) return { problems: [whole(text, 0, `"${text}" is not ${describe(family)}; podman refuses it.`)] };
  if (family !== 'any' && ip.family !== family) {
    return { problems: [whole(text, 0, `"${text}" is an IPv${ip.family} address, but this key takes ${describe(family)}${family === 4 ? ' (use IP6= for IPv6)' : ' (use IP= for IPv4)'}.`)] };
  }
  return { problems: [] };
}

export function parseCidrValue(text: string): ValueResult {
  if (parseCidr(text)) return { problems: [] };
  const hint = parseIp(text) ? ' (add the prefix length, e.g. /24)' : '';
  return { problems: [whole(text, 0, `"${text}" is not a subnet in CIDR notation${hint}; podman refuses it when it creates the network.`)] };
}

/** IPRange=: a CIDR or `start-end` with two addresses of one family. */
export function parseIpRange(text: string): ValueResult {
  if (parseCidr(text)) return { problems: [] };
  const dash = text.indexOf('-');
  if (dash > 0) {
    const from = parseIp(text.slice(0, dash));
    const to = parseIp(text.slice(dash + 1));
    if (!from) return { problems: [whole(text.slice(0, dash), 0, `"${text.slice(0, dash)}" is not an IP address.`)] };
    if (!to) return { problems: [whole(text.slice(dash + 1), dash + 1, `"${text.slice(dash + 1)}" is not an IP address.`)] };
    if (from.family !== to.family) return { problems: [whole(text, 0, 'both ends of the range must be of the same IP family.')] };
    if (to.value < from.value) return { problems: [whole(text, 0, 'the range ends before it starts.')] };
    return { problems: [] };
  }
  return { problems: [whole(text, 0, `"${text}" is not an IP range; write a CIDR (10.89.0.128/25) or start-end (10.89.0.100-10.89.0.200).`)] };
}

/** DNS=: an IP address; containers, pods and builds also take `none`. */
export function parseDnsValue(text: string, allowNone: boolean): ValueResult {
  if (allowNone && text === 'none') return { problems: [] };
  if (parseIp(text)) return { problems: [] };
  return { problems: [whole(text, 0, `"${text}" is not ${allowNone ? 'an IP address or none' : 'an IP address'}; podman refuses it.`)] };
}

/** AddHost=: `name[;name…]:address`, where the address may be `host-gateway`. */
export function parseAddHost(text: string): ValueResult {
  const colon = text.indexOf(':');
  if (colon <= 0) return { problems: [whole(text, 0, `"${text}" is not host:address; podman refuses it (example: db.internal:10.0.0.5).`)] };
  if (text.slice(0, colon).split(';').includes('')) return { problems: [whole(text.slice(0, colon), 0, 'a host name is empty; podman refuses it.')] };
  const address = text.slice(colon + 1);
  if (address === 'host-gateway' || parseIp(address.trim())) return { problems: [] };
  return { problems: [whole(address, colon + 1, `"${address}" is not an IP address or host-gateway; podman refuses it.`)] };
}
