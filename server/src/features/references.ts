// Finding references in the workspace for navigation: the reference under the cursor, what it
// resolves to, and every reference on a host that reaches a given unit.

import { ParsedUnit } from '../workspace/files';
import { GeneratedNames, templateOf } from '../workspace/names';
import { Reference, extractReferences } from '../workspace/references';
import { Resolution, namesOf, resolveReference } from '../workspace/resolution';
import { Scope } from '../workspace/scopes';
import { Position, Range, containsPosition } from '../syntax/model';
import { WorkspaceIndex } from '../workspace/index';
import { WorkspaceQueries } from '../workspace/queries';
import { UnitView } from '../workspace/unit-view';

/** What navigation needs: the index and the target version (the hover of the editing features passes these). */
export interface NavContext {
  index: WorkspaceIndex;
  podmanVersion: string;
}

export function viewOf(ctx: NavContext, unit: ParsedUnit): UnitView {
  return new UnitView(unit, ctx.index.dropinsFor(unit, ctx.podmanVersion));
}

export interface Location {
  path: string;
  range: Range;
}

export interface FoundReference {
  ref: Reference;
  /** Scope of the referring unit (a drop-in's references resolve in each target unit's scope). */
  scope: Scope;
  /** The unit whose effective view holds the reference. */
  owner: ParsedUnit;
}

/** References written in this file, with the scope they resolve in. */
export function referencesInFile(ctx: NavContext, path: string): FoundReference[] {
  const file = ctx.index.getFile(path);
  if (!file) return [];
  const out: FoundReference[] = [];
  const seen = new Set<string>();
  for (const owner of ctx.index.unitsTouching(file)) {
    if (owner.identity.kind === 'dropin') continue;
    const view = viewOf(ctx, owner);
    for (const ref of extractReferences(view, ctx.podmanVersion)) {
      if (ref.unit.file.path !== path) continue;
      const key = `${ref.range.start.line}:${ref.range.start.character}:${owner.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ ref, scope: view.scope, owner });
    }
  }
  return out.sort((a, b) => a.ref.range.start.line - b.ref.range.start.line || a.ref.range.start.character - b.ref.range.start.character);
}

export function referenceAt(ctx: NavContext, path: string, position: Position): FoundReference | undefined {
  return referencesInFile(ctx, path).find((r) => !r.ref.implicit && containsPosition(r.ref.range, position));
}

export function resolve(ctx: NavContext, found: FoundReference): Resolution {
  return resolveReference(new WorkspaceQueries(ctx.index, ctx.podmanVersion), found.ref, found.scope);
}

export function generatedNamesOf(ctx: NavContext, unit: ParsedUnit): GeneratedNames | undefined {
  return namesOf(new WorkspaceQueries(ctx.index, ctx.podmanVersion), unit);
}

/** The unit a position in a file stands for (the file itself, or the `.quadlets` part around it). */
export function unitAt(ctx: NavContext, path: string, position: Position): ParsedUnit | undefined {
  const file = ctx.index.getFile(path);
  if (!file) return undefined;
  const units = file.units().filter((u) => u.identity.kind !== 'dropin' && u.type);
  return units.find((u) => position.line >= u.doc.firstLine && position.line <= u.doc.lastLine) ?? units[0];
}

/** Could this reference name the unit (cheap pre-filter before resolving)? */
function mayName(ref: Reference, target: ParsedUnit, names: GeneratedNames | undefined): boolean {
  if (ref.name === target.name) return true;
  if (!names) return false;
  if (ref.form === 'unit') return ref.name === names.service || templateOf(ref.name) === names.service;
  return ref.form === 'object' && ref.name === names.object?.name;
}

/** Every reference on the target's host that resolves to it. */
export function referencesTo(ctx: NavContext, target: ParsedUnit): FoundReference[] {
  const host = target.file.placement.scope.host;
  const names = generatedNamesOf(ctx, target);
  const out: FoundReference[] = [];
  for (const owner of ctx.index.unitsOnHost(host)) {
    if (owner.identity.kind === 'dropin' || owner === target) continue;
    const view = viewOf(ctx, owner);
    for (const ref of extractReferences(view, ctx.podmanVersion)) {
      if (!mayName(ref, target, names)) continue;
      const found = { ref, scope: view.scope, owner };
      const res = resolve(ctx, found);
      if (res.status === 'found' && res.target === target) out.push(found);
    }
  }
  return dedupe(out);
}

/** The navigation context of a language service. */
export function navContext(service: { index: WorkspaceIndex; analysis: { settings: { podmanVersion: string } } }): NavContext {
  return { index: service.index, podmanVersion: service.analysis.settings.podmanVersion };
}

/** A drop-in shared by several units holds the same reference once per unit: keep one per range. */
function dedupe(list: FoundReference[]): FoundReference[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const k = `${f.ref.unit.file.path}|${f.ref.range.start.line}:${f.ref.range.start.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
