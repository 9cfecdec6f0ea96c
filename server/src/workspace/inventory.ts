// Inventories are host-wide tables built from every file (unit names, ports, …). Each one keeps
// itself up to date as files come and go and tells which dependency keys a file touched, so the
// analysis re-checks exactly the units that asked about those keys.

import { ParsedUnit } from './files';
import type { UnitView } from './unit-view';

export interface Inventory {
  /** Adds a unit's facts; returns the dependency keys they touch. */
  add(unit: ParsedUnit): string[];
  /**
   * Adds a unit's facts during a cold load (WorkspaceIndex.addFiles): the view is given (built once
   * for every inventory, drop-ins in the newest version's order) and no dependency keys are wanted.
   */
  bulkAdd?(unit: ParsedUnit, view: UnitView): void;
  /** Removes a unit's facts; returns the dependency keys they touched. */
  remove(unit: ParsedUnit): string[];
  /** Any file was set or removed (e.g. a Kubernetes YAML a .kube plays); returns the keys it touched. */
  fileChanged?(path: string): string[];
  /** Files that hold no unit but that the inventory reads (the loaders add them to the index). */
  wantedFiles?(): string[];
}
