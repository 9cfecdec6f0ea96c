// Drop-ins: which `.d` directories apply to a unit and in which order Podman merges their `.conf`
// files (docs/generator-facts.md §4).
//
// Directory names, most specific first (Podman's GetUnitDropinPaths): "a-b@c.container" →
// a-b@c.container.d, a-b@.container.d, a-@.container.d, a-.container.d, container.d. Each name is
// looked up in every search directory of the scope (sub-directories included).
//
// One file per `.conf` name survives: the first one found. Which one is first changed in 5.6
// (commit 022bac25ea): up to 5.5 the search directory is the outer loop (all drop-in names of the
// first search directory, then the next directory); from 5.6 the drop-in name is (the most specific
// name in every directory, then the next name). The survivors are applied in byte order of their
// file names, wherever they live. systemd's own drop-ins (`.service.d`, `.socket.d`) follow the
// name-major order too.

import { unitNameParts } from '../catalog/filetypes';
import { atLeast } from '../catalog/versions';
import type { ParsedUnit } from './files';
import { compareSearchOrder, Placement, Scope } from './scopes';

// Asked for every unit several times (drop-in tables, lookups, ordering); names repeat across users.
const DIR_NAMES_LIMIT = 50_000;
let dirNamesMemo = new Map<string, string[]>();

/** Drop-in directory names (without ".d") that apply to a unit file name, most specific first (shared: do not mutate). */
export function dropinDirNames(fileName: string): string[] {
  let names = dirNamesMemo.get(fileName);
  if (!names) {
    if (dirNamesMemo.size >= DIR_NAMES_LIMIT) dirNamesMemo = new Map();
    dirNamesMemo.set(fileName, (names = computeDirNames(fileName)));
  }
  return names;
}

function computeDirNames(fileName: string): string[] {
  const { prefix, ext, instance } = unitNameParts(fileName);
  const isTemplate = instance !== undefined;
  const broadToSpecific: string[] = [ext];
  const parts = prefix.split('-');
  for (let i = 0; i < parts.length - 1; i++) {
    const truncated = parts.slice(0, i + 1).join('-') + '-';
    broadToSpecific.push(`${truncated}.${ext}`);
    if (isTemplate) broadToSpecific.push(`${truncated}@.${ext}`);
  }
  if (instance) broadToSpecific.push(`${prefix}@.${ext}`);
  broadToSpecific.push(fileName);
  return broadToSpecific.reverse();
}

/** What the ordering needs to know about one drop-in file. */
export interface DropinCandidate {
  /** The `.conf` file name. */
  name: string;
  /** Its path (the `.d` directory's parent decides the search-order position). */
  path: string;
  placement: Placement;
  /** The `.d` directory name without ".d" ("web.container", "container"). */
  dirName: string;
}

/** Does the target Podman version pick same-named `.conf` files name-major (5.6+) or directory-major? */
export function nameMajorDropins(podmanVersion: string, quadlet: boolean): boolean {
  return !quadlet || atLeast(podmanVersion, '5.6');
}

function dropinDirPath(c: DropinCandidate): { path: string; placement: Placement } {
  // Rank by the directory holding the `.d` directory: strip "<x>.d/<file>.conf".
  const parts = c.path.split('/');
  return { path: parts.slice(0, -1).join('/'), placement: c.placement };
}

/**
 * The drop-ins Podman applies, in application order. `candidates` are every drop-in of the scope
 * whose directory name is in `dirNames` (most specific first, from dropinDirNames).
 */
export function orderDropins<T extends DropinCandidate>(candidates: T[], dirNames: string[], nameMajor: boolean): T[] {
  const specificity = (c: T) => dirNames.indexOf(c.dirName);
  const searchOrder = (a: T, b: T) => compareSearchOrder(dropinDirPath(a), dropinDirPath(b));
  const sorted = [...candidates].sort((a, b) =>
    nameMajor ? specificity(a) - specificity(b) || searchOrder(a, b) : searchOrder(a, b) || specificity(a) - specificity(b),
  );
  const byConfName = new Map<string, T>();
  for (const c of sorted) if (!byConfName.has(c.name)) byConfName.set(c.name, c);
  return [...byConfName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Units filed under every drop-in directory name that applies to them, per host and owner, so the
 * units a drop-in applies to are one lookup away (a scan of the host per drop-in made indexing
 * quadratic). Drop-ins of `users/` (every rootless user) look through all owners of the host.
 */
export class DropinTargets {
  private readonly table = new Map<string, Map<string, Map<string | undefined, Set<ParsedUnit>>>>();

  add(unit: ParsedUnit): void {
    const { host, owner } = unit.file.placement.scope;
    let byDir = this.table.get(host);
    if (!byDir) this.table.set(host, (byDir = new Map()));
    for (const dir of dropinDirNames(unit.name)) {
      let byOwner = byDir.get(dir);
      if (!byOwner) byDir.set(dir, (byOwner = new Map()));
      let set = byOwner.get(owner);
      if (!set) byOwner.set(owner, (set = new Set()));
      set.add(unit);
    }
  }

  remove(unit: ParsedUnit): void {
    const { host, owner } = unit.file.placement.scope;
    const byDir = this.table.get(host);
    if (!byDir) return;
    for (const dir of dropinDirNames(unit.name)) {
      const byOwner = byDir.get(dir);
      const set = byOwner?.get(owner);
      if (!byOwner || !set) continue;
      set.delete(unit);
      if (set.size === 0) byOwner.delete(owner);
      if (byOwner.size === 0) byDir.delete(dir);
    }
  }

  /** Units filed under that directory name that a drop-in placed there may reach (callers check the scope). */
  find(dropin: Placement, dir: string): ParsedUnit[] {
    const byOwner = this.table.get(dropin.scope.host)?.get(dir);
    if (!byOwner) return [];
    if (!dropin.allUsers) return [...(byOwner.get(dropin.scope.owner) ?? [])];
    return [...byOwner.values()].flatMap((set) => [...set]);
  }
}

/**
 * Drop-ins per host, directory name and owner, so a unit's candidates are found without scanning
 * every user's drop-ins of that name (a `container.d/` in each of 25 users' directories made every
 * container look at 25 of them). Drop-ins of `users/` (every rootless user) have a list of their own.
 * Answers keep the order in which drop-ins were added, as a single list per name did.
 */
export class DropinsByDir {
  private readonly table = new Map<string, Map<string, Map<string | undefined, ParsedUnit[]>>>();
  private readonly order = new WeakMap<ParsedUnit, number>();
  private added = 0;

  private static ownerKey(p: Placement): string | undefined {
    return p.allUsers ? EVERY_USER_KEY : p.scope.owner;
  }

  add(dropin: ParsedUnit, dir: string): void {
    const p = dropin.file.placement;
    let byDir = this.table.get(p.scope.host);
    if (!byDir) this.table.set(p.scope.host, (byDir = new Map()));
    let byOwner = byDir.get(dir);
    if (!byOwner) byDir.set(dir, (byOwner = new Map()));
    const key = DropinsByDir.ownerKey(p);
    const list = byOwner.get(key);
    if (list) list.push(dropin);
    else byOwner.set(key, [dropin]);
    this.order.set(dropin, this.added++);
  }

  /** Removes the drop-ins of a file filed under that directory name. */
  remove(host: string, dir: string, file: ParsedUnit['file']): void {
    const byOwner = this.table.get(host)?.get(dir);
    if (!byOwner) return;
    for (const [key, list] of byOwner) {
      const rest = list.filter((d) => d.file !== file);
      if (rest.length) byOwner.set(key, rest);
      else byOwner.delete(key);
    }
    if (byOwner.size === 0) this.table.get(host)!.delete(dir);
  }

  /** Drop-ins filed under the directory name that serve the scope (servesScope), in the order added. */
  serving(scope: Scope, dir: string): ParsedUnit[] {
    const byOwner = this.table.get(scope.host)?.get(dir);
    if (!byOwner) return NONE;
    const own = byOwner.get(scope.owner) ?? NONE;
    const shared = scope.rootless === true && scope.owner !== undefined ? byOwner.get(EVERY_USER_KEY) ?? NONE : NONE;
    if (shared.length === 0 || own === shared) return own;
    if (own.length === 0) return shared;
    // Both: merge by the order they were added.
    const out: ParsedUnit[] = [];
    let i = 0;
    let j = 0;
    while (i < own.length || j < shared.length) {
      if (j >= shared.length || (i < own.length && this.order.get(own[i])! < this.order.get(shared[j])!)) out.push(own[i++]);
      else out.push(shared[j++]);
    }
    return out;
  }
}

/** Owner key of drop-ins that every rootless user reads (not a user name: those never hold NUL). */
const EVERY_USER_KEY = '\u0000every-user';
const NONE: ParsedUnit[] = Object.freeze([]) as unknown as ParsedUnit[];
