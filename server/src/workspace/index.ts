// The workspace index: every file, its placement, and lookup tables kept up to date incrementally
// (a change touches only the entries of the changed file and of the units its drop-ins apply to).

import { identifyFile, isQuadletType } from '../catalog/filetypes';
import { NEWEST_KNOWN } from '../catalog/versions';
import { QuadletConfig } from './config';
import { ParsedUnit, SkipReason, SourceFile } from './files';
import { Placement, Scope, ScopeContext, compareSearchOrder, dirHolds, inferPlacement, insideDropinDir, normalisePath, servesScope } from './scopes';
import { DropinTargets, DropinsByDir, dropinDirNames, nameMajorDropins, orderDropins } from './dropins';
import { Inventory } from './inventory';
import { objectKey, serviceKey, unitKey } from './dep-keys';
import { NameHints, NameSource, ObjectKind, nameHints } from './names';
import { UnitView } from './unit-view';

export interface FileInput {
  text: string;
  version?: number;
  skipped?: SkipReason;
  decodeProblem?: string;
}

type NameTable = Map<string, Map<string, ParsedUnit[]>>;

/** A unit's drop-in candidates and their order per Podman drop-in order (see WorkspaceIndex.dropinMemo), kept on the unit. */
export interface UnitDropins {
  index: WorkspaceIndex;
  /** WorkspaceIndex.dropinEpoch when computed. */
  epoch: number;
  candidates: ParsedUnit[];
  nameMajor?: ParsedUnit[];
  dirMajor?: ParsedUnit[];
}

const NO_UNITS: ParsedUnit[] = Object.freeze([]) as unknown as ParsedUnit[];

function addTo(table: NameTable, host: string, name: string, unit: ParsedUnit): void {
  let byName = table.get(host);
  if (!byName) table.set(host, (byName = new Map()));
  const list = byName.get(name);
  if (list) list.push(unit);
  else byName.set(name, [unit]);
}

function removeFrom(table: NameTable, host: string, name: string, file: SourceFile): void {
  const byName = table.get(host);
  const list = byName?.get(name);
  if (!byName || !list) return;
  const rest = list.filter((u) => u.file !== file);
  if (rest.length) byName.set(name, rest);
  else byName.delete(name);
}

function removeUnitFrom(table: NameTable, host: string, name: string, unit: ParsedUnit): void {
  const byName = table.get(host);
  const list = byName?.get(name);
  if (!byName || !list) return;
  const rest = list.filter((u) => u !== unit);
  if (rest.length) byName.set(name, rest);
  else byName.delete(name);
}

/** Would Podman (or systemd) find this unit at all? */
const findable = (u: ParsedUnit): boolean => dirHolds(u.file.placement, isQuadletType(u.type)) && !insideDropinDir(u.file.path, u.file.placement);

function sameList<T>(a: T[], b: T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const placed = (u: ParsedUnit): { path: string; placement: Placement } => ({ path: u.file.path, placement: u.file.placement });

export class WorkspaceIndex {
  private readonly files = new Map<string, SourceFile>();
  /** host → unit file name → every unit with that name on the host (any scope). */
  private readonly unitsByName: NameTable = new Map();
  /** host → drop-in directory target ("web.container", "web-.container", "container") → owner → drop-ins. */
  private readonly dropinsByTarget = new DropinsByDir();
  /** host → "service\0name" / "object\0kind\0name" → units that may generate that name. */
  private readonly services: NameTable = new Map();
  /** object kind → host → object name → units that may create that Podman object. */
  private readonly objects = new Map<ObjectKind, NameTable>();
  /** The generated names each unit was filed under (to remove them again). */
  private readonly hintsOf = new Map<ParsedUnit, NameHints>();
  /** The reverse: host → drop-in directory name → owner → units that directory applies to (no scans per drop-in). */
  private readonly unitsByDropinDir = new DropinTargets();
  private nextVersion = 1;
  private readonly inventories: Inventory[] = [];
  /** Placement per directory (see placementOf). */
  private readonly placements = new Map<string, Placement>();
  /** Advanced when a drop-in comes or goes: every unit's drop-in lists are stale. */
  private dropinEpoch = 0;
  private noDropins?: UnitDropins;

  constructor(public scopeContext: ScopeContext = { roots: [], config: {} }) {}

  get config(): QuadletConfig {
    return this.scopeContext.config;
  }

  /** Replaces the scope context (new roots or config) and re-places every file. */
  setScopeContext(ctx: ScopeContext): void {
    this.scopeContext = ctx;
    this.placements.clear();
    this.forgetDropins();
    for (const f of this.files.values()) this.unregister(f);
    for (const f of this.files.values()) {
      f.placement = inferPlacement(f.path, ctx);
      this.register(f);
    }
  }

  /**
   * Where a file sits. Without `scopes` mappings in the config (globs may name files) a placement
   * depends on the directory only: files of one directory share it (placements are never mutated).
   */
  placementOf(path: string): Placement {
    if (this.scopeContext.config.scopes?.length) return inferPlacement(path, this.scopeContext);
    const normal = normalisePath(path);
    const slash = normal.lastIndexOf('/');
    if (slash === -1) return inferPlacement(path, this.scopeContext);
    const dir = normal.slice(0, slash);
    let placement = this.placements.get(dir);
    if (!placement) this.placements.set(dir, (placement = inferPlacement(path, this.scopeContext)));
    return placement;
  }

  addInventory(inventory: Inventory): void {
    this.inventories.push(inventory);
    for (const f of this.files.values()) for (const u of f.units()) inventory.add(u);
  }

  /** Adds or replaces a file; returns the dependency keys the change touched. */
  setFile(path: string, input: FileInput, trackTouched = true): { file: SourceFile; touched: Set<string> } {
    const version = input.version ?? this.nextVersion++;
    const touched = new Set<string>();
    // Without tracking (a fresh analysis has nothing to invalidate) no dependency keys are collected.
    const track = trackTouched ? touched : undefined;
    let file = this.files.get(path);
    if (file) {
      this.unregister(file, track);
      file.update(input.text, version, input.skipped, input.decodeProblem);
    } else {
      file = new SourceFile(path, input.text, version, this.placementOf(path), input.skipped, input.decodeProblem);
      this.files.set(path, file);
    }
    this.register(file, track);
    if (track) this.notifyFileChanged(path, track);
    else for (const inv of this.inventories) inv.fileChanged?.(path);
    return { file, touched };
  }

  /**
   * Adds files the index does not hold yet, with the same result as setFile on each in this order,
   * for a cold load (nothing to invalidate, no dependency keys): first every file's unit names and
   * drop-in tables, then each unit's generated names and inventory facts from one view per unit
   * (setFile builds one per inventory, and each builds its drop-in list again). Drop-ins must come
   * before the units they apply to (loadOrder): a drop-in that follows one of its units, or a file
   * already held, makes it fall back to setFile one by one.
   */
  addFiles(list: Array<{ path: string; input: FileInput }>): void {
    if (!this.canAddInBulk(list)) {
      for (const { path, input } of list) this.setFile(path, input, false);
      return;
    }
    const added: SourceFile[] = [];
    for (const { path, input } of list) {
      const file = new SourceFile(path, input.text, input.version ?? this.nextVersion++, this.placementOf(path), input.skipped, input.decodeProblem);
      this.files.set(path, file);
      added.push(file);
      const host = file.placement.scope.host;
      for (const unit of file.units()) {
        if (unit.identity.kind === 'dropin' && unit.identity.dropinTarget) {
          this.dropinsByTarget.add(unit, unit.identity.dropinTarget);
          this.forgetDropins();
        } else if (unit.type) {
          addTo(this.unitsByName, host, unit.name, unit);
          this.unitsByDropinDir.add(unit);
        }
      }
    }
    for (const file of added) {
      for (const unit of file.units()) {
        // A drop-in added before any unit it applies to changes no inventory (canAddInBulk).
        if (unit.identity.kind === 'dropin' && unit.identity.dropinTarget) continue;
        if (!unit.type) {
          for (const inv of this.inventories) inv.add(unit);
          continue;
        }
        const candidates = this.dropinCandidates(unit);
        const ordered = this.dropinsFor(unit, NEWEST_KNOWN);
        const view = new UnitView(unit, ordered);
        // Names come from every candidate in the order found (hintSource); often that is the same list.
        this.fileNames(unit, undefined, sameList(ordered, candidates) ? view : new UnitView(unit, candidates));
        for (const inv of this.inventories) {
          if (inv.bulkAdd) inv.bulkAdd(unit, view);
          else inv.add(unit);
        }
      }
      for (const inv of this.inventories) inv.fileChanged?.(file.path);
    }
  }

  /** New paths only, and no drop-in after a unit with a type (see addFiles). */
  private canAddInBulk(list: Array<{ path: string; input: FileInput }>): boolean {
    const seen = new Set<string>();
    for (const { path } of list) {
      if (this.files.has(path) || seen.has(path)) return false;
      seen.add(path);
    }
    let unitSeen = false;
    for (const { path, input } of list) {
      if (input.skipped) continue;
      const identity = identifyFile(path);
      if (identity.kind === 'dropin') {
        if (unitSeen) return false;
      } else if (identity.kind !== 'other') unitSeen = true;
    }
    return true;
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
        this.dropinsByTarget.add(unit, unit.identity.dropinTarget);
        this.forgetDropins();
        for (const u of this.unitsForDropin(unit)) {
          touched?.add(unitKey(host, u.name));
          this.refileNames(u, touched);
        }
      } else if (unit.type) {
        addTo(this.unitsByName, host, unit.name, unit);
        this.unitsByDropinDir.add(unit);
        this.fileNames(unit, touched);
      }
      touched?.add(unitKey(host, unit.name));
      for (const inv of this.inventories) for (const k of inv.add(unit)) touched?.add(k);
    }
  }

  private unregister(file: SourceFile, touched?: Set<string>): void {
    const host = file.placement.scope.host;
    for (const unit of file.units()) {
      if (unit.identity.kind === 'dropin' && unit.identity.dropinTarget) {
        const targets = this.unitsForDropin(unit);
        this.dropinsByTarget.remove(host, unit.identity.dropinTarget, file);
        this.forgetDropins();
        for (const u of targets) {
          touched?.add(unitKey(host, u.name));
          this.refileNames(u, touched);
        }
      } else if (unit.type) {
        removeFrom(this.unitsByName, host, unit.name, file);
        this.unitsByDropinDir.remove(unit);
        this.unfileNames(unit, touched);
      }
      touched?.add(unitKey(host, unit.name));
      for (const inv of this.inventories) for (const k of inv.remove(unit)) touched?.add(k);
    }
  }

  // ---- generated names -------------------------------------------------------------------------

  /** Every drop-in that could apply in some Podman version (for name hints, not for rules). */
  private hintSource(unit: ParsedUnit): NameSource {
    const view = new UnitView(unit, this.dropinCandidates(unit));
    return view;
  }

  private objectTable(kind: ObjectKind): NameTable {
    let table = this.objects.get(kind);
    if (!table) this.objects.set(kind, (table = new Map()));
    return table;
  }

  private fileNames(unit: ParsedUnit, touched?: Set<string>, source?: NameSource): void {
    if (!isQuadletType(unit.type) || unit.identity.kind === 'dropin') return;
    const host = unit.file.placement.scope.host;
    const hints = nameHints(source ?? this.hintSource(unit));
    for (const s of hints.services) {
      addTo(this.services, host, s, unit);
      touched?.add(serviceKey(host, s));
    }
    for (const o of hints.objects) {
      addTo(this.objectTable(o.kind), host, o.name, unit);
      touched?.add(objectKey(host, o.kind, o.name));
    }
    this.hintsOf.set(unit, hints);
  }

  private unfileNames(unit: ParsedUnit, touched?: Set<string>): void {
    const hints = this.hintsOf.get(unit);
    if (!hints) return;
    const host = unit.file.placement.scope.host;
    for (const s of hints.services) {
      removeUnitFrom(this.services, host, s, unit);
      touched?.add(serviceKey(host, s));
    }
    for (const o of hints.objects) {
      removeUnitFrom(this.objectTable(o.kind), host, o.name, unit);
      touched?.add(objectKey(host, o.kind, o.name));
    }
    this.hintsOf.delete(unit);
  }

  /** A drop-in came or went: the names of the units it applies to may have changed. */
  private refileNames(unit: ParsedUnit, touched?: Set<string>): void {
    this.unfileNames(unit, touched);
    this.fileNames(unit, touched);
  }

  /** Units on the host that may generate this service name (check the exact name per version). */
  unitsGeneratingService(host: string, service: string): ParsedUnit[] {
    return this.services.get(host)?.get(service) ?? [];
  }

  /** Units on the host that may create this Podman object. */
  unitsCreatingObject(host: string, kind: ObjectKind, name: string): ParsedUnit[] {
    return this.objects.get(kind)?.get(host)?.get(name) ?? [];
  }

  // ---- resolution ------------------------------------------------------------------------------

  /** Every unit of that file name that the scope's search directories hold, best (winning) first. */
  candidates(scope: Scope, name: string): ParsedUnit[] {
    const list = this.unitsByName.get(scope.host)?.get(name) ?? [];
    return list
      .filter((u) => servesScope(u.file.placement, scope) && findable(u))
      .sort((a, b) => compareSearchOrder(placed(a), placed(b)));
  }

  /** The unit Podman (or systemd) would use for that file name in the scope. */
  resolve(scope: Scope, name: string): ParsedUnit | undefined {
    // candidates()[0] without the filtered copy and the sort: the first of the smallest in search
    // order (a stable sort puts the earliest of equals first; only a strictly better one replaces it).
    const list = this.unitsByName.get(scope.host)?.get(name);
    if (!list) return undefined;
    let best: ParsedUnit | undefined;
    let bestPlace: { path: string; placement: Placement } | undefined;
    for (const u of list) {
      if (!servesScope(u.file.placement, scope) || !findable(u)) continue;
      const place = placed(u);
      if (!best || compareSearchOrder(place, bestPlace!) < 0) {
        best = u;
        bestPlace = place;
      }
    }
    return best;
  }

  /** Units of that file name in every other scope of the host (for cross-user diagnostics). */
  elsewhere(scope: Scope, name: string): ParsedUnit[] {
    const list = this.unitsByName.get(scope.host)?.get(name) ?? [];
    return list.filter((u) => !servesScope(u.file.placement, scope) && findable(u));
  }

  /** Every unit of that file name on the host, in any scope. */
  allNamed(host: string, name: string): ParsedUnit[] {
    return this.unitsByName.get(host)?.get(name) ?? [];
  }

  /** Paths of the files defining a unit of that name on a host. */
  allFilesNamed(host: string, name: string): string[] {
    return this.allNamed(host, name).map((u) => u.file.path);
  }

  /** The distinct unit file names on a host (cheap: no per-unit work). */
  namesOnHost(host: string): IterableIterator<string> {
    return (this.unitsByName.get(host) ?? new Map<string, ParsedUnit[]>()).keys();
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

  /** Drop-ins of the scope whose directory name applies to the unit (any order, same names kept; shared: do not mutate). */
  dropinCandidates(unit: ParsedUnit): ParsedUnit[] {
    if (!unit.type) return [];
    return this.dropinMemo(unit).candidates;
  }

  /** Drop-ins that apply to a unit, in the order the target Podman version applies them (shared: do not mutate). */
  dropinsFor(unit: ParsedUnit, podmanVersion: string = NEWEST_KNOWN): ParsedUnit[] {
    if (!unit.type) return [];
    const memo = this.dropinMemo(unit);
    if (memo.candidates.length === 0) return memo.candidates;
    // Only two orders exist (name-major from 5.6, directory-major before): one answer per order.
    if (nameMajorDropins(podmanVersion, isQuadletType(unit.type))) return (memo.nameMajor ??= this.orderedDropins(unit, memo.candidates, podmanVersion));
    return (memo.dirMajor ??= this.orderedDropins(unit, memo.candidates, podmanVersion));
  }

  /**
   * A unit's drop-in lists are asked for by the index, every inventory and the rules (three times
   * per unit in a cold check); they change only when a drop-in comes or goes (forgetDropins), or
   * with the unit itself (a new ParsedUnit).
   */
  private dropinMemo(unit: ParsedUnit): UnitDropins {
    let memo = unit.dropins;
    if (!memo || memo.epoch !== this.dropinEpoch || memo.index !== this) {
      const candidates = this.findDropinCandidates(unit);
      // Units without drop-ins (most) share one answer per epoch: less to keep per unit.
      if (candidates.length === 0) {
        if (this.noDropins?.epoch !== this.dropinEpoch) this.noDropins = { index: this, epoch: this.dropinEpoch, candidates: NO_UNITS, nameMajor: NO_UNITS, dirMajor: NO_UNITS };
        memo = this.noDropins;
      } else memo = { index: this, epoch: this.dropinEpoch, candidates, nameMajor: undefined, dirMajor: undefined };
      unit.dropins = memo;
    }
    return memo;
  }

  private forgetDropins(): void {
    this.dropinEpoch++;
  }

  private findDropinCandidates(unit: ParsedUnit): ParsedUnit[] {
    const scope = unit.file.placement.scope;
    const quadlet = isQuadletType(unit.type);
    let out: ParsedUnit[] | undefined;
    for (const dirName of dropinDirNames(unit.name)) {
      for (const d of this.dropinsByTarget.serving(scope, dirName)) if (dirHolds(d.file.placement, quadlet)) (out ??= []).push(d);
    }
    return out ?? NO_UNITS;
  }

  private orderedDropins(unit: ParsedUnit, found: ParsedUnit[], podmanVersion: string): ParsedUnit[] {
    const candidates = found.map((d) => ({ unit: d, name: d.name, path: d.file.path, placement: d.file.placement, dirName: d.identity.dropinTarget! }));
    return orderDropins(candidates, dropinDirNames(unit.name), nameMajorDropins(podmanVersion, isQuadletType(unit.type))).map((c) => c.unit);
  }

  /** Units whose effective view includes this file: its own units, or for a drop-in the units it applies to. */
  unitsTouching(file: SourceFile): ParsedUnit[] {
    const out: ParsedUnit[] = [];
    for (const unit of file.units()) {
      if (unit.identity.kind === 'dropin') {
        const targets = this.unitsForDropin(unit);
        out.push(...(targets.length ? targets : [unit]));
      } else out.push(unit);
    }
    return out;
  }

  /** Units a drop-in applies to (in its scope). */
  unitsForDropin(dropin: ParsedUnit): ParsedUnit[] {
    const target = dropin.identity.dropinTarget;
    if (!target) return [];
    return this.unitsByDropinDir.find(dropin.file.placement, target).filter((u) => u.type === dropin.type && servesScope(dropin.file.placement, u.file.placement.scope));
  }
}
