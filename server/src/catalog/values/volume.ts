// Volume= (`[source:]destination[:options]`) and Tmpfs= (`destination[:options]`).
// The generator splits Volume= at the first two ":"; a source starting with "." is made absolute
// from the unit's directory, `X.volume` (and `X.artifact` from 5.7) names a Quadlet unit, a source
// starting with "/" or a specifier is a path; anything else is a podman volume name. Podman then
// refuses a relative destination, an invalid volume name and unknown options.

import { atLeast } from '../versions';
import { hasExpansion } from './specifiers';
import { ValueProblem, ValueResult, problem } from './types';

export type VolumeSource =
  | { kind: 'none' }
  | { kind: 'path'; path: string }
  | { kind: 'quadlet'; unit: string }
  | { kind: 'name'; name: string };

export interface VolumeResult extends ValueResult {
  source: VolumeSource;
  destination?: string;
}

/** Podman's rule for names of volumes, networks, pods and containers. */
export const PODMAN_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ARTIFACT_SINCE = '5.7';

/** Option groups of which podman allows one member each (parse.ValidateVolumeOpts). */
const OPTION_GROUPS: string[][] = [
  ['noexec', 'exec'], ['nodev', 'dev'], ['nosuid', 'suid'], ['rw', 'ro'], ['z', 'Z', 'O'], ['U'],
  ['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave', 'unbindable', 'runbindable'],
  ['bind', 'rbind'], ['copy', 'nocopy'], ['no-dereference'],
];
/** macOS options podman accepts and drops. */
const IGNORED_OPTIONS = ['cached', 'delegated'];

function checkVolumeOptions(opts: string, offset: number): ValueProblem[] {
  const out: ValueProblem[] = [];
  const seen = new Map<number, string>();
  let at = offset;
  for (const opt of opts.split(',')) {
    const piece = [at, at + opt.length] as const;
    at += opt.length + 1;
    if (opt.startsWith('idmap') || opt.includes('upperdir') || opt.includes('workdir') || IGNORED_OPTIONS.includes(opt)) continue;
    const group = OPTION_GROUPS.findIndex((g) => g.includes(opt));
    if (group === -1) {
      out.push(problem(piece[0], piece[1], `"${opt}" is not a volume option; podman refuses it (options: ro, rw, z, Z, U, O, copy, nocopy, [r]shared, [r]private, [r]slave, idmap, …).`));
    } else if (seen.has(group)) {
      out.push(problem(piece[0], piece[1], `"${opt}" conflicts with "${seen.get(group)}"; podman allows only one of them.`));
    } else seen.set(group, opt);
  }
  return out;
}

function checkDestination(dest: string, offset: number, out: ValueProblem[]): void {
  if (dest === '') out.push(problem(offset, offset, 'the destination inside the container is missing; podman refuses it.'));
  else if (!dest.startsWith('/') && !/^[%$]/.test(dest)) out.push(problem(offset, offset + dest.length, `the destination "${dest}" must be an absolute path inside the container; podman refuses it.`));
}

function classifySource(src: string, version: string, out: ValueProblem[]): VolumeSource {
  if (src.startsWith('/') || src.startsWith('.')) return { kind: 'path', path: src };
  if (/^[%$]/.test(src)) return { kind: 'path', path: src };
  if (src.endsWith('.volume')) return { kind: 'quadlet', unit: src };
  if (src.endsWith('.artifact')) {
    if (!atLeast(version, ARTIFACT_SINCE)) out.push(problem(0, src.length, `using a Quadlet artifact as a volume source needs Podman ${ARTIFACT_SINCE}; older generators silently pass "${src}" on as the name of a new, empty volume.`, 'warning', ARTIFACT_SINCE));
    return { kind: 'quadlet', unit: src };
  }
  if (src.startsWith('~')) {
    out.push(problem(0, src.length, `"~" is not expanded here; podman reads "${src}" as a volume name and refuses it. Use %h for the home directory (%h${src.slice(1)}).`));
    return { kind: 'path', path: src };
  }
  if (src.endsWith('.image')) {
    out.push(problem(0, src.length, `Volume= does not resolve .image units: podman would create a volume named "${src}". Use Mount=type=image,source=${src},destination=… instead.`, 'warning'));
    return { kind: 'name', name: src };
  }
  if (!hasExpansion(src) && !PODMAN_NAME.test(src)) {
    const hint = src.includes('/') ? ` (write ./${src} for a path relative to the unit file)` : '';
    out.push(problem(0, src.length, `"${src}" is neither an absolute path nor a valid volume name${hint}; podman refuses it.`));
  }
  return { kind: 'name', name: src };
}

export function parseVolume(value: string, version: string): VolumeResult {
  const out: ValueProblem[] = [];
  const parts = value.split(':');
  if (parts.length > 3) {
    return { problems: [problem(0, value.length, 'too many ":"; the form is [source:]destination[:options] (options are separated by ",").')], source: { kind: 'none' } };
  }
  if (parts.length === 1) {
    checkDestination(parts[0], 0, out);
    return { problems: out, source: { kind: 'none' }, destination: parts[0] };
  }
  const [src, dest, opts] = parts;
  const destStart = src.length + 1;
  let source: VolumeSource = { kind: 'none' };
  if (src === '') {
    out.push(problem(0, 1, `the source before ":" is empty: the generator passes only ${dest || 'the destination'} (an anonymous volume)${opts ? ' and drops the options' : ''}.`, 'warning'));
  } else source = classifySource(src, version, out);
  checkDestination(dest, destStart, out);
  if (opts !== undefined && src !== '') out.push(...checkVolumeOptions(opts, destStart + dest.length + 1));
  return { problems: out, source, destination: dest };
}

/** Tmpfs=: an absolute destination, then optional mount options after ":". */
export function parseTmpfs(value: string): ValueResult {
  const out: ValueProblem[] = [];
  const colon = value.indexOf(':');
  checkDestination(colon === -1 ? value : value.slice(0, colon), 0, out);
  return { problems: out };
}
