// The files a container's `EnvironmentFile=` names. They hold no unit, but the container-loopback
// rule reads them, so this inventory tells the loaders which files to read (wantedFiles) and the
// analysis which containers to re-check when one of them changes (fileChanged → their unit keys).
// Paths resolve as the generator does: relative to the unit file's directory; in a mirrored host
// tree, absolute paths and `%h` map into the same tree (the same resolution as a .kube's Yaml=).

import { Range, valuePieceRange } from '../syntax/model';
import { ParsedUnit } from './files';
import type { WorkspaceIndex } from './index';
import { Inventory } from './inventory';
import { resolveYamlPath } from './ports/yaml-path';
import { unitKey } from './queries';
import { UnitView } from './unit-view';

export interface EnvFileRef {
  /** The file in the workspace (or on disk) the value names. */
  path: string;
  /** The unit (file or drop-in) that wrote the `EnvironmentFile=` line, and the value's range. */
  unit: ParsedUnit;
  range: Range;
}

/** Every env file a container names (several `EnvironmentFile=` lines, drop-ins included). */
export function envFileRefs(view: UnitView): EnvFileRef[] {
  if (view.type !== 'container' || view.main.identity.kind === 'dropin') return [];
  const out: EnvFileRef[] = [];
  for (const { entry, unit } of view.values('Container', 'EnvironmentFile')) {
    if (entry.templated) continue;
    let start = 0;
    let end = entry.value.replace(/\s+$/, '').length;
    if (end - start >= 2 && entry.value[start] === '"' && entry.value[end - 1] === '"') {
      start++;
      end--;
    }
    // Relative paths are relative to the unit file itself, not to a drop-in.
    const path = resolveYamlPath(entry.value.slice(start, end), view.main);
    if (path) out.push({ path, unit, range: valuePieceRange(entry, start, end) });
  }
  return out;
}

const NO_KEYS: string[] = Object.freeze([]) as unknown as string[];

export class EnvFileInventory implements Inventory {
  /** Env file path → container units that name it; and the reverse. */
  private readonly users = new Map<string, Set<ParsedUnit>>();
  private readonly named = new Map<ParsedUnit, string[]>();

  constructor(private readonly index: WorkspaceIndex) {}

  add(unit: ParsedUnit): string[] {
    if (unit.identity.kind === 'dropin') for (const u of this.index.unitsForDropin(unit)) this.refresh(u);
    else this.put(unit);
    return [];
  }

  bulkAdd(unit: ParsedUnit, view: UnitView): void {
    this.put(unit, view);
  }

  remove(unit: ParsedUnit): string[] {
    // The index forgets a removed drop-in before it tells the inventories, so a refresh skips it.
    if (unit.identity.kind === 'dropin') for (const u of this.index.unitsForDropin(unit)) this.refresh(u);
    else this.drop(unit);
    return [];
  }

  fileChanged(path: string): string[] {
    const users = this.users.get(path);
    // Asked for every file of a load; almost none is an environment file.
    if (!users) return NO_KEYS;
    return [...users].map((u) => unitKey(u.file.placement.scope.host, u.name));
  }

  wantedFiles(): string[] {
    return [...this.users.keys()];
  }

  private refresh(unit: ParsedUnit): void {
    this.drop(unit);
    this.put(unit);
  }

  private put(unit: ParsedUnit, given?: UnitView): void {
    if (unit.type !== 'container') return;
    const view = given ?? new UnitView(unit, this.index.dropinsFor(unit));
    const paths = envFileRefs(view).map((r) => r.path);
    if (!paths.length) return;
    this.named.set(unit, paths);
    for (const p of paths) {
      let set = this.users.get(p);
      if (!set) this.users.set(p, (set = new Set()));
      set.add(unit);
    }
  }

  private drop(unit: ParsedUnit): void {
    for (const p of this.named.get(unit) ?? []) {
      const set = this.users.get(p);
      set?.delete(unit);
      if (set && set.size === 0) this.users.delete(p);
    }
    this.named.delete(unit);
  }
}

const attached = new WeakMap<WorkspaceIndex, EnvFileInventory>();

/** The env-file inventory of an index, attached on first use (the analysis attaches it up front). */
export function envFileInventory(index: WorkspaceIndex): EnvFileInventory {
  let inv = attached.get(index);
  if (!inv) {
    inv = new EnvFileInventory(index);
    attached.set(index, inv);
    index.addInventory(inv);
  }
  return inv;
}
