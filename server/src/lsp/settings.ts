// Editor settings (`quadletLs.*`) layered on the workspace's `.quadlet-ls.json`.

import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { Connection, InitializeParams } from 'vscode-languageserver/node';
import { AnalysisSettings } from '../rules/types';
import { NEWEST_KNOWN, normaliseVersion } from '../catalog/versions';
import { QuadletConfig, ScopeMapping, ignorePatterns, mergeConfigs, parseConfig } from '../workspace/config';
import { LoadOptions } from '../workspace/loader';
import { ScopeContext, normalisePath } from '../workspace/scopes';
import { settingsFromConfig } from '../features/settings';
import { homedir, userInfo } from 'node:os';

export interface ClientSettings {
  podmanVersion?: string;
  severity?: Record<string, string>;
  trustedAddresses?: string[];
  // Scalars that `.quadlet-ls.json` can also set: the editor's default (null or "") means "not set",
  // so the workspace file decides unless the user set the editor setting.
  unprivilegedPortStart?: number | null;
  socketProxydPath?: string;
  scopes?: ScopeMapping[];
  hardening?: 'off' | 'recommend' | '';
  maxFileSize?: number | null;
  /** Show generated names after references (editor only). */
  inlayHints?: boolean;
  /** Path of Podman's quadlet generator; machine-scoped, never taken from workspace settings. */
  generatorPath?: string;
}

export interface InitOptions {
  /** Set by the VS Code client from workspace trust; other clients are treated as untrusted. */
  trusted?: boolean;
  settings?: ClientSettings;
  /** `quadletLs.generatorPath` from the user's own settings only (the VS Code client reads it with inspect()). */
  generatorPath?: string;
}

export async function readClientSettings(connection: Connection, init: InitializeParams | undefined): Promise<ClientSettings> {
  const fromInit = (init?.initializationOptions as InitOptions | undefined)?.settings ?? {};
  if (!init?.capabilities.workspace?.configuration) return fromInit;
  try {
    const s = await connection.workspace.getConfiguration('quadletLs');
    return { ...fromInit, ...(s ?? {}) };
  } catch {
    return fromInit;
  }
}

async function readWorkspaceConfig(roots: string[]): Promise<{ config: QuadletConfig; dir?: string }> {
  for (const root of roots) {
    try {
      const text = await fs.readFile(join(root, '.quadlet-ls.json'), 'utf8');
      return { config: parseConfig(text).config, dir: normalisePath(root) };
    } catch {
      /* no config in this folder */
    }
  }
  return { config: {} };
}

function currentUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}

export async function scopeContextFrom(roots: string[], settings: ClientSettings): Promise<{ scope: ScopeContext; load: LoadOptions }> {
  const { config, dir } = await readWorkspaceConfig(roots);
  const merged = mergeConfigs(config, {
    scopes: settings.scopes,
    trustedAddresses: settings.trustedAddresses,
    unprivilegedPortStart: settings.unprivilegedPortStart ?? undefined,
    socketProxydPath: settings.socketProxydPath || undefined,
    hardening: settings.hardening || undefined,
    maxFileSize: settings.maxFileSize ?? undefined,
    severity: settings.severity as QuadletConfig['severity'],
  });
  return {
    scope: { roots: roots.map(normalisePath), config: merged, configDir: dir, home: homedir(), currentUser: currentUser() },
    load: { maxFileSize: merged.maxFileSize, ignore: ignorePatterns(merged, dir ?? roots[0]) },
  };
}

function podmanVersionOnPath(): Promise<string | undefined> {
  return new Promise((resolve) => execFile('podman', ['--version'], { timeout: 3000 }, (err, out) => resolve(err ? undefined : normaliseVersion(String(out)))));
}

/**
 * Target version: explicit setting, else the config, else (only when trusted) the generator's
 * `quadlet -version` from `detectVersion`, else `podman --version`, else the newest known.
 */
export async function analysisSettingsFrom(config: QuadletConfig, settings: ClientSettings, trusted: boolean, detectVersion?: () => Promise<string | undefined>): Promise<AnalysisSettings> {
  const explicit = settings.podmanVersion && settings.podmanVersion !== 'auto' ? normaliseVersion(settings.podmanVersion) : undefined;
  const detect = async () => normaliseVersion((await detectVersion?.()) ?? '') ?? (await podmanVersionOnPath());
  const version = explicit ?? config.podmanVersion ?? (trusted ? await detect() : undefined) ?? NEWEST_KNOWN;
  return settingsFromConfig(config, version);
}
