// User namespaces and ID maps. UserNS= takes `auto[:size=N,uidmapping=…,gidmapping=…]`, `host`,
// `keep-id[:uid=N,gid=N,size=N]`, `nomap`, `private`, `ns:PATH`, `container:NAME`; UIDMap=/GIDMap=
// take `[flags]container:host[:size]` triples (flags `+`, `u`, `g`; host may be `@N`, relative to
// the parent namespace). The generator passes them on; podman refuses malformed ones at start.

import { splitStrv, wordItems } from './lists';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem } from './types';

const UINT = /^\d+$/;
const MODES = ['auto', 'host', 'keep-id', 'nomap', 'private', 'pod', ''];

function checkOptions(opts: string, offset: number, allowed: Record<string, (v: string) => boolean>, mode: string): ValueProblem[] {
  const out: ValueProblem[] = [];
  let at = offset;
  for (const opt of opts.split(',')) {
    const eq = opt.indexOf('=');
    const name = eq === -1 ? opt : opt.slice(0, eq);
    const check = allowed[name];
    if (eq === -1) out.push(problem(at, at + opt.length, `"${opt}" is not NAME=VALUE; podman refuses this ${mode} option.`));
    else if (!check) out.push(problem(at, at + name.length, `"${name}" is not an option of ${mode} (${Object.keys(allowed).join(', ')}); podman refuses it.`));
    else if (!hasExpansion(opt) && !check(opt.slice(eq + 1))) out.push(problem(at + eq + 1, at + opt.length, `"${opt.slice(eq + 1)}" is not a valid value for ${name}; podman refuses it.`));
    at += opt.length + 1;
  }
  return out;
}

/** One `[flags]container:host[:size]` mapping (the form of UIDMap= and auto's uidmapping=). */
export function isIdMapping(text: string): boolean {
  return /^[+ug]*\d+:@?\d+(:\d+)?$/.test(text);
}

export function parseUserNs(value: string): ValueResult {
  const colon = value.indexOf(':');
  const mode = colon === -1 ? value : value.slice(0, colon);
  const opts = colon === -1 ? undefined : value.slice(colon + 1);
  const optsAt = colon + 1;
  if (mode === 'auto' && opts !== undefined) {
    return { problems: checkOptions(opts, optsAt, { size: (v) => UINT.test(v), uidmapping: isIdMapping, gidmapping: isIdMapping }, 'auto') };
  }
  if (mode === 'keep-id' && opts !== undefined) {
    return { problems: checkOptions(opts, optsAt, { uid: (v) => UINT.test(v), gid: (v) => UINT.test(v), size: (v) => UINT.test(v) }, 'keep-id') };
  }
  if (mode === 'ns') return { problems: opts && (opts.startsWith('/') || hasExpansion(opts)) ? [] : [problem(0, value.length, 'ns: needs the absolute path of a user namespace.')] };
  if (mode === 'container') return { problems: opts ? [] : [problem(0, value.length, 'container: needs the name or ID of the container whose user namespace to join.')] };
  if (MODES.includes(mode) && opts === undefined) return { problems: [] };
  return { problems: [problem(0, value.length, `"${value}" is not a user namespace mode; podman refuses it (auto, host, keep-id, nomap, private, ns:PATH, container:NAME).`)] };
}

/** UIDMap= / GIDMap=: blank- or comma-separated items, each mappings separated by ":" in threes. */
export function parseIdMaps(value: string): ValueResult {
  const { words, problems } = splitStrv(value);
  const out = [...problems];
  for (const w of wordItems(words, value)) {
    if (hasExpansion(w.text)) continue;
    const parts = w.text.split(':');
    if (parts.length === 2) parts.push('1');
    const okShape = parts.length % 3 === 0 && parts.every((p, i) => (i % 3 === 0 ? /^[+ug]*\d+$/.test(p) : i % 3 === 1 ? /^@?\d+$/.test(p) : UINT.test(p)));
    if (!okShape) out.push(problem(w.start, w.end, `"${w.text}" is not an ID mapping container:host[:size] (e.g. 0:1000:1 or 0:@1000:1); podman refuses it.`));
  }
  return { problems: out };
}
