// What rules may ask the workspace. Every question records a dependency key, so the analysis can
// tell which units to re-check when a file changes (no rescans). A one-shot batch check (the CLI)
// records nothing: nothing it computes is ever re-checked.

import { NEWEST_KNOWN } from '../catalog/versions';
import { ParsedUnit } from './files';
import { WorkspaceIndex } from './index';
import { Scope } from './scopes';
import { UnitView } from './unit-view';
import { objectKey, serviceKey, unitKey } from './dep-keys';
import { ObjectKind } from './names';

export { unitKey, serviceKey, objectKey };

export class WorkspaceQueries {
  /** Dependency keys asked about; undefined when not recording (a batch check). */
  readonly deps: Set<string> | undefined;
  /**
   * Views built by this query object. The index does not change while it is in use (one unit's
   * rules, or one batch check), so a unit's view is built once however many rules ask for it.
   */
  private readonly views = new Map<ParsedUnit, UnitView>();
  private readonly resolved = new Map<Scope, Map<string, ParsedUnit | null>>();

  constructor(
    readonly index: WorkspaceIndex,
    /** Target Podman version: drop-in order and generated names depend on it. */
    readonly podmanVersion: string = NEWEST_KNOWN,
    record = true,
  ) {
    this.deps = record ? new Set() : undefined;
  }

  /** Forgets the views built so far (a batch check releases them after each unit). */
  releaseViews(): void {
    this.views.clear();
  }

  /** Does this query object record dependency keys (callers may skip computing them)? */
  get recording(): boolean {
    return this.deps !== undefined;
  }

  /** Record an arbitrary dependency key (used by inventories such as ports). */
  depend(key: string): void {
    this.deps?.add(key);
  }

  resolve(scope: Scope, name: string): ParsedUnit | undefined {
    this.deps?.add(unitKey(scope.host, name));
    // Memoised like the views: rules of many units ask who wins the same names.
    let byName = this.resolved.get(scope);
    if (!byName) this.resolved.set(scope, (byName = new Map()));
    let found = byName.get(name);
    if (found === undefined) byName.set(name, (found = this.index.resolve(scope, name) ?? null));
    return found ?? undefined;
  }

  candidates(scope: Scope, name: string): ParsedUnit[] {
    this.deps?.add(unitKey(scope.host, name));
    return this.index.candidates(scope, name);
  }

  elsewhere(scope: Scope, name: string): ParsedUnit[] {
    this.deps?.add(unitKey(scope.host, name));
    return this.index.elsewhere(scope, name);
  }

  /** Units on the host (any scope) that may generate this service name; check the exact name per version. */
  unitsGeneratingService(host: string, service: string): ParsedUnit[] {
    this.deps?.add(serviceKey(host, service));
    return this.index.unitsGeneratingService(host, service);
  }

  /** Units on the host (any scope) that may create this Podman object. */
  unitsCreatingObject(host: string, kind: ObjectKind, name: string): ParsedUnit[] {
    this.deps?.add(objectKey(host, kind, name));
    return this.index.unitsCreatingObject(host, kind, name);
  }

  /** Every drop-in whose directory applies to the unit, including same-named ones that lose. */
  dropinCandidates(unit: ParsedUnit): ParsedUnit[] {
    this.deps?.add(unitKey(unit.file.placement.scope.host, unit.name));
    return this.index.dropinCandidates(unit);
  }

  /** The effective view of a unit (with its drop-ins, in the target version's order). */
  view(unit: ParsedUnit): UnitView {
    this.deps?.add(unitKey(unit.file.placement.scope.host, unit.name));
    let view = this.views.get(unit);
    if (!view) this.views.set(unit, (view = new UnitView(unit, this.index.dropinsFor(unit, this.podmanVersion))));
    return view;
  }
}
