// Test helpers for the socket-activator engine: in-memory workspaces, the engine's environment, and
// applying a WorkspaceChange to a set of files the way an editor would (creates fail on existing files).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analysis } from '../../server/src/features/analysis';
import { WorkspaceChange, applyTextEdits } from '../../server/src/features/edits';
import { activatorEnv } from '../../server/src/features/activator/env';
import { ActivatorEnv } from '../../server/src/features/activator/plan';
import { QuadletConfig } from '../../server/src/workspace/config';
import { WorkspaceIndex } from '../../server/src/workspace/index';

export function workspace(files: Record<string, string>, root = '/ws', config: QuadletConfig = {}, podmanVersion = '5.8'): Analysis {
  const analysis = new Analysis(new WorkspaceIndex({ roots: [root], config }), { podmanVersion });
  for (const [path, text] of Object.entries(files)) analysis.setFile(path.startsWith('/') ? path : `${root}/${path}`, { text });
  return analysis;
}

/** The engine's environment over an in-memory workspace; `onDisk` lists extra paths that exist. */
export function envOf(analysis: Analysis, onDisk: string[] = []): ActivatorEnv {
  return activatorEnv(analysis.index, analysis.settings, (p) => !!analysis.index.getFile(p) || onDisk.includes(p));
}

/** Applies a change to { path: text }; a create of an existing path throws, as LSP CreateFile(overwrite:false) fails. */
export function applyChange(files: Record<string, string>, change: WorkspaceChange): Record<string, string> {
  const out = { ...files };
  for (const c of change.changes) {
    if (c.kind === 'create') {
      if (c.path in out) throw new Error(`create would overwrite ${c.path}`);
      out[c.path] = c.text;
    } else if (c.kind === 'edit') {
      if (!(c.path in out)) throw new Error(`edit of a missing file ${c.path}`);
      out[c.path] = applyTextEdits(out[c.path], c.edits);
    } else throw new Error('unexpected rename');
  }
  return out;
}

/** Every file under a directory as { relative path: text }. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

export function prefixed(files: Record<string, string>, root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [`${root}/${p}`, t]));
}

export function unprefixed(files: Record<string, string>, root: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([p, t]) => [p.slice(root.length + 1), t]));
}

export { WorkspaceIndex };
