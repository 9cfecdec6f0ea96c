// Scope inference: which host and which owner (Unix user or root) a unit file belongs to, and where
// in Podman's search order its directory sits. Repositories mirror real hosts, so the path tells.

import { QuadletConfig, globToRegExp } from './config';

export interface Scope {
  host: string;
  /** Unix user name, "uid:<n>" when only a uid is known, "root", or undefined when unknown. */
  owner?: string;
  rootless?: boolean;
}

/** Where a file sits: its scope, the kind of directory, and its rank in Podman's search order. */
export interface Placement {
  scope: Scope;
  /** `quadlet`: a Quadlet search directory; `systemd`: a plain systemd unit directory. */
  dirKind: 'quadlet' | 'systemd' | 'unknown';
  /** Lower wins when the same file name exists in several directories of one scope. */
  precedence: number;
  /** The search directory itself (files below it are found recursively). */
  searchDir: string;
  /** A file directly in `/etc/containers/systemd/users/`: Podman gives it to every rootless user. */
  allUsers?: boolean;
  /** Which rule decided (for hover and `quadlet-ls scopes`). */
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

export function scopeKey(s: Scope): string {
  return `${s.host}\u0000${s.owner ?? '?'}`;
}

export function describeScope(s: Scope): string {
  const who = s.owner === undefined ? 'unknown owner' : s.owner === 'root' ? 'root (rootful)' : `user ${s.owner} (rootless)`;
  return `${who} on host ${s.host}`;
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

function hostOf(path: string, root: string | undefined): string {
  const m = /(?:^|\/)hosts\/([^/]+)\//.exec(path);
  if (m) return m[1];
  if (root) return root.split('/').filter(Boolean).pop() ?? 'localhost';
  return 'localhost';
}

function ownerOfUid(uid: string, host: string, ctx: ScopeContext): string {
  const users = ctx.config.hosts?.[host]?.users ?? {};
  for (const [name, id] of Object.entries(users)) if (String(id) === uid) return name;
  return `uid:${uid}`;
}

interface PathRule {
  pattern: RegExp;
  place(m: RegExpExecArray, host: string, ctx: ScopeContext): Omit<Placement, 'reason'>;
  reason: string;
}

// Order matters: the more specific directories come first.
const PATH_RULES: PathRule[] = [
  {
    pattern: /^(.*\/home\/([^/]+)\/\.config\/containers\/systemd)\//,
    place: (m, host) => ({ scope: { host, owner: m[2], rootless: true }, dirKind: 'quadlet', precedence: 1, searchDir: m[1] }),
    reason: 'home/<user>/.config/containers/systemd',
  },
  {
    pattern: /^(.*\/home\/([^/]+)\/\.config\/systemd\/user)\//,
    place: (m, host) => ({ scope: { host, owner: m[2], rootless: true }, dirKind: 'systemd', precedence: 1, searchDir: m[1] }),
    reason: 'home/<user>/.config/systemd/user',
  },
  {
    pattern: /^(.*\/etc\/containers\/systemd\/users\/(\d+))\//,
    place: (m, host, ctx) => ({ scope: { host, owner: ownerOfUid(m[2], host, ctx), rootless: true }, dirKind: 'quadlet', precedence: 2, searchDir: m[1] }),
    reason: 'etc/containers/systemd/users/<uid>',
  },
  {
    pattern: /^(.*\/etc\/containers\/systemd\/users)\//,
    place: (m, host) => ({ scope: { host, owner: '*', rootless: true }, dirKind: 'quadlet', precedence: 3, searchDir: m[1], allUsers: true }),
    reason: 'etc/containers/systemd/users (every rootless user)',
  },
  {
    pattern: /^(.*\/run\/containers\/systemd)\//,
    place: (m, host) => ({ scope: { host, owner: 'root', rootless: false }, dirKind: 'quadlet', precedence: 0, searchDir: m[1] }),
    reason: 'run/containers/systemd',
  },
  {
    pattern: /^(.*\/etc\/containers\/systemd)\//,
    place: (m, host) => ({ scope: { host, owner: 'root', rootless: false }, dirKind: 'quadlet', precedence: 1, searchDir: m[1] }),
    reason: 'etc/containers/systemd',
  },
  {
    pattern: /^(.*\/usr\/share\/containers\/systemd)\//,
    place: (m, host) => ({ scope: { host, owner: 'root', rootless: false }, dirKind: 'quadlet', precedence: 2, searchDir: m[1] }),
    reason: 'usr/share/containers/systemd',
  },
  {
    pattern: /^(.*\/etc\/systemd\/system)\//,
    place: (m, host) => ({ scope: { host, owner: 'root', rootless: false }, dirKind: 'systemd', precedence: 1, searchDir: m[1] }),
    reason: 'etc/systemd/system',
  },
];

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i > 0 ? p.slice(0, i) : p;
}

export function inferPlacement(filePath: string, ctx: ScopeContext): Placement {
  const path = normalisePath(filePath);
  const root = rootOf(path, ctx.roots);
  const host = hostOf(path, root);

  // 1. Explicit mappings from the config win (Ansible roles and other layouts).
  for (const mapping of ctx.config.scopes ?? []) {
    const base = ctx.configDir ? normalisePath(ctx.configDir) : root;
    const rel = base && path.startsWith(base + '/') ? path.slice(base.length + 1) : path;
    if (globToRegExp(mapping.glob).test(rel)) {
      const owner = mapping.user;
      const rootless = mapping.rootless ?? (owner === undefined ? undefined : owner !== 'root');
      return {
        scope: { host: mapping.host ?? host, owner, rootless },
        dirKind: 'quadlet',
        precedence: 1,
        searchDir: dirname(path),
        reason: `.quadlet-ls.json scope "${mapping.glob}"`,
      };
    }
  }

  // 2. The machine's own ~/.config (outside any mirrored tree).
  if (ctx.home && ctx.currentUser) {
    const home = normalisePath(ctx.home);
    for (const [sub, dirKind] of [['/.config/containers/systemd', 'quadlet'], ['/.config/systemd/user', 'systemd']] as const) {
      if (path.startsWith(home + sub + '/')) {
        const owner = ctx.currentUser;
        return {
          scope: { host, owner, rootless: owner !== 'root' },
          dirKind,
          precedence: 1,
          searchDir: home + sub,
          reason: `~${sub} of the current user`,
        };
      }
    }
  }

  // 3. Mirrored host trees.
  for (const rule of PATH_RULES) {
    const m = rule.pattern.exec(path);
    if (m) return { ...rule.place(m, host, ctx), reason: rule.reason };
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
