// Navigation between units: go to definition, find references, document links, workspace symbols
// and hover on a reference. Everything resolves the way Podman and systemd would, in the referring
// unit's scope.

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { Position, Range } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { describeScope } from '../workspace/scopes';
import { unitAnchor } from '../rules/reference-util';
import { FoundReference, Location, NavContext, generatedNamesOf, referenceAt, referencesInFile, referencesTo, resolve, unitAt } from './references';

export type { Location, NavContext };
export { navContext } from './references';

function locationOf(unit: ParsedUnit): Location {
  return { path: unit.file.path, range: unitAnchor(unit) };
}

/** The units a reference reaches: the one in scope, or (to help) the other owners' ones. */
function targetsOf(ctx: NavContext, found: FoundReference): ParsedUnit[] {
  const res = resolve(ctx, found);
  if (res.status === 'found') return [res.target];
  if (res.status === 'elsewhere' || res.status === 'partial') return res.targets;
  return [];
}

export function definition(ctx: NavContext, path: string, position: Position): Location[] {
  const found = referenceAt(ctx, path, position);
  return found ? targetsOf(ctx, found).map(locationOf) : [];
}

/** The unit a request is about: the target of the reference under the cursor, else the file's own unit. */
function subjectAt(ctx: NavContext, path: string, position: Position): ParsedUnit | undefined {
  const found = referenceAt(ctx, path, position);
  if (found) {
    const res = resolve(ctx, found);
    return res.status === 'found' ? res.target : undefined;
  }
  return unitAt(ctx, path, position);
}

export function findReferences(ctx: NavContext, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const target = subjectAt(ctx, path, position);
  if (!target) return [];
  const refs = referencesTo(ctx, target).map((f) => ({ path: f.ref.unit.file.path, range: f.ref.range }));
  return includeDeclaration ? [locationOf(target), ...refs] : refs;
}

export interface DocumentLink {
  range: Range;
  target: string;
  tooltip: string;
}

export function documentLinks(ctx: NavContext, path: string): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const found of referencesInFile(ctx, path)) {
    if (found.ref.implicit) continue;
    const [target] = targetsOf(ctx, found);
    if (target) out.push({ range: found.ref.range, target: target.file.path, tooltip: `Open ${target.name} (${describeScope(target.file.placement.scope)})` });
  }
  return out;
}

export interface WorkspaceSymbol {
  name: string;
  kind: 'file' | 'service' | 'object';
  /** Where the symbol is: the unit's main section. */
  location: Location;
  container: string;
}

/** Subsequence match, case-insensitive (what editors expect from a symbol query). */
function matches(query: string, name: string): boolean {
  const q = query.toLowerCase();
  const n = name.toLowerCase();
  let i = 0;
  for (const c of n) if (c === q[i]) i++;
  return i === q.length;
}

export function workspaceSymbols(ctx: NavContext, query: string): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const host of ctx.index.hosts()) {
    for (const unit of ctx.index.unitsOnHost(host)) {
      if (unit.identity.kind === 'dropin' || unit.foreign) continue;
      const scope = describeScope(unit.file.placement.scope);
      const location = locationOf(unit);
      const names = generatedNamesOf(ctx, unit);
      const candidates: Array<[string, WorkspaceSymbol['kind'], string]> = [[unit.name, 'file', scope]];
      if (names) candidates.push([names.service, 'service', `${unit.name}, ${scope}`]);
      if (names?.object) candidates.push([names.object.name, 'object', `${names.object.kind} of ${unit.name}, ${scope}`]);
      for (const [name, kind, container] of candidates) if (!query || matches(query, name)) out.push({ name, kind, location, container });
    }
  }
  return out;
}

/** Markdown hover for a reference: the target file, its scope, and the names Podman generates. */
export function referenceHover(ctx: NavContext, path: string, position: Position): { markdown: string; range: Range } | undefined {
  const found = referenceAt(ctx, path, position);
  if (!found) return undefined;
  const res = resolve(ctx, found);
  const lines: string[] = [`**${found.ref.name}**`];
  const describe = (unit: ParsedUnit) => {
    const names = generatedNamesOf(ctx, unit);
    lines.push('', `File: \`${unit.file.path}\``, '', `Scope: ${describeScope(unit.file.placement.scope)}`);
    if (names) {
      lines.push('', `Generated unit: \`${names.service}\``);
      if (names.object) lines.push('', `Podman ${names.object.kind}: \`${names.object.name}\``);
    }
    if (isQuadletType(unit.type)) lines.push('', `Defined in [${MAIN_SECTION[unit.type]}] of ${unit.name}.`);
  };
  switch (res.status) {
    case 'found':
      describe(res.target);
      break;
    case 'elsewhere':
    case 'partial':
      lines.push('', `Not in this scope (${describeScope(found.scope)}); only in:`);
      for (const t of res.targets.slice(0, 3)) describe(t);
      break;
    case 'unknown-owner':
      lines.push('', 'Defined only where the owner is unknown; map the files to users in `.quadlet-ls.json`.');
      break;
    case 'missing':
      lines.push('', found.ref.form === 'quadlet' ? `No ${found.ref.name} in ${describeScope(found.scope)}.` : `Not defined in this workspace (${describeScope(found.scope)}).`);
      break;
  }
  return { markdown: lines.join('\n'), range: found.ref.range };
}
