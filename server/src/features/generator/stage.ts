// Copies a scope's files into a fresh private temp directory, one sub-directory per search
// directory (in Podman's precedence order, so QUADLET_UNIT_DIRS keeps the precedence), and maps
// paths both ways. The generator then never sees the workspace itself, and paths with ":" (the
// QUADLET_UNIT_DIRS separator) cannot break the run. `withStage` always removes the directory.

import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ScopeFile } from './scope-files';

export interface StagedFile {
  source: string;
  temp: string;
  /** Index of the staged search directory. */
  dir: number;
}

export interface Stage {
  /** Staged search directories, in precedence order (absolute, symlinks resolved). */
  dirs: string[];
  /** The original search directory of each staged one. */
  sourceDirs: string[];
  files: StagedFile[];
  toSource(tempPath: string): string | undefined;
  /** Rewrites staged paths inside generator text (messages, SourcePath=) to the original ones. */
  restorePaths(text: string): string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Content to write: editor text, or the raw bytes on disk when the text is not a faithful copy. */
async function contentOf(f: ScopeFile): Promise<string | Uint8Array> {
  if (f.file.skipped || f.file.decodeProblem) return fs.readFile(f.file.path);
  return f.file.text;
}

/** `parent`: where the private temp directory is created (the system temp dir by default). */
export async function withStage<T>(files: ScopeFile[], use: (stage: Stage) => Promise<T>, parent = tmpdir()): Promise<T> {
  const root = await fs.realpath(await fs.mkdtemp(join(parent, 'quadlet-ls-gen-')));
  try {
    const dirIndex = new Map<string, number>();
    const sourceDirs: string[] = [];
    const dirs: string[] = [];
    const staged: StagedFile[] = [];
    for (const f of files) {
      let i = dirIndex.get(f.searchDir);
      if (i === undefined) {
        i = sourceDirs.length;
        dirIndex.set(f.searchDir, i);
        sourceDirs.push(f.searchDir);
        dirs.push(join(root, String(i)));
        await fs.mkdir(dirs[i], { recursive: true });
      }
      let content: string | Uint8Array;
      try {
        content = await contentOf(f);
      } catch {
        continue; // unreadable: the generator would not get it either
      }
      const temp = join(dirs[i], ...f.rel.split('/'));
      await fs.mkdir(dirname(temp), { recursive: true });
      await fs.writeFile(temp, content, { flag: 'wx' });
      staged.push({ source: f.file.path, temp, dir: i });
    }
    const byTemp = new Map(staged.map((s) => [s.temp, s.source]));
    // Longest staged directory first, and only whole path components, so "…/1" never eats "…/10".
    const order = dirs.map((d, i) => ({ d, i })).sort((a, b) => b.d.length - a.d.length);
    const patterns = order.map(({ d, i }) => ({ re: new RegExp(escapeRegExp(d) + '(?=/|$|[^\\w.-])', 'g'), to: sourceDirs[i] }));
    const stage: Stage = {
      dirs,
      sourceDirs,
      files: staged,
      toSource: (p) => byTemp.get(p),
      restorePaths: (text) => patterns.reduce((t, { re, to }) => t.replace(re, () => to), text),
    };
    return await use(stage);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
