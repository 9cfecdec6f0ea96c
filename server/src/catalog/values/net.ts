// IP addresses and CIDRs, parsed strictly (as Go's net.ParseIP / ParseCIDR do: no leading zeros in
// IPv4 octets, IPv6 with "::" and an optional embedded IPv4 tail and zone).

export interface IpAddress {
  family: 4 | 6;
  /** 32- or 128-bit value. */
  value: bigint;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  prefix: number;
}

export function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

export function parseIPv6(input: string): bigint | undefined {
  const s = input.replace(/%[^%]+$/, ''); // zone (fe80::1%eth0)
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return undefined;
  let tail: bigint | undefined;
  let body = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    tail = parseIPv4(s.slice(lastColon + 1));
    if (tail === undefined) return undefined;
    body = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]);
  const rest = halves.length === 2 ? group(halves[1]) : [];
  const total = head.length + rest.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...head, ...Array(8 - total).fill('0'), ...rest];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  if (tail !== undefined) v = (v & ~0xffffffffn) | tail;
  return v;
}

// Addresses repeat across values (127.0.0.1 in thousands of PublishPort= lines): one parse per text.
const IP_MEMO_LIMIT = 10_000;
let ipMemo = new Map<string, IpAddress | null>();

/** Parses an IPv4 or IPv6 address (shared answers: do not mutate). */
export function parseIp(s: string): IpAddress | undefined {
  let ip = ipMemo.get(s);
  if (ip === undefined) {
    if (ipMemo.size >= IP_MEMO_LIMIT) ipMemo = new Map();
    ipMemo.set(s, (ip = computeIp(s) ?? null));
  }
  return ip ?? undefined;
}

function computeIp(s: string): IpAddress | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  if (s.includes(':')) {
    const v6 = parseIPv6(s);
    if (v6 !== undefined) return { family: 6, value: v6 };
  }
  return undefined;
}

export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  const width = ip.family === 4 ? 32 : 128;
  if (prefix > width) return undefined;
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { family: ip.family, base: ip.value & mask, prefix };
}

export function cidrContains(c: Cidr, ip: IpAddress): boolean {
  if (c.family !== ip.family) return false;
  const width = c.family === 4 ? 32 : 128;
  const mask = c.prefix === 0 ? 0n : ((1n << BigInt(c.prefix)) - 1n) << BigInt(width - c.prefix);
  return (ip.value & mask) === c.base;
}

const LOOPBACK4 = parseCidr('127.0.0.0/8')!;
const V4_MAPPED_PREFIX = 0xffffn << 32n;

/** 127.0.0.0/8, ::1 and ::ffff:127.x.y.z. */
export function isLoopback(ip: IpAddress): boolean {
  if (ip.family === 4) return cidrContains(LOOPBACK4, ip);
  if (ip.value === 1n) return true;
  if (ip.value >> 32n === 0xffffn) return cidrContains(LOOPBACK4, { family: 4, value: ip.value & 0xffffffffn });
  return false;
}

/** 0.0.0.0 or :: */
export function isUnspecified(ip: IpAddress): boolean {
  return ip.value === 0n;
}

/** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as plain IPv4, so comparisons see one address. */
export function canonicalIp(ip: IpAddress): IpAddress {
  if (ip.family === 6 && ip.value >> 32n === 0xffffn && (ip.value & ~0xffffffffn) === V4_MAPPED_PREFIX) return { family: 4, value: ip.value & 0xffffffffn };
  return ip;
}

export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 255n)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((ip.value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best === -1) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** Matches an address against a list of addresses and CIDRs (the trusted-address setting). */
export function inAddressList(ip: IpAddress, list: string[]): boolean {
  const c = canonicalIp(ip);
  for (const entry of list) {
    const cidr = parseCidr(entry);
    if (cidr && cidrContains(cidr, c)) return true;
    const single = parseIp(entry.replace(/^\[|\]$/g, ''));
    if (single && canonicalIp(single).family === c.family && canonicalIp(single).value === c.value) return true;
  }
  return false;
}
