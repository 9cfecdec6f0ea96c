// Units a scope can see, for completion and hints. Goes through the index's public lookups only
// (`unitsOnHost` to enumerate names, `resolve` for the definition that wins in the scope), so it
// follows whatever scope resolution the index implements.

import { UnitType } from '../catalog/filetypes';
import { ParsedUnit } from '../workspace/files';
import { WorkspaceIndex } from '../workspace/index';
import { GeneratedNames } from '../workspace/names';
import { Scope } from '../workspace/scopes';

/** The winning unit per file name in the scope, optionally only of some types; sorted by name. */
export function unitsInScope(index: WorkspaceIndex, scope: Scope, types?: readonly UnitType[]): ParsedUnit[] {
  const seen = new Set<string>();
  const out: ParsedUnit[] = [];
  for (const u of index.unitsOnHost(scope.host)) {
    if (seen.has(u.name) || !u.type || (types && !types.includes(u.type))) continue;
    seen.add(u.name);
    const winner = index.resolve(scope, u.name);
    if (winner && !winner.foreign) out.push(winner);
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Short human form: "db-network.service · network systemd-db". */
export function describeNames(n: GeneratedNames | undefined, fallback = ''): string {
  if (!n) return fallback;
  return n.object ? `${n.service} · ${n.object.kind} ${n.object.name}` : n.service;
}
