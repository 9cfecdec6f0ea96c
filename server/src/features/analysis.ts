// Incremental analysis of the whole workspace. Document rules are cached per file version; unit
// rules per unit, together with the dependency keys they asked about. A change re-runs only the
// units whose dependencies it touched, and reports which files' diagnostics may have changed.

import { Diagnostic, compareDiagnostics } from '../syntax/diagnostic';
import { runDocumentRules, runUnitRules } from '../rules/engine';
import { AnalysisSettings } from '../rules/types';
import { FileInput, WorkspaceIndex } from '../workspace/index';
import { ParsedUnit, SourceFile } from '../workspace/files';
import { WorkspaceQueries, unitKey } from '../workspace/queries';
import { UnitView } from '../workspace/unit-view';
import { NEWEST_KNOWN } from '../catalog/versions';
import { portInventory } from '../workspace/ports/inventory';
import { envFileInventory } from '../workspace/env-files';

export const DEFAULT_SETTINGS: AnalysisSettings = {
  podmanVersion: NEWEST_KNOWN,
  severity: {},
  trustedAddresses: [],
  unprivilegedPortStart: 1024,
  hardening: 'off',
};

interface UnitResult {
  diagnostics: Diagnostic[];
  /** Kept as arrays, not sets: only iterated, and 10,000 units held 20,000 small hash tables. */
  deps: string[];
  /** Files the diagnostics were computed for (the unit's file and its drop-ins). */
  files: string[];
}

const unitIds = new WeakMap<ParsedUnit, string>();

/** Stable across re-parses of the same file (the cache key); built once per parsed unit. */
function unitId(unit: ParsedUnit): string {
  let id = unitIds.get(unit);
  if (id === undefined) unitIds.set(unit, (id = `${unit.file.path}\u0000${unit.name}\u0000${unit.part?.firstLine ?? 0}`));
  return id;
}

/** How much work the analysis did (tests and `quadletLs/analysisStats` read it to prove incrementality). */
export interface AnalysisStats {
  /** Unit-rule runs (one per effective unit analysed). */
  unitRuns: number;
  /** Document-rule runs (one per file version analysed). */
  documentRuns: number;
}

export class Analysis {
  private settingsValue: AnalysisSettings;
  readonly stats: AnalysisStats = { unitRuns: 0, documentRuns: 0 };
  private readonly documentCache = new Map<string, { version: number; diagnostics: Diagnostic[] }>();
  private readonly unitCache = new Map<string, UnitResult>();
  /** dependency key → ids of units whose result depends on it. */
  private readonly dependents = new Map<string, Set<string>>();

  constructor(
    readonly index: WorkspaceIndex,
    settings: Partial<AnalysisSettings> = {},
  ) {
    this.settingsValue = { ...DEFAULT_SETTINGS, ...settings };
    // Attached before any file arrives, so loaders see the YAML files .kube units name.
    portInventory(index);
    // Likewise for the files containers name in EnvironmentFile= (read by container-loopback).
    envFileInventory(index);
  }

  get settings(): AnalysisSettings {
    return this.settingsValue;
  }

  /** New settings invalidate everything; returns every file (all may change). */
  setSettings(settings: Partial<AnalysisSettings>): string[] {
    this.settingsValue = { ...DEFAULT_SETTINGS, ...settings };
    this.documentCache.clear();
    this.unitCache.clear();
    this.dependents.clear();
    return [...this.index.allFiles()].map((f) => f.path);
  }

  /** Adds many files to a fresh analysis (a cold load), with the same result as setFile on each in this order (see WorkspaceIndex.addFiles). */
  loadFiles(list: Array<{ path: string; input: FileInput }>): void {
    if (this.unitCache.size || this.documentCache.size || this.index.size) {
      for (const { path, input } of list) this.setFile(path, input);
      return;
    }
    this.index.addFiles(list);
  }

  /** Adds or changes a file; returns the paths whose diagnostics may have changed. */
  setFile(path: string, input: FileInput): string[] {
    // Nothing computed yet (a cold load, or right after new settings): no result can be stale, so
    // skip collecting dependency keys and invalidating; only the file itself is new.
    if (this.unitCache.size === 0 && this.documentCache.size === 0) {
      this.index.setFile(path, input, false);
      return [path];
    }
    const before = this.index.getFile(path);
    const oldUnits = before ? before.units() : [];
    const { file, touched } = this.index.setFile(path, input);
    return this.invalidate([...oldUnits, ...file.units()], touched, [path]);
  }

  removeFile(path: string): string[] {
    const old = this.index.getFile(path);
    const oldUnits = old ? old.units() : [];
    const { touched } = this.index.removeFile(path);
    this.documentCache.delete(path);
    return this.invalidate(oldUnits, touched, [path]);
  }

  private invalidate(units: ParsedUnit[], touched: Set<string>, always: string[]): string[] {
    const affected = new Set<string>(always);
    const drop = (id: string) => {
      const result = this.unitCache.get(id);
      if (!result) return;
      for (const f of result.files) affected.add(f);
      this.unitCache.delete(id);
      for (const key of result.deps) this.dependents.get(key)?.delete(id);
    };
    for (const u of units) drop(unitId(u));
    for (const key of touched) for (const id of [...(this.dependents.get(key) ?? [])]) drop(id);
    // Units that did not run yet but now see the change: every unit whose name was touched.
    for (const key of touched) {
      const [kind, host, name] = key.split('\u0000');
      if (kind !== 'unit') continue;
      for (const f of this.index.allFilesNamed(host, name)) affected.add(f);
    }
    return [...affected];
  }

  private documentDiagnostics(file: SourceFile): Diagnostic[] {
    const cached = this.documentCache.get(file.path);
    if (cached && cached.version === file.version) return cached.diagnostics;
    const diagnostics = this.computeDocumentDiagnostics(file, this.queries());
    this.documentCache.set(file.path, { version: file.version, diagnostics });
    return diagnostics;
  }

  private computeDocumentDiagnostics(file: SourceFile, queries: WorkspaceQueries): Diagnostic[] {
    this.stats.documentRuns++;
    const diagnostics: Diagnostic[] = [];
    if (file.skipped) {
      diagnostics.push({
        file: file.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'information',
        code: 'skipped-file',
        message: file.skipped.message,
        source: 'quadlet-ls',
      });
    }
    for (const unit of file.units()) {
      const found = runDocumentRules(unit, this.settingsValue, queries);
      for (const d of found) diagnostics.push(d);
    }
    return diagnostics;
  }

  private unitResult(unit: ParsedUnit): UnitResult {
    const id = unitId(unit);
    const cached = this.unitCache.get(id);
    if (cached) return cached;
    this.stats.unitRuns++;
    const queries = this.queries();
    const view = queries.view(unit);
    const diagnostics = runUnitRules(view, this.settingsValue, queries);
    const files = [...new Set(view.documents.map((d) => d.file.path))];
    queries.depend(unitKey(unit.file.placement.scope.host, unit.name));
    for (const d of view.dropins) queries.depend(`file\u0000${d.file.path}`);
    const result: UnitResult = { diagnostics, deps: [...queries.deps!], files };
    this.unitCache.set(id, result);
    for (const key of result.deps) {
      let set = this.dependents.get(key);
      if (!set) this.dependents.set(key, (set = new Set()));
      set.add(id);
    }
    return result;
  }

  /** A query object for the target version (records dependency keys). */
  queries(): WorkspaceQueries {
    return new WorkspaceQueries(this.index, this.settingsValue.podmanVersion);
  }

  /** Units whose effective view includes this file: its own units, or for a drop-in the units it applies to. */
  unitsTouching(file: SourceFile): ParsedUnit[] {
    return this.index.unitsTouching(file);
  }

  diagnostics(path: string): Diagnostic[] {
    const file = this.index.getFile(path);
    if (!file) return [];
    const all = [...this.documentDiagnostics(file)];
    for (const unit of this.unitsTouching(file)) {
      for (const d of this.unitResult(unit).diagnostics) if (d.file === path) all.push(d);
    }
    return dedupe(all).sort(compareDiagnostics);
  }

  /** Diagnostics of every file (through the incremental caches). */
  allDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const f of this.index.allFiles()) out.push(...this.diagnostics(f.path));
    return out.sort(compareDiagnostics);
  }

  /**
   * The same list as allDiagnostics(), for a one-shot check (the CLI): one pass that records no
   * dependency keys and keeps no caches, since nothing will be re-checked. Each unit's rules run
   * once, with the views shared by all rules of the pass; each file gets what the incremental path
   * would give it (its document findings, then its touching units' findings on it, deduplicated).
   * Tests assert that both paths give equal lists.
   */
  batchDiagnostics(): Diagnostic[] {
    const queries = new WorkspaceQueries(this.index, this.settingsValue.podmanVersion, false);
    const byUnit = new Map<ParsedUnit, Diagnostic[]>();
    const out: Diagnostic[] = [];
    for (const file of this.index.allFiles()) {
      const all = this.computeDocumentDiagnostics(file, queries);
      for (const unit of this.unitsTouching(file)) {
        let found = byUnit.get(unit);
        if (!found) {
          this.stats.unitRuns++;
          byUnit.set(unit, (found = runUnitRules(queries.view(unit), this.settingsValue, queries)));
          // Views are not kept from one unit to the next: holding all of them cost more garbage
          // collection than building the few that other units ask for again.
          queries.releaseViews();
        }
        for (const d of found) if (d.file === file.path) all.push(d);
      }
      if (all.length === 1) out.push(all[0]);
      else if (all.length > 1) for (const d of dedupe(all).sort(compareDiagnostics)) out.push(d);
    }
    return out.sort(compareDiagnostics);
  }

  view(unit: ParsedUnit): UnitView {
    return new UnitView(unit, this.index.dropinsFor(unit, this.settingsValue.podmanVersion));
  }
}

function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const k = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
