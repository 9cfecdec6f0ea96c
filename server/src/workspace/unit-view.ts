// The effective unit: a unit file with its drop-ins applied in Podman's order. Rules read this view;
// every entry still knows which file wrote it, so diagnostics land on that file's line.

import { UnitType } from '../catalog/filetypes';
import { Entry, UnitDocument } from '../syntax/model';
import { ParsedUnit } from './files';
import { NameSource } from './names';
import { Scope } from './scopes';

export interface SourcedEntry {
  entry: Entry;
  unit: ParsedUnit;
}

const NONE: SourcedEntry[] = Object.freeze([]) as unknown as SourcedEntry[];

export class UnitView implements NameSource {
  readonly documents: ParsedUnit[];
  /**
   * Keys and their assignments across the file and its drop-ins (every section), built on first
   * use: `lists[i]` holds the entries of `keys[i]`. One table per view: rules ask ~60 questions per
   * unit. Two arrays rather than a Map: a unit has ~25 keys, which are interned strings (a search
   * compares pointers), and the Map's growth was the largest garbage of a cold check.
   */
  private keys?: string[];
  private lists?: SourcedEntry[][];
  /** Keys assigned in more than one section (e.g. Environment= in [Container] and [Service]). */
  private mixed?: Set<string>;
  /** Per-section answers for mixed keys, and entries per section (both rare). */
  private bySection?: Map<string, SourcedEntry[]>;

  constructor(
    readonly main: ParsedUnit,
    readonly dropins: ParsedUnit[] = [],
  ) {
    this.documents = dropins.length ? [main, ...dropins] : [main];
  }

  get type(): UnitType | undefined {
    return this.main.type;
  }

  get name(): string {
    return this.main.name;
  }

  get scope(): Scope {
    return this.main.file.placement.scope;
  }

  get path(): string {
    return this.main.file.path;
  }

  get doc(): UnitDocument {
    return this.main.doc;
  }

  /** The assignments of a key (any section), or undefined. */
  private listOf(key: string): SourcedEntry[] | undefined {
    if (!this.keys) this.buildTable();
    const i = this.keys!.indexOf(key);
    return i === -1 ? undefined : this.lists![i];
  }

  private buildTable(): void {
    const keys: string[] = [];
    const lists: SourcedEntry[][] = [];
    for (const unit of this.documents) {
      for (const entry of unit.doc.entries) {
        const sourced: SourcedEntry = { entry, unit };
        const i = keys.indexOf(entry.key);
        if (i === -1) {
          keys.push(entry.key);
          lists.push([sourced]);
        } else {
          const same = lists[i];
          if (same[0].entry.section.name !== entry.section.name) (this.mixed ??= new Set()).add(entry.key);
          same.push(sourced);
        }
      }
    }
    this.keys = keys;
    this.lists = lists;
  }

  /** Entries of a section across the file and its drop-ins, in the order Podman reads them (shared: do not mutate). */
  entries(section: string): SourcedEntry[] {
    const cacheKey = `\u0000${section}`;
    let list = this.bySection?.get(cacheKey);
    if (!list) {
      list = [];
      // The same objects all() returns, in document order.
      for (const unit of this.documents) {
        for (const entry of unit.doc.entries) if (entry.section.name === section) list.push(this.listOf(entry.key)!.find((e) => e.entry === entry)!);
      }
      (this.bySection ??= new Map()).set(cacheKey, list);
    }
    return list;
  }

  /** Assignments of one key across the file and its drop-ins, in order (shared: do not mutate). */
  all(section: string, key: string): SourcedEntry[] {
    const list = this.listOf(key);
    if (!list) return NONE;
    if (!this.mixed?.has(key)) return list[0].entry.section.name === section ? list : NONE;
    const cacheKey = `${section}\u0000${key}`;
    let same = this.bySection?.get(cacheKey);
    if (!same) (this.bySection ??= new Map()).set(cacheKey, (same = list.filter((e) => e.entry.section.name === section)));
    return same;
  }

  /** Values of a repeatable key as Podman sees them: an empty assignment clears the earlier ones (shared: do not mutate). */
  values(section: string, key: string): SourcedEntry[] {
    const list = this.all(section, key);
    let cleared = -1;
    for (let i = 0; i < list.length; i++) if (list[i].entry.value === '') cleared = i;
    return cleared === -1 ? list : list.slice(cleared + 1);
  }

  /** The assignment that wins for a single-valued key (the last one). */
  last(section: string, key: string): SourcedEntry | undefined {
    const list = this.all(section, key);
    return list[list.length - 1];
  }

  /** Raw text of the winning assignment (NameSource for generated names). */
  lastValue(section: string, key: string): string | undefined {
    return this.last(section, key)?.entry.value;
  }

  /** Raw text of every effective assignment, in order. */
  allValues(section: string, key: string): string[] {
    return this.values(section, key).map((e) => e.entry.value);
  }

  has(section: string, key: string): boolean {
    return this.all(section, key).length > 0;
  }

  sectionNames(): Set<string> {
    const names = new Set<string>();
    for (const unit of this.documents) for (const s of unit.doc.sections) names.add(s.name);
    return names;
  }
}
