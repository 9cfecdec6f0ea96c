// `.quadlet-ls.json`: the workspace configuration shared by the CLI and the language server.
// VS Code settings are merged on top of it by the server (settings win for scalar values, lists add).

import { Severity } from '../syntax/diagnostic';

export interface ScopeMapping {
  /** Glob relative to the directory holding the config file (`**`, `*`, `?`). */
  glob: string;
  host?: string;
  user?: string;
  rootless?: boolean;
}

export interface HostConfig {
  /** User name → uid, so `/etc/containers/systemd/users/<uid>` maps to a name. */
  users?: Record<string, number>;
  unprivilegedPortStart?: number;
}

export interface QuadletConfig {
  podmanVersion?: string;
  scopes?: ScopeMapping[];
  hosts?: Record<string, HostConfig>;
  trustedAddresses?: string[];
  unprivilegedPortStart?: number;
  severity?: Record<string, Severity | 'off'>;
  ignore?: string[];
  maxFileSize?: number;
  socketProxydPath?: string;
  hardening?: 'off' | 'recommend';
}

export interface ConfigProblem {
  message: string;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Parses and validates a config file's text; unknown fields are reported, not fatal. */
export function parseConfig(text: string): { config: QuadletConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { config: {}, problems: [{ message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, problems: [{ message: 'the top level must be an object' }] };
  const obj = raw as Record<string, unknown>;
  const config: QuadletConfig = {};
  const known = new Set(['$schema', 'podmanVersion', 'scopes', 'hosts', 'trustedAddresses', 'unprivilegedPortStart', 'severity', 'ignore', 'maxFileSize', 'socketProxydPath', 'hardening']);
  for (const k of Object.keys(obj)) if (!known.has(k)) problems.push({ message: `unknown field "${k}"` });
  if (typeof obj.podmanVersion === 'string') config.podmanVersion = obj.podmanVersion;
  if (Array.isArray(obj.scopes)) {
    config.scopes = obj.scopes.filter((s): s is ScopeMapping => {
      const ok = !!s && typeof s === 'object' && typeof (s as ScopeMapping).glob === 'string';
      if (!ok) problems.push({ message: 'every entry of "scopes" needs a "glob" string' });
      return ok;
    });
  }
  if (obj.hosts && typeof obj.hosts === 'object') config.hosts = obj.hosts as Record<string, HostConfig>;
  if (Array.isArray(obj.trustedAddresses)) config.trustedAddresses = obj.trustedAddresses.filter((a): a is string => typeof a === 'string');
  if (typeof obj.unprivilegedPortStart === 'number') config.unprivilegedPortStart = obj.unprivilegedPortStart;
  if (obj.severity && typeof obj.severity === 'object') {
    config.severity = {};
    for (const [code, sev] of Object.entries(obj.severity as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) config.severity[code] = sev as Severity | 'off';
      else problems.push({ message: `severity of "${code}" must be one of error, warning, information, hint, off` });
    }
  }
  if (Array.isArray(obj.ignore)) config.ignore = obj.ignore.filter((g): g is string => typeof g === 'string');
  if (typeof obj.maxFileSize === 'number') config.maxFileSize = obj.maxFileSize;
  if (typeof obj.socketProxydPath === 'string') config.socketProxydPath = obj.socketProxydPath;
  if (obj.hardening === 'off' || obj.hardening === 'recommend') config.hardening = obj.hardening;
  return { config, problems };
}

/** Later configs win for scalars; lists and maps are combined. */
export function mergeConfigs(...configs: Array<QuadletConfig | undefined>): QuadletConfig {
  const out: QuadletConfig = {};
  for (const c of configs) {
    if (!c) continue;
    for (const [k, v] of Object.entries(c) as Array<[keyof QuadletConfig, unknown]>) {
      if (v === undefined) continue;
      const prev = out[k];
      if (Array.isArray(v) && Array.isArray(prev)) (out as Record<string, unknown>)[k] = [...prev, ...v];
      else if (v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object') (out as Record<string, unknown>)[k] = { ...prev, ...v };
      else (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

/** Minimal glob → RegExp: `**` spans directories, `*` and `?` stay within one segment. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The config's `ignore` globs as patterns over absolute paths (globs are relative to `baseDir`). */
export function ignorePatterns(config: QuadletConfig, baseDir: string | undefined): RegExp[] {
  if (!config.ignore?.length || !baseDir) return [];
  const base = baseDir.replace(/\\/g, '/').replace(/\/$/, '').replace(/[.+^${}()|[\]\\*?]/g, '\\$&');
  return config.ignore.map((glob) => new RegExp(`^${base}/${globToRegExp(glob).source.slice(1)}`));
}
