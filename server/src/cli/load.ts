// Builds an analysed workspace from command-line paths: finds the config, places every file,
// picks the target Podman version.

import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Analysis } from '../features/analysis';
import { settingsFromConfig } from '../features/settings';
import { loadCompanionFiles } from '../features/companions';
import { QuadletConfig, ignorePatterns, parseConfig } from '../workspace/config';
import { FileInput, WorkspaceIndex } from '../workspace/index';
import { findUnitFilesSync, loadOrder, readInputSync } from '../workspace/loader';
import { normalisePath } from '../workspace/scopes';
import { UsageError } from './args';
import { detectPodmanVersion } from './podman-version';

export interface LoadedWorkspace {
  analysis: Analysis;
  config: QuadletConfig;
  configPath?: string;
  roots: string[];
  /** I/O failures (exit status 2). */
  errors: string[];
  /** Problems worth telling but not fatal (a config field that is ignored). */
  warnings: string[];
}

const VERSION_ARG = /^v?\d+\.\d+(\.\d+)?$/;

export async function findConfig(start: string): Promise<string | undefined> {
  let dir = start;
  for (;;) {
    const candidate = resolve(dir, '.quadlet-ls.json');
    try {
      await fs.access(candidate);
      return candidate;
    } catch {
      const up = dirname(dir);
      if (up === dir) return undefined;
      dir = up;
    }
  }
}

/** `detectedVersion` (e.g. from `--generator`) is used when neither the flag nor the config sets a version. */
export async function loadWorkspace(paths: string[], opts: { configPath?: string; podmanVersion?: string; detectedVersion?: string }): Promise<LoadedWorkspace> {
  if (paths.length === 0) throw new UsageError('no PATH given');
  const absolute = paths.map((p) => resolve(p));
  const roots: string[] = [];
  for (const p of absolute) {
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) throw new UsageError(`${p}: no such file or directory`);
    roots.push(normalisePath(st.isDirectory() ? p : dirname(p)));
  }
  if (opts.podmanVersion !== undefined && !VERSION_ARG.test(opts.podmanVersion)) throw new UsageError(`--podman-version "${opts.podmanVersion}" is not a version like 5.4`);
  const configPath = opts.configPath ? resolve(opts.configPath) : await findConfig(roots[0]);
  const warnings: string[] = [];
  let config: QuadletConfig = {};
  if (configPath) {
    let text: string;
    try {
      text = await fs.readFile(configPath, 'utf8');
    } catch {
      throw new UsageError(`${configPath}: cannot read the config file`);
    }
    const parsed = parseConfig(text);
    const problems = parsed.problems.map((p) => p.message).join('; ');
    // A config given with --config must be right; a found one that is not even JSON would silently
    // change the results (severity overrides lost), so it stops the run too. Lesser problems warn.
    if (parsed.problems.length && (opts.configPath || Object.keys(parsed.config).length === 0)) throw new UsageError(`${configPath}: ${problems}`);
    if (parsed.problems.length) warnings.push(`${configPath}: ${problems} (ignored)`);
    config = parsed.config;
  }
  if (config.podmanVersion !== undefined && !VERSION_ARG.test(config.podmanVersion)) {
    warnings.push(`${configPath}: podmanVersion "${config.podmanVersion}" is not a version like 5.4 (ignored)`);
    delete config.podmanVersion;
  }
  const podmanVersion = opts.podmanVersion ?? config.podmanVersion ?? opts.detectedVersion ?? (await detectPodmanVersion());
  const index = new WorkspaceIndex({ roots, config, configDir: configPath ? normalisePath(dirname(configPath)) : undefined });
  const analysis = new Analysis(index, settingsFromConfig(config, podmanVersion));
  const load = { maxFileSize: config.maxFileSize, ignore: ignorePatterns(config, configPath ? dirname(configPath) : roots[0]) };
  const { files, errors, regular } = findUnitFilesSync(absolute, load);
  const inputs: Array<{ path: string; input: FileInput }> = [];
  for (const f of loadOrder(files)) {
    const input = readInputSync(f, load, regular.has(f));
    if (input.skipped?.kind !== 'gone') inputs.push({ path: normalisePath(f), input }); // gone: deleted while we read the tree
  }
  analysis.loadFiles(inputs);
  await loadCompanionFiles(analysis, load);
  return { analysis, config, configPath, roots, errors, warnings };
}
