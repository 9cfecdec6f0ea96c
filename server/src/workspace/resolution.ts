// Resolving a reference inside the referrer's scope, the way Podman and systemd would, and telling
// apart "missing" from "exists, but only for another owner" (every question records its dependency
// keys through WorkspaceQueries).

import { isQuadletType, isSystemdType } from '../catalog/filetypes';
import { ParsedUnit } from './files';
import { GeneratedNames, generatedNames, templateOf } from './names';
import { WorkspaceQueries } from './queries';
import { Reference } from './references';
import { ALL_USERS, Scope, servesScope } from './scopes';

export type Resolution =
  /** The unit the reference reaches in the referrer's scope. */
  | { status: 'found'; target: ParsedUnit }
  /** Only other owners (another user, or root) define it on this host. */
  | { status: 'elsewhere'; targets: ParsedUnit[] }
  /** The referrer is read by every rootless user, but only some users define the target. */
  | { status: 'partial'; targets: ParsedUnit[] }
  /** It exists where the owner is unknown (or the referrer's owner is): nothing can be said. */
  | { status: 'unknown-owner' }
  | { status: 'missing' };

function classify(others: ParsedUnit[], scope: Scope): Resolution {
  if (others.length === 0) return { status: 'missing' };
  if (scope.owner === undefined || others.some((u) => u.file.placement.scope.owner === undefined)) return { status: 'unknown-owner' };
  if (scope.owner === ALL_USERS) return { status: 'partial', targets: others };
  return { status: 'elsewhere', targets: others };
}

/** The unit wins its file name in its own scope (a shadowed file generates nothing). */
function wins(q: WorkspaceQueries, u: ParsedUnit): boolean {
  return q.resolve(u.file.placement.scope, u.name) === u;
}

const names = new WeakMap<WorkspaceQueries, Map<ParsedUnit, GeneratedNames | null>>();

/**
 * Generated names of a unit in the target version (its drop-ins included), once per query object:
 * resolving service and object names asks about the same units again and again.
 */
export function namesOf(q: WorkspaceQueries, unit: ParsedUnit): GeneratedNames | undefined {
  let byUnit = names.get(q);
  if (!byUnit) names.set(q, (byUnit = new Map()));
  let found = byUnit.get(unit);
  if (found === undefined) {
    const view = q.view(unit);
    byUnit.set(unit, (found = generatedNames(view, q.podmanVersion) ?? null));
  }
  return found ?? undefined;
}

function resolveService(q: WorkspaceQueries, scope: Scope, name: string): ParsedUnit[] | Resolution {
  // A unit file of that name (systemd reads .service/.socket/… files from its own directories).
  const file = q.candidates(scope, name).find((u) => isSystemdType(u.type));
  if (file) return { status: 'found', target: file };
  const others: ParsedUnit[] = q.elsewhere(scope, name).filter((u) => isSystemdType(u.type) && wins(q, u));
  // A quadlet whose generated service has that name.
  for (const u of q.unitsGeneratingService(scope.host, name)) {
    if (!isQuadletType(u.type) || namesOf(q, u)?.service !== name) continue;
    if (servesScope(u.file.placement, scope)) {
      if (wins(q, u)) return { status: 'found', target: u };
    } else if (wins(q, u)) others.push(u);
  }
  return others;
}

const memo = new WeakMap<WorkspaceQueries, Map<Reference, { scope: Scope; resolution: Resolution }>>();

/**
 * Resolves a reference once per query object (the index does not change while it is in use): the
 * reference rules each resolve every reference of a unit. Shared: do not mutate the result.
 */
export function resolveReference(q: WorkspaceQueries, ref: Reference, scope: Scope): Resolution {
  let byRef = memo.get(q);
  if (!byRef) memo.set(q, (byRef = new Map()));
  const hit = byRef.get(ref);
  if (hit && hit.scope === scope) return hit.resolution;
  const resolution = computeResolution(q, ref, scope);
  byRef.set(ref, { scope, resolution });
  return resolution;
}

function computeResolution(q: WorkspaceQueries, ref: Reference, scope: Scope): Resolution {
  switch (ref.form) {
    case 'quadlet': {
      const target = q.resolve(scope, ref.name);
      if (target) return { status: 'found', target };
      return classify(q.elsewhere(scope, ref.name).filter((u) => wins(q, u)), scope);
    }
    case 'unit': {
      const direct = resolveService(q, scope, ref.name);
      if (!Array.isArray(direct)) return direct;
      // "web@prod.service": systemd instantiates the template "web@.service".
      const template = templateOf(ref.name);
      if (template) {
        const viaTemplate = resolveService(q, scope, template);
        if (!Array.isArray(viaTemplate)) return viaTemplate;
        direct.push(...viaTemplate);
      }
      return classify(direct, scope);
    }
    case 'object': {
      const others: ParsedUnit[] = [];
      for (const u of q.unitsCreatingObject(scope.host, ref.objectKind!, ref.name)) {
        const object = namesOf(q, u)?.object;
        if (!object || object.kind !== ref.objectKind || object.name !== ref.name) continue;
        if (servesScope(u.file.placement, scope)) {
          if (wins(q, u)) return { status: 'found', target: u };
        } else if (wins(q, u)) others.push(u);
      }
      return classify(others, scope);
    }
  }
}
