// What rules may ask the workspace. Every question records a dependency key, so the analysis can
// tell which units to re-check when a file changes (no rescans).

import { ParsedUnit } from './files';
import { WorkspaceIndex } from './index';
import { Scope } from './scopes';
import { UnitView } from './unit-view';

export function unitKey(host: string, name: string): string {
  return `unit\u0000${host}\u0000${name}`;
}

export class WorkspaceQueries {
  readonly deps = new Set<string>();

  constructor(readonly index: WorkspaceIndex) {}

  /** Record an arbitrary dependency key (used by inventories such as ports). */
  depend(key: string): void {
    this.deps.add(key);
  }

  resolve(scope: Scope, name: string): ParsedUnit | undefined {
    this.deps.add(unitKey(scope.host, name));
    return this.index.resolve(scope, name);
  }

  candidates(scope: Scope, name: string): ParsedUnit[] {
    this.deps.add(unitKey(scope.host, name));
    return this.index.candidates(scope, name);
  }

  elsewhere(scope: Scope, name: string): ParsedUnit[] {
    this.deps.add(unitKey(scope.host, name));
    return this.index.elsewhere(scope, name);
  }

  /** The effective view of a unit (with its drop-ins). */
  view(unit: ParsedUnit): UnitView {
    this.deps.add(unitKey(unit.file.placement.scope.host, unit.name));
    return new UnitView(unit, this.index.dropinsFor(unit));
  }
}
