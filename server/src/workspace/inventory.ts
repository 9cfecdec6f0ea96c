// Inventories are host-wide tables built from every file (unit names, ports, …). Each one keeps
// itself up to date as files come and go and tells which dependency keys a file touched, so the
// analysis re-checks exactly the units that asked about those keys.

import { ParsedUnit } from './files';

export interface Inventory {
  /** Adds a unit's facts; returns the dependency keys they touch. */
  add(unit: ParsedUnit): string[];
  /** Removes a unit's facts; returns the dependency keys they touched. */
  remove(unit: ParsedUnit): string[];
}
