// Scope inference: which host and which owner (Unix user or root) a unit file belongs to, and where
// in Podman's search order its directory sits. Repositories mirror real hosts, so the path tells.

import { QuadletConfig, globToRegExp } from './config';

export interface Scope {
  host: string;
  /**
   * Unix user name, "uid:<n>" when only a uid is known, "root", ALL_USERS for the directories every
   * rootless user reads, or undefined when unknown (cross-user rules then stay silent).
   */
  owner?: string;
  rootless?: boolean;
}

/** Owner of `/etc/containers/systemd/users/` (and `/etc/systemd/user/`): every rootless user. */
export const ALL_USERS = '*';

/** Where a file sits: its scope, the kind of directory, and its rank in Podman's search order. */
export interface Placement {
  scope: Scope;
  /** `quadlet`: a Quadlet search directory; `systemd`: a plain systemd unit directory; `unknown`: either. */
  dirKind: 'quadlet' | 'systemd' | 'unknown';
  /** Lower wins when the same file name exists in several directories of one scope. */
  precedence: number;
  /** The search directory itself (files below it are found recursively). */
  searchDir: string;
  /** A directory every rootless user reads (`/etc/containers/systemd/users/`, `/etc/systemd/user/`). */
  allUsers?: boolean;
  /** Which rule decided (for hover and docs). */
  reason: string;
}

export interface ScopeContext {
  /** Workspace folders (absolute, normalised with "/"); a file outside all of them uses its own dir. */
  roots: string[];
  config: QuadletConfig;
  /** Directory of the config file, which globs are relative to. */
  configDir?: string;
  /** The real home directory and user name of this machine (for `~/.config/...` outside any mirror). */
  home?: string;
  currentUser?: string;
}

/** Host name used for the machine's own directories (`/etc/containers/systemd`, `~/.config/…`). */
export const LOCAL_HOST = 'localhost';

export function scopeKey(s: Scope): string {
  return `${s.host}\u0000${s.owner ?? '?'}`;
}

export function sameScope(a: Scope, b: Scope): boolean {
  return a.host === b.host && a.owner === b.owner;
}

export function describeOwner(s: Scope): string {
  if (s.owner === undefined) return 'unknown owner';
  if (s.owner === 'root') return 'root (rootful)';
  if (s.owner === ALL_USERS) return 'every rootless user';
  return `user ${s.owner} (rootless)`;
}

export function describeScope(s: Scope): string {
  return `${describeOwner(s)} on host ${s.host}`;
}

export function normalisePath(p: string): string {
  return p.replace(/\\/g, '/');
}

function rootOf(path: string, roots: string[]): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    const root = r.endsWith('/') ? r.slice(0, -1) : r;
    if ((path === root || path.startsWith(root + '/')) && (!best || root.length > best.length)) best = root;
  }
  return best;
}

const HOSTS_SEGMENT = /(?:^|\/)hosts\/([^/]+)\//;

function hostOf(path: string, root: string | undefined): string {
  const m = HOSTS_SEGMENT.exec(path);
  if (m) return m[1];
  if (root) return root.split('/').filter(Boolean).pop() ?? LOCAL_HOST;
  return LOCAL_HOST;
}

function ownerOfUid(uid: string, host: string, ctx: ScopeContext): string {
  const users = ctx.config.hosts?.[host]?.users ?? {};
  for (const [name, id] of Object.entries(users)) if (String(id) === uid) return name;
  return `uid:${uid}`;
}

interface PathRule {
  /** Matches the search directory; group 1 is the part before it (empty on the real machine). */
  pattern: RegExp;
  place(m: RegExpExecArray, host: string, ctx: ScopeContext): Omit<Placement, 'reason'>;
  reason: string;
}

const rootful = (host: string): Scope => ({ host, owner: 'root', rootless: false });
const user = (owner: string, host: string): Scope => ({ host, owner, rootless: true });
const everyUser = (host: string): Scope => ({ host, owner: ALL_USERS, rootless: true });

// Order matters: the more specific directories come first. Precedence numbers follow Podman's
// search lists (docs/generator-facts.md §3.1, §3.3): rootless XDG runtime < XDG config < users/ <
// users/<uid>; rootful /run < /etc < /usr/share. systemd's own unit directories: /etc < /run < /usr/lib.
const PATH_RULES: PathRule[] = [
  {
    pattern: /^(.*)(\/home\/([^/]+)\/\.config\/containers\/systemd)\//,
    place: (m, host) => ({ scope: user(m[3], host), dirKind: 'quadlet', precedence: 1, searchDir: m[1] + m[2] }),
    reason: 'home/<user>/.config/containers/systemd',
  },
  {
    pattern: /^(.*)(\/home\/([^/]+)\/\.config\/systemd\/user)\//,
    place: (m, host) => ({ scope: user(m[3], host), dirKind: 'systemd', precedence: 1, searchDir: m[1] + m[2] }),
    reason: 'home/<user>/.config/systemd/user',
  },
  {
    pattern: /^(.*)(\/run\/user\/(\d+)\/containers\/systemd)\//,
    place: (m, host, ctx) => ({ scope: user(ownerOfUid(m[3], host, ctx), host), dirKind: 'quadlet', precedence: 0, searchDir: m[1] + m[2] }),
    reason: 'run/user/<uid>/containers/systemd ($XDG_RUNTIME_DIR)',
  },
  {
    pattern: /^(.*)(\/etc\/containers\/systemd\/users\/(\d+))\//,
    place: (m, host, ctx) => ({ scope: user(ownerOfUid(m[3], host, ctx), host), dirKind: 'quadlet', precedence: 3, searchDir: m[1] + m[2] }),
    reason: 'etc/containers/systemd/users/<uid>',
  },
  {
    // Files directly in users/ and in its non-numeric sub-directories are read by every rootless user.
    pattern: /^(.*)(\/etc\/containers\/systemd\/users)\//,
    place: (m, host) => ({ scope: everyUser(host), dirKind: 'quadlet', precedence: 2, searchDir: m[1] + m[2], allUsers: true }),
    reason: 'etc/containers/systemd/users (every rootless user)',
  },
  {
    pattern: /^(.*)(\/run\/containers\/systemd)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'quadlet', precedence: 0, searchDir: m[1] + m[2] }),
    reason: 'run/containers/systemd',
  },
  {
    pattern: /^(.*)(\/etc\/containers\/systemd)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'quadlet', precedence: 1, searchDir: m[1] + m[2] }),
    reason: 'etc/containers/systemd',
  },
  {
    pattern: /^(.*)(\/usr\/share\/containers\/systemd)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'quadlet', precedence: 2, searchDir: m[1] + m[2] }),
    reason: 'usr/share/containers/systemd',
  },
  {
    pattern: /^(.*)(\/etc\/systemd\/system)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'systemd', precedence: 1, searchDir: m[1] + m[2] }),
    reason: 'etc/systemd/system',
  },
  {
    pattern: /^(.*)(\/run\/systemd\/system)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'systemd', precedence: 2, searchDir: m[1] + m[2] }),
    reason: 'run/systemd/system',
  },
  {
    pattern: /^(.*)(\/usr\/lib\/systemd\/system)\//,
    place: (m, host) => ({ scope: rootful(host), dirKind: 'systemd', precedence: 3, searchDir: m[1] + m[2] }),
    reason: 'usr/lib/systemd/system',
  },
  {
    pattern: /^(.*)(\/etc\/systemd\/user)\//,
    place: (m, host) => ({ scope: everyUser(host), dirKind: 'systemd', precedence: 2, searchDir: m[1] + m[2], allUsers: true }),
    reason: 'etc/systemd/user (every user)',
  },
  {
    pattern: /^(.*)(\/usr\/lib\/systemd\/user)\//,
    place: (m, host) => ({ scope: everyUser(host), dirKind: 'systemd', precedence: 3, searchDir: m[1] + m[2], allUsers: true }),
    reason: 'usr/lib/systemd/user (every user)',
  },
];

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i > 0 ? p.slice(0, i) : p;
}

/** The directory part of a glob before its first wildcard ("roles/blog/**" → "roles/blog"). */
function globBase(glob: string): string {
  const parts = glob.split('/');
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[]/.test(part)) break;
    fixed.push(part);
  }
  return fixed.join('/');
}

function mappedPlacement(path: string, host: string, ctx: ScopeContext, root: string | undefined): Placement | { host: string } | undefined {
  const base = ctx.configDir ? normalisePath(ctx.configDir) : root;
  const rel = base && path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
  for (const mapping of ctx.config.scopes ?? []) {
    if (!globToRegExp(mapping.glob).test(rel)) continue;
    // A mapping that names only a host moves the file to that host; the owner still comes from the path.
    if (mapping.user === undefined && mapping.rootless === undefined) return { host: mapping.host ?? host };
    const owner = mapping.user ?? (mapping.rootless === false ? 'root' : undefined);
    const rootless = mapping.rootless ?? (owner === undefined ? undefined : owner !== 'root');
    const dir = globBase(mapping.glob);
    return {
      scope: { host: mapping.host ?? host, owner, rootless },
      dirKind: 'unknown',
      precedence: 1,
      searchDir: base ? (dir ? `${base}/${dir}` : base) : dirname(path),
      reason: `.quadlet-ls.json scope "${mapping.glob}"`,
    };
  }
  return undefined;
}

export function inferPlacement(filePath: string, ctx: ScopeContext): Placement {
  const path = normalisePath(filePath);
  const root = rootOf(path, ctx.roots);
  let host = hostOf(path, root);
  const explicitHost = HOSTS_SEGMENT.test(path);

  // 1. Explicit mappings from the config win (Ansible roles and other layouts).
  const mapped = mappedPlacement(path, host, ctx, root);
  if (mapped && 'scope' in mapped) return mapped;
  const hostFromConfig = mapped?.host;
  if (hostFromConfig) host = hostFromConfig;

  // 2. The machine's own ~/.config (outside any mirrored tree): the current user, on this machine.
  if (ctx.home && ctx.currentUser) {
    const home = normalisePath(ctx.home);
    for (const [sub, dirKind] of [['/.config/containers/systemd', 'quadlet'], ['/.config/systemd/user', 'systemd']] as const) {
      if (path.startsWith(home + sub + '/')) {
        const owner = ctx.currentUser;
        return {
          scope: { host: hostFromConfig ?? LOCAL_HOST, owner, rootless: owner !== 'root' },
          dirKind,
          precedence: 1,
          searchDir: home + sub,
          reason: `~${sub} of the current user`,
        };
      }
    }
  }

  // 3. Mirrored host trees (or the machine's own system directories, when nothing precedes them).
  for (const rule of PATH_RULES) {
    const m = rule.pattern.exec(path);
    if (!m) continue;
    const onThisMachine = m[1] === '' && !explicitHost && !hostFromConfig;
    return { ...rule.place(m, onThisMachine ? LOCAL_HOST : host, ctx), reason: rule.reason };
  }

  // 4. Anything else: one scope per workspace folder, owner unknown.
  return { scope: { host, owner: undefined, rootless: undefined }, dirKind: 'unknown', precedence: 1, searchDir: root ?? dirname(path), reason: 'workspace folder (owner unknown)' };
}

/** Does a placement's directory contribute units to the given scope? (`users/` files go to every rootless user.) */
export function servesScope(p: Placement, s: Scope): boolean {
  if (p.scope.host !== s.host) return false;
  if (p.allUsers) return s.rootless === true && s.owner !== undefined;
  return p.scope.owner === s.owner;
}

/** Podman reads quadlet files only from its own directories, systemd reads units only from its own. */
export function dirHolds(p: Placement, quadlet: boolean): boolean {
  return p.dirKind === 'unknown' || p.dirKind === (quadlet ? 'quadlet' : 'systemd');
}

/** Podman never looks for units inside directories named `*.d` (they hold drop-ins). */
export function insideDropinDir(path: string, p: Placement): boolean {
  if (p.dirKind === 'unknown') return false; // not a real search directory: the layout is the repo's own
  // Directory segments of the path below the search directory (the whole path when outside it);
  // a scan instead of split/some: asked for every candidate of every name lookup.
  const sd = p.searchDir;
  const start = path.length > sd.length && path.charCodeAt(sd.length) === 47 && path.startsWith(sd) ? sd.length + 1 : 0;
  for (let i = path.indexOf('/', start); i !== -1; i = path.indexOf('/', i + 1)) {
    // "<segment>/": the segment ends in ".d" (segments shorter than 2 never do).
    if (i - 2 >= start && path.charCodeAt(i - 1) === 100 && path.charCodeAt(i - 2) === 46) return true;
  }
  return false;
}

/**
 * Order of two directories inside one search directory, as Podman walks it: depth-first, entries in
 * byte order, a directory before its sub-directories. Paths are relative, without the file name.
 */
export function compareWalkOrder(dirA: string, dirB: string): number {
  if (dirA === dirB) return 0;
  const a = dirA ? dirA.split('/') : [];
  const b = dirB ? dirB.split('/') : [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length - b.length;
}

function relativeDir(path: string, searchDir: string): string {
  const dir = dirname(path);
  if (dir === searchDir) return '';
  return dir.startsWith(searchDir + '/') ? dir.slice(searchDir.length + 1) : dir;
}

/**
 * Search order of two directories holding units or drop-in dirs: search-directory precedence, then
 * Podman's walk order inside it. Lower comes first (and wins for units of the same file name).
 */
export function compareSearchOrder(a: { path: string; placement: Placement }, b: { path: string; placement: Placement }): number {
  const pa = a.placement;
  const pb = b.placement;
  if (pa.precedence !== pb.precedence) return pa.precedence - pb.precedence;
  if (pa.searchDir !== pb.searchDir) return pa.searchDir < pb.searchDir ? -1 : 1;
  return compareWalkOrder(relativeDir(a.path, pa.searchDir), relativeDir(b.path, pb.searchDir)) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
