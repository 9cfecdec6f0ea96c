// Where an activator's .socket and .service go: next to the scope's systemd units, so systemd loads them
// for the same owner as the quadlet. A user's quadlets in ~/.config/containers/systemd get
// ~/.config/systemd/user; root's quadlets get /etc/systemd/system (inside the mirrored host tree).

import { ParsedUnit } from '../../workspace/files';
import { WorkspaceIndex } from '../../workspace/index';
import { Scope, normalisePath, scopeKey } from '../../workspace/scopes';

export type UnitDirectory = { dir: string; manager: 'user' | 'system' | 'unknown'; note?: string } | { refused: string };

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i > 0 ? p.slice(0, i) : p;
}

function candidate(path: string, scope: Scope): { dir: string; note?: string } | undefined {
  let m = /^(.*)\/\.config\/containers\/systemd\//.exec(path);
  if (m) return { dir: `${m[1]}/.config/systemd/user` };
  m = /^(.*)\/etc\/containers\/systemd\/users\/\d+\//.exec(path);
  if (m) {
    // Podman's per-uid quadlet directory has no systemd twin; the user's own unit directory is the place.
    if (scope.owner && !scope.owner.startsWith('uid:')) {
      return { dir: `${m[1]}/home/${scope.owner}/.config/systemd/user`, note: `placed in ${scope.owner}'s ~/.config/systemd/user (assumed home /home/${scope.owner}); move them if the home directory is elsewhere` };
    }
    return undefined;
  }
  m = /^(.*)\/(?:etc|usr\/share|run)\/containers\/systemd\//.exec(path);
  if (m) return { dir: `${m[1]}/etc/systemd/system` };
  return undefined;
}

/** The directory for the generated units, verified to belong to the same scope as the quadlet. */
export function unitDirectoryFor(unit: ParsedUnit, index: WorkspaceIndex): UnitDirectory {
  const placement = unit.file.placement;
  if (placement.allUsers) {
    return { refused: `${unit.name} sits in /etc/containers/systemd/users/, which every rootless user loads: one activator per user would bind the same port. Move the quadlet into one user's directory first.` };
  }
  const scope = placement.scope;
  const path = normalisePath(unit.file.path);
  const sameScope = (dir: string) => scopeKey(index.placementOf(`${dir}/x.socket`).scope) === scopeKey(scope);
  const manager = scope.owner === undefined ? 'unknown' : scope.rootless ? 'user' : 'system';
  const c = candidate(path, scope);
  if (c && sameScope(c.dir)) return { dir: c.dir, manager, note: c.note };
  const here = dirname(path);
  if (sameScope(here)) {
    const where = manager === 'user' ? `${scope.owner}'s ~/.config/systemd/user` : manager === 'system' ? '/etc/systemd/system' : "the owner's systemd unit directory";
    return { dir: here, manager, note: `placed next to the quadlet (no systemd unit directory is known for this layout); install them into ${where}` };
  }
  return { refused: `cannot find a directory for ${unit.name}'s activator units in the same scope (${scope.owner ?? 'unknown owner'} on ${scope.host}).` };
}
