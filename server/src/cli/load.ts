// Builds an analysed workspace from command-line paths: finds the config, places every file,
// picks the target Podman version.

import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Analysis } from '../features/analysis';
import { settingsFromConfig } from '../features/settings';
import { QuadletConfig, parseConfig } from '../workspace/config';
import { WorkspaceIndex } from '../workspace/index';
import { findUnitFiles, readInput } from '../workspace/loader';
import { normalisePath } from '../workspace/scopes';
import { UsageError } from './args';
import { detectPodmanVersion } from './podman-version';

export interface LoadedWorkspace {
  analysis: Analysis;
  config: QuadletConfig;
  configPath?: string;
  roots: string[];
  errors: string[];
}

async function findConfig(start: string): Promise<string | undefined> {
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

export async function loadWorkspace(paths: string[], opts: { configPath?: string; podmanVersion?: string }): Promise<LoadedWorkspace> {
  if (paths.length === 0) throw new UsageError('no PATH given');
  const absolute = paths.map((p) => resolve(p));
  const roots: string[] = [];
  for (const p of absolute) {
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) throw new UsageError(`${p}: no such file or directory`);
    roots.push(normalisePath(st.isDirectory() ? p : dirname(p)));
  }
  const configPath = opts.configPath ? resolve(opts.configPath) : await findConfig(roots[0]);
  let config: QuadletConfig = {};
  if (configPath) {
    let text: string;
    try {
      text = await fs.readFile(configPath, 'utf8');
    } catch {
      throw new UsageError(`${configPath}: cannot read the config file`);
    }
    const parsed = parseConfig(text);
    if (parsed.problems.length && opts.configPath) throw new UsageError(`${configPath}: ${parsed.problems.map((p) => p.message).join('; ')}`);
    config = parsed.config;
  }
  const podmanVersion = opts.podmanVersion ?? config.podmanVersion ?? (await detectPodmanVersion());
  const index = new WorkspaceIndex({ roots, config, configDir: configPath ? normalisePath(dirname(configPath)) : undefined });
  const analysis = new Analysis(index, settingsFromConfig(config, podmanVersion));
  const { files, errors } = await findUnitFiles(absolute, { maxFileSize: config.maxFileSize });
  const inputs = await Promise.all(files.map(async (f) => [f, await readInput(f, { maxFileSize: config.maxFileSize })] as const));
  for (const [f, input] of inputs) analysis.setFile(normalisePath(f), input);
  return { analysis, config, configPath, roots, errors };
}
