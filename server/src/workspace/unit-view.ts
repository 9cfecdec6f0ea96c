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
  private bySection?: Map<string, SourcedEntry[]>;
  /** section → key → entries, built per section on first use (rules ask for a key many times per view). */
  private byKey?: Map<string, Map<string, SourcedEntry[]>>;

  constructor(
    readonly main: ParsedUnit,
    readonly dropins: ParsedUnit[] = [],
  ) {
    this.documents = [main, ...dropins];
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

  /** Entries of a section across the file and its drop-ins, in the order Podman reads them. */
  entries(section: string): SourcedEntry[] {
    if (!this.bySection) {
      this.bySection = new Map();
      for (const unit of this.documents) {
        for (const entry of unit.doc.entries) {
          let list = this.bySection.get(entry.section.name);
          if (!list) this.bySection.set(entry.section.name, (list = []));
          list.push({ entry, unit });
        }
      }
    }
    return this.bySection.get(section) ?? NONE;
  }

  /** Assignments of one key across the file and its drop-ins, in order (shared: do not mutate). */
  all(section: string, key: string): SourcedEntry[] {
    if (!this.byKey) this.byKey = new Map();
    let keys = this.byKey.get(section);
    if (!keys) {
      // Built per section on first use: most views are asked about a few sections only.
      keys = new Map();
      for (const sourced of this.entries(section)) {
        let same = keys.get(sourced.entry.key);
        if (!same) keys.set(sourced.entry.key, (same = []));
        same.push(sourced);
      }
      this.byKey.set(section, keys);
    }
    return keys.get(key) ?? NONE;
  }

  /** Values of a repeatable key as Podman sees them: an empty assignment clears the earlier ones. */
  values(section: string, key: string): SourcedEntry[] {
    let out: SourcedEntry[] = [];
    for (const e of this.all(section, key)) {
      if (e.entry.value === '') out = [];
      else out.push(e);
    }
    return out;
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
