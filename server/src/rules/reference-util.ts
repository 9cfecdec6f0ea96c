// Shared by the reference rules: the references of a view (extracted once per view), where a target
// file "is" for related information, and how to name owners in messages.

import { MAIN_SECTION, isQuadletType } from '../catalog/filetypes';
import { RelatedInformation } from '../syntax/diagnostic';
import { Range } from '../syntax/model';
import { ParsedUnit } from '../workspace/files';
import { Reference, extractReferences } from '../workspace/references';
import { ALL_USERS, Scope, describeScope } from '../workspace/scopes';
import { UnitView } from '../workspace/unit-view';

const cache = new WeakMap<UnitView, { version: string; refs: Reference[] }>();

/** References of the effective unit; several rules ask, the view extracts once. */
export function referencesOf(view: UnitView, podmanVersion: string): Reference[] {
  const hit = cache.get(view);
  if (hit && hit.version === podmanVersion) return hit.refs;
  const refs = extractReferences(view, podmanVersion);
  cache.set(view, { version: podmanVersion, refs });
  return refs;
}

/** Where a unit "is": its main section's name, else its first section, else its first line. */
export function unitAnchor(unit: ParsedUnit): Range {
  const doc = unit.doc;
  const main = isQuadletType(unit.type) ? doc.sections.find((s) => s.name === MAIN_SECTION[unit.type as keyof typeof MAIN_SECTION]) : undefined;
  const section = main ?? doc.sections[0];
  if (section) return section.nameRange;
  const line = doc.firstLine;
  return { start: { line, character: 0 }, end: { line, character: doc.lines[line]?.length ?? 0 } };
}

/** "user postgres", "root", "every rootless user", "an unknown owner". */
export function ownerName(scope: Scope): string {
  if (scope.owner === undefined) return 'an unknown owner';
  if (scope.owner === 'root') return 'root';
  if (scope.owner === ALL_USERS) return 'every rootless user';
  return `user ${scope.owner}`;
}

/** "postgres's" or "root's". */
export function ownerPossessive(scope: Scope): string {
  return scope.owner === undefined || scope.owner === ALL_USERS ? "the owner's" : `${scope.owner}'s`;
}

export function relatedUnits(units: ParsedUnit[], what: (u: ParsedUnit) => string, limit = 3): RelatedInformation[] {
  return units.slice(0, limit).map((u) => ({ file: u.file.path, range: unitAnchor(u), message: what(u) }));
}

export function definedHere(u: ParsedUnit): string {
  return `${u.name} is defined here (${describeScope(u.file.placement.scope)})`;
}
