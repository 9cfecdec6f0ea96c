// Finds Podman's Quadlet generator and asks its version. The configured path comes only from the
// user's own (machine/user) settings or the CLI flag — never from a workspace — and nothing here
// runs unless the caller decided the workspace is trusted.

import { promises as fs, constants } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { execGenerator } from './exec';

/** Where distributions install the generator. */
export const SYSTEM_GENERATOR_PATHS = ['/usr/libexec/podman/quadlet', '/usr/lib/podman/quadlet'];

export interface GeneratorLocation {
  path: string;
  source: 'setting' | 'system' | 'next-to-podman';
}

export interface LocateResult {
  found?: GeneratorLocation;
  /** Why nothing was found, or why the configured path was refused. */
  problem?: string;
}

async function isExecutableFile(p: string): Promise<boolean> {
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return false;
    await fs.access(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `<dir>/quadlet`, `<dir>/../libexec/podman/quadlet`, `<dir>/../lib/podman/quadlet` for each `podman` on PATH (and its real location). */
async function nextToPodman(pathEnv: string): Promise<string[]> {
  const out: string[] = [];
  for (const dir of pathEnv.split(delimiter).filter((d) => isAbsolute(d))) {
    const podman = join(dir, 'podman');
    if (!(await isExecutableFile(podman))) continue;
    const dirs = [dir];
    const real = await fs.realpath(podman).catch(() => podman);
    if (dirname(real) !== dir) dirs.push(dirname(real));
    for (const d of dirs) out.push(join(d, 'quadlet'), resolve(d, '../libexec/podman/quadlet'), resolve(d, '../lib/podman/quadlet'));
  }
  return out;
}

export interface LocateOptions {
  /** `quadletLs.generatorPath` (user/machine scope) or `--generator`. */
  configured?: string;
  pathEnv?: string;
  /** Overridable for tests. */
  systemPaths?: string[];
}

export async function locateGenerator(opts: LocateOptions): Promise<LocateResult> {
  const configured = opts.configured?.trim();
  if (configured) {
    // A path the user chose is used or refused, never silently replaced by another binary.
    if (!isAbsolute(configured)) return { problem: `quadletLs.generatorPath must be an absolute path (got "${configured}").` };
    if (!(await isExecutableFile(configured))) return { problem: `quadletLs.generatorPath "${configured}" is not an executable file.` };
    return { found: { path: configured, source: 'setting' } };
  }
  for (const p of opts.systemPaths ?? SYSTEM_GENERATOR_PATHS) if (await isExecutableFile(p)) return { found: { path: p, source: 'system' } };
  for (const p of await nextToPodman(opts.pathEnv ?? '')) if (await isExecutableFile(p)) return { found: { path: p, source: 'next-to-podman' } };
  return { problem: `Podman's Quadlet generator was not found (looked in ${[...(opts.systemPaths ?? SYSTEM_GENERATOR_PATHS)].join(', ')} and next to podman on PATH). Set quadletLs.generatorPath in your user settings.` };
}

/** `quadlet -version` prints e.g. `5.8.6`; undefined when it does not answer with a version. */
export async function generatorVersion(path: string, timeoutMs = 5000): Promise<string | undefined> {
  const r = await execGenerator(path, ['-version'], { env: minimalEnv(), timeoutMs, maxOutput: 64 * 1024 });
  const m = /^\s*v?(\d+\.\d+(?:\.\d+)?\S*)/.exec(r.stdout);
  return !r.timedOut && !r.failure && m ? m[1] : undefined;
}

/** The environment the generator runs with: only what it needs, nothing from the editor's session. */
export function minimalEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
  if (process.env.HOME) env.HOME = process.env.HOME;
  return { ...env, ...extra };
}
