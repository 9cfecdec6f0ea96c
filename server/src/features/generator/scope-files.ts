// Which files of the workspace make up one scope for the generator: the Quadlet unit files and
// drop-ins of every search directory that serves the scope, with their path relative to that
// directory (sub-directories matter to Podman: recursion, drop-in lookup).

import { isQuadletType } from '../../catalog/filetypes';
import { SourceFile } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { Scope, scopeKey, servesScope } from '../../workspace/scopes';

export interface ScopeFile {
  file: SourceFile;
  /** The search directory the file belongs to (from its placement). */
  searchDir: string;
  /** Path below searchDir, "/"-separated, never with "..". */
  rel: string;
  precedence: number;
}

function relativeTo(path: string, dir: string): string | undefined {
  const base = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  if (!path.startsWith(base + '/')) return undefined;
  const rel = path.slice(base.length + 1);
  return rel.split('/').some((p) => p === '..' || p === '.' || p === '') ? undefined : rel;
}

/** Would Podman's generator read this file (by its name and place)? `.quadlets` and `.j2` files are not read. */
export function generatorReads(file: SourceFile): boolean {
  const id = file.identity;
  if (id.template || file.placement.dirKind === 'systemd') return false;
  if (id.kind !== 'unit' && id.kind !== 'dropin') return false;
  if (!isQuadletType(id.type)) return false;
  const unit = file.units()[0];
  return !unit?.foreign;
}

export function scopeFiles(index: WorkspaceIndex, scope: Scope): ScopeFile[] {
  const out: ScopeFile[] = [];
  for (const file of index.allFiles()) {
    if (!generatorReads(file) || !servesScope(file.placement, scope)) continue;
    const rel = relativeTo(file.path, file.placement.searchDir);
    if (rel === undefined) continue;
    out.push({ file, searchDir: file.placement.searchDir, rel, precedence: file.placement.precedence });
  }
  return out.sort((a, b) => a.precedence - b.precedence || a.searchDir.localeCompare(b.searchDir) || a.rel.localeCompare(b.rel));
}

/** Every scope that holds at least one file the generator reads (for the CLI). */
export function scopesOf(index: WorkspaceIndex): Scope[] {
  const seen = new Map<string, Scope>();
  for (const file of index.allFiles()) {
    if (!generatorReads(file)) continue;
    const key = scopeKey(file.placement.scope);
    if (!seen.has(key)) seen.set(key, file.placement.scope);
  }
  return [...seen.values()];
}
