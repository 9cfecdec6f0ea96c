// Loopback endpoints written inside free text (URLs, connection strings, command arguments):
// `127.0.0.1:5432`, `localhost:8080`, `[::1]:53`, `postgres://u@127.0.0.2:5432/db`. Used by the
// container-loopback rule to find where a container means "a service on the host's loopback".
// A host must stand alone: `10.127.0.0.1:80` or `mylocalhost:80` are not loopback endpoints.

import { IpAddress, isLoopback, parseIp } from './net';
import { Piece } from './types';

export interface LoopbackEndpoint extends Piece {
  /** The host as written (`127.0.0.1`, `localhost`, `[::1]`). */
  host: string;
  port: number;
  /** Loopback addresses the host stands for (`localhost`: 127.0.0.1 and ::1). */
  addresses: IpAddress[];
}

const LOCALHOST: IpAddress[] = [parseIp('127.0.0.1')!, parseIp('::1')!];
// host:port with the host either a dotted quad, `localhost`, or a bracketed IPv6 address.
const ENDPOINT = /(\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:.]+\]):(\d{1,5})(?!\d)/gi;
/** Characters that, just before the host, make it part of a longer name or address. */
const GLUED = /[\w.\-:]/;

/** Every loopback `host:port` in the text, with offsets (`end` after the port). */
export function loopbackEndpoints(text: string): LoopbackEndpoint[] {
  const out: LoopbackEndpoint[] = [];
  for (const m of text.matchAll(ENDPOINT)) {
    const start = m.index;
    if (start > 0 && GLUED.test(text[start - 1])) continue;
    const host = m[1];
    const port = Number(m[2]);
    if (port < 1 || port > 65535) continue;
    let addresses: IpAddress[];
    if (host.toLowerCase() === 'localhost') addresses = LOCALHOST;
    else {
      const ip = parseIp(host.startsWith('[') ? host.slice(1, -1) : host);
      if (!ip || !isLoopback(ip) || host.startsWith('[') !== (ip.family === 6)) continue;
      addresses = [ip];
    }
    out.push({ start, end: start + m[0].length, host, port, addresses });
  }
  return out;
}
