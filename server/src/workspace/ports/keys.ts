// Dependency keys for ports, so a change re-analyses only the units whose ports it can overlap.
// Granularity: a listener of at most NARROW ports is keyed per port; a wider range is keyed per
// block of BLOCK ports. Every listener also marks its blocks, so a wide query hears about every
// narrow listener inside it, and a narrow query hears about wide ranges through the "wide" keys:
//   narrow listener touches  port:N (each port) + block:B        narrow query depends on port:N + wide:B
//   wide listener touches    wide:B + block:B                    wide query depends on block:B
// Any two overlapping ranges share at least one key; unrelated ports share none (except a wide
// range and everything in its blocks).

import { PortRange, Protocol } from '../../catalog/values/ports';

export const NARROW = 32;
export const BLOCK = 256;

function prefix(host: string, protocol: Protocol): string {
  return `ports\u0000${host}\u0000${protocol}\u0000`;
}

export function blocksOf(r: PortRange): number[] {
  const out: number[] = [];
  for (let b = Math.floor(r.from / BLOCK); b <= Math.floor(r.to / BLOCK); b++) out.push(b);
  return out;
}

function isNarrow(r: PortRange): boolean {
  return r.to - r.from + 1 <= NARROW;
}

/** Keys a listener on these ports touches when it appears, changes or goes. */
export function touchedKeys(host: string, protocol: Protocol, r: PortRange): string[] {
  const p = prefix(host, protocol);
  const keys = blocksOf(r).map((b) => `${p}block:${b}`);
  if (isNarrow(r)) for (let n = r.from; n <= r.to; n++) keys.push(`${p}port:${n}`);
  else for (const b of blocksOf(r)) keys.push(`${p}wide:${b}`);
  return keys;
}

/** Keys a question about these ports depends on. */
export function queryKeys(host: string, protocol: Protocol, r: PortRange): string[] {
  const p = prefix(host, protocol);
  if (!isNarrow(r)) return blocksOf(r).map((b) => `${p}block:${b}`);
  const keys = blocksOf(r).map((b) => `${p}wide:${b}`);
  for (let n = r.from; n <= r.to; n++) keys.push(`${p}port:${n}`);
  return keys;
}
