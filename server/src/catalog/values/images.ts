// Image references: `[registry[:port]/]path[:tag][@digest]`, an image ID, a transport-prefixed
// reference (`docker://…`, `oci-archive:/…`), or a Quadlet unit (`X.image`, `X.build`). Podman
// refuses an invalid reference (upper case in the path, blanks, …) when the unit starts. The
// generator only warns about short names (no registry), which depend on registries.conf.

import { ValueResult, problem } from './types';

const TRANSPORTS = ['docker://', 'docker-archive:', 'docker-daemon:', 'oci:', 'oci-archive:', 'dir:', 'containers-storage:', 'sif:'];
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

export function isImageId(text: string): boolean {
  return text.startsWith('sha256:') || /^[0-9a-fA-F]{64}$/.test(text);
}

/** The generator's notion of a fully qualified name (cmd/quadlet isUnambiguousName). */
export function isFullyQualified(text: string): boolean {
  if (isImageId(text)) return true;
  const slash = text.indexOf('/');
  if (slash === -1) return false;
  const domain = text.slice(0, slash);
  return /[.:]/.test(domain) || domain === 'localhost';
}

export interface ImageResult extends ValueResult {
  quadletUnit?: string;
}

/** Checks the reference grammar; `hintShortName` adds the generator's short-name note. */
export function parseImageRef(text: string, hintShortName: boolean): ImageResult {
  if (text.endsWith('.image') || text.endsWith('.build')) return { problems: [], quadletUnit: text };
  if (TRANSPORTS.some((t) => text.startsWith(t)) || isImageId(text) || /^[0-9a-f]{12,64}$/.test(text)) return { problems: [] };
  const bad = (start: number, end: number, why: string) => ({ problems: [problem(start, end, `${why}; podman refuses this image reference.`)] });
  if (/\s/.test(text)) return bad(0, text.length, 'an image reference cannot contain blanks');
  let rest = text;
  let digestAt = -1;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digestAt = at;
    if (!DIGEST.test(rest.slice(at + 1))) return bad(at + 1, text.length, `"${rest.slice(at + 1)}" is not a digest (algorithm:hex)`);
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    const tag = rest.slice(colon + 1);
    if (!TAG.test(tag)) return bad(colon + 1, colon + 1 + tag.length, `"${tag}" is not a valid tag`);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let offset = 0;
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost' || /[A-Z]/.test(parts[0]))) {
    if (!DOMAIN.test(parts[0])) return bad(0, parts[0].length, `"${parts[0]}" is not a registry host`);
    offset = parts[0].length + 1;
    parts.shift();
  }
  for (const p of parts) {
    if (!COMPONENT.test(p)) {
      const why = /[A-Z]/.test(p) ? `"${p}" has upper-case letters (repository names must be lower case)` : `"${p}" is not a valid repository name part`;
      return bad(offset, offset + p.length, why);
    }
    offset += p.length + 1;
  }
  const problems = [];
  if (hintShortName && !isFullyQualified(text)) {
    const end = digestAt === -1 ? text.length : digestAt;
    problems.push(problem(0, end, `"${text}" is a short name: which registry it comes from depends on registries.conf. A fully qualified name (such as docker.io/${text.includes('/') ? '' : 'library/'}${text}) is safer and faster.`, 'hint'));
  }
  return { problems };
}
