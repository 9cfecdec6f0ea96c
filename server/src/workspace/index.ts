// The workspace index: every file, its placement, and lookup tables kept up to date incrementally
// (a change touches only the entries of the changed file).

import { QuadletConfig } from './config';
import { ParsedUnit, SkipReason, SourceFile } from './files';
import { Placement, Scope, ScopeContext, inferPlacement, servesScope } from './scopes';
import { dropinDirNames } from './dropins';
import { Inventory } from './inventory';
import { unitKey } from './queries';

export interface FileInput {
  text: string;
  version?: number;
  skipped?: SkipReason;
  decodeProblem?: string;
}

type NameTable = Map<string, Map<string, ParsedUnit[]>>;

function addTo(table: NameTable, host: string, name: string, unit: ParsedUnit): void {
  let byName = table.get(host);
  if (!byName) table.set(host, (byName = new Map()));
  const list = byName.get(name) ?? [];
  list.push(unit);
  byName.set(name, list);
}

function removeFrom(table: NameTable, host: string, name: string, file: SourceFile): void {
  const byName = table.get(host);
  const list = byName?.get(name);
  if (!byName || !list) return;
  const rest = list.filter((u) => u.file !== file);
  if (rest.length) byName.set(name, rest);
  else byName.delete(name);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  /** host → unit file name → every unit with that name on the host (any scope). */
  private readonly unitsByName: NameTable = new Map();
  /** host → drop-in directory target ("web.container", "web-.container", "container") → drop-ins. */
  private readonly dropinsByTarget: NameTable = new Map();
  private nextVersion = 1;
  private readonly inventories: Inventory[] = [];

  constructor(public scopeContext: ScopeContext = { roots: [], config: {} }) {}

  get config(): QuadletConfig {
    return this.scopeContext.config;
  }

  /** Replaces the scope context (new roots or config) and re-places every file. */
  setScopeContext(ctx: ScopeContext): void {
    this.scopeContext = ctx;
    for (const f of this.files.values()) {
      this.unregister(f);
      f.placement = inferPlacement(f.path, ctx);
      this.register(f);
    }
  }

  placementOf(path: string): Placement {
    return inferPlacement(path, this.scopeContext);
  }

  addInventory(inventory: Inventory): void {
    this.inventories.push(inventory);
    for (const f of this.files.values()) for (const u of f.units()) inventory.add(u);
  }

  /** Adds or replaces a file; returns the dependency keys the change touched. */
  setFile(path: string, input: FileInput): { file: SourceFile; touched: Set<string> } {
    const version = input.version ?? this.nextVersion++;
    const touched = new Set<string>();
    let file = this.files.get(path);
    if (file) {
      this.unregister(file, touched);
      file.update(input.text, version, input.skipped, input.decodeProblem);
    } else {
      file = new SourceFile(path, input.text, version, this.placementOf(path), input.skipped, input.decodeProblem);
      this.files.set(path, file);
    }
    this.register(file, touched);
    this.notifyFileChanged(path, touched);
    return { file, touched };
  }

  removeFile(path: string): { file?: SourceFile; touched: Set<string> } {
    const touched = new Set<string>();
    const file = this.files.get(path);
    if (!file) return { touched };
    this.unregister(file, touched);
    this.files.delete(path);
    this.notifyFileChanged(path, touched);
    return { file, touched };
  }

  private notifyFileChanged(path: string, touched: Set<string>): void {
    for (const inv of this.inventories) for (const k of inv.fileChanged?.(path) ?? []) touched.add(k);
  }

  /** Non-unit files the inventories read (e.g. YAML named by .kube files); loaders add them. */
  wantedFiles(): string[] {
    return [...new Set(this.inventories.flatMap((inv) => inv.wantedFiles?.() ?? []))];
  }

  getFile(path: string): SourceFile | undefined {
    return this.files.get(path);
  }

  allFiles(): IterableIterator<SourceFile> {
    return this.files.values();
  }

  get size(): number {
    return this.files.size;
  }

  private register(file: SourceFile, touched?: Set<string>): void {
    const host = file.placement.scope.host;
    for (const unit of file.units()) {
      if (unit.identity.kind === 'dropin' && unit.identity.dropinTarget) {
        addTo(this.dropinsByTarget, host, unit.identity.dropinTarget, unit);
        for (const u of this.unitsForDropin(unit)) touched?.add(unitKey(host, u.name));
      } else if (unit.type) addTo(this.unitsByName, host, unit.name, unit);
      touched?.add(unitKey(host, unit.name));
      for (const inv of this.inventories) for (const k of inv.add(unit)) touched?.add(k);
    }
  }

  private unregister(file: SourceFile, touched?: Set<string>): void {
    const host = file.placement.scope.host;
    for (const unit of file.units()) {
      if (unit.identity.kind === 'dropin' && unit.identity.dropinTarget) {
        for (const u of this.unitsForDropin(unit)) touched?.add(unitKey(host, u.name));
        removeFrom(this.dropinsByTarget, host, unit.identity.dropinTarget, file);
      } else if (unit.type) removeFrom(this.unitsByName, host, unit.name, file);
      touched?.add(unitKey(host, unit.name));
      for (const inv of this.inventories) for (const k of inv.remove(unit)) touched?.add(k);
    }
  }

  /** Every unit of that file name that the scope's search directories hold, best (winning) first. */
  candidates(scope: Scope, name: string): ParsedUnit[] {
    const list = this.unitsByName.get(scope.host)?.get(name) ?? [];
    return list
      .filter((u) => servesScope(u.file.placement, scope))
      .sort((a, b) => a.file.placement.precedence - b.file.placement.precedence || a.file.path.localeCompare(b.file.path));
  }

  /** The unit Podman (or systemd) would use for that file name in the scope. */
  resolve(scope: Scope, name: string): ParsedUnit | undefined {
    return this.candidates(scope, name)[0];
  }

  /** Units of that file name in every other scope of the host (for cross-user diagnostics). */
  elsewhere(scope: Scope, name: string): ParsedUnit[] {
    const list = this.unitsByName.get(scope.host)?.get(name) ?? [];
    return list.filter((u) => !servesScope(u.file.placement, scope));
  }

  /** Paths of the files defining a unit of that name on a host. */
  allFilesNamed(host: string, name: string): string[] {
    return (this.unitsByName.get(host)?.get(name) ?? []).map((u) => u.file.path);
  }

  /** All unit names defined on a host, for completion and symbols. */
  unitsOnHost(host: string): ParsedUnit[] {
    return [...(this.unitsByName.get(host)?.values() ?? [])].flat();
  }

  hosts(): string[] {
    const set = new Set<string>();
    for (const f of this.files.values()) set.add(f.placement.scope.host);
    return [...set].sort();
  }

  /** Drop-ins that apply to a unit, in the order Podman applies them. */
  dropinsFor(unit: ParsedUnit): ParsedUnit[] {
    if (!unit.type) return [];
    const scope = unit.file.placement.scope;
    const byConfName = new Map<string, ParsedUnit>();
    // Most specific directory first; the first drop-in of a given file name wins.
    for (const dirName of dropinDirNames(unit.name)) {
      const list = (this.dropinsByTarget.get(scope.host)?.get(dirName) ?? [])
        .filter((d) => servesScope(d.file.placement, scope))
        .sort((a, b) => a.file.placement.precedence - b.file.placement.precedence);
      for (const d of list) if (!byConfName.has(d.name)) byConfName.set(d.name, d);
    }
    return [...byConfName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Units a drop-in applies to (in its scope). */
  unitsForDropin(dropin: ParsedUnit): ParsedUnit[] {
    const scope = dropin.file.placement.scope;
    const target = dropin.identity.dropinTarget;
    if (!target) return [];
    const out: ParsedUnit[] = [];
    for (const list of this.unitsByName.get(scope.host)?.values() ?? []) {
      for (const u of list) {
        if (u.type !== dropin.type || !servesScope(dropin.file.placement, u.file.placement.scope)) continue;
        if (dropinDirNames(u.name).includes(target)) out.push(u);
      }
    }
    return out;
  }
}
