// AddDevice=: blank-separated `host[:container][:permissions]`, permissions a mix of r, w, m; a
// leading "-" makes the device optional (the generator drops it when the host path is missing).
// A host part without "/" may be a CDI device name (vendor.com/class=name), which podman accepts.

import { splitStrv } from './lists';
import { hasExpansion } from './specifiers';
import { ValueResult, problem } from './types';

function isMode(s: string): boolean {
  return s.length > 0 && s.length <= 3 && /^[rwm]+$/.test(s) && new Set(s).size === s.length;
}

export function parseDevices(value: string): ValueResult {
  const { words, problems } = splitStrv(value);
  const out = [...problems];
  for (const w of words) {
    if (hasExpansion(w.text)) continue;
    const lead = w.text.startsWith('-') ? 1 : 0;
    const parts = w.text.slice(lead).split(':');
    const start = w.start + lead;
    if (parts[0] === '') {
      out.push(problem(w.start, w.end, 'the host device path is missing; podman refuses it.'));
      continue;
    }
    if (parts.length > 3) {
      out.push(problem(w.start, w.end, `"${w.text}" has too many ":"; the form is host[:container][:permissions].`));
      continue;
    }
    const second = parts[1];
    if (second !== undefined && !isMode(second) && !second.startsWith('/')) {
      const at = start + parts[0].length + 1;
      out.push(problem(at, at + second.length, `"${second}" is neither a container path nor permissions (r, w, m); podman refuses it.`));
    }
    const third = parts[2];
    if (third !== undefined && !isMode(third)) {
      const at = start + parts[0].length + parts[1].length + 2;
      out.push(problem(at, at + third.length, `"${third}" is not a permission set (a mix of r, w and m); podman refuses it.`));
    }
  }
  return { problems: out };
}
