// The language service facade used by the LSP adapter: keeps open documents on top of the files on
// disk, feeds the incremental analysis, and routes feature requests. The features themselves live
// in their own modules.

import { Diagnostic } from '../syntax/diagnostic';
import { Range } from '../syntax/model';
import { AnalysisSettings } from '../rules/types';
import { QuadletConfig } from '../workspace/config';
import { WorkspaceIndex } from '../workspace/index';
import { promises as fs } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE, LoadOptions, findUnitFilesSync, isIgnoredPath, isUnitFileName, loadOrder, readInputSync, tooLargeInput } from '../workspace/loader';
import { ScopeContext, normalisePath } from '../workspace/scopes';
import { Analysis } from './analysis';
import { CodeAction } from './edits';
import { quickFixes } from './quick-fixes';
import { loadCompanionFiles } from './companions';
import { PodmanFindings } from './generator/findings';
import { activatorCodeActions } from './activator/actions';
import { activatorEnv, fileExists } from './activator/env';
import { Position } from '../syntax/model';
import { CompletionHooks, CompletionItem, completions } from './completion';
import { HoverResult, hover } from './hover';
import { TextEdit } from './edits';
import { formatEdits } from './format';
import { DocumentSymbol, FoldingRange, SelectionRange, documentSymbols, foldingRanges, selectionRanges } from './structure';
import { InlayHint, inlayHints } from './inlay-hints';
import { parseIp } from '../catalog/values/net';
import { nextFreePort } from '../workspace/ports/checks';

/** Where PublishPort= completion starts looking for a free host port (above the privileged range). */
const FIRST_SUGGESTED_PORT = 8080;

/** Files read between two yields to the event loop while indexing (~10 ms of work). */
const INDEX_BATCH = 200;

export interface ServiceOptions {
  scope?: ScopeContext;
  settings?: Partial<AnalysisSettings>;
  load?: LoadOptions;
}

export class QuadletService {
  readonly index: WorkspaceIndex;
  readonly analysis: Analysis;
  /** Findings of Podman's own generator (Validate with Podman), shown next to ours. */
  readonly podman = new PodmanFindings();
  private readonly open = new Map<string, { text: string; version: number }>();
  private loadOptions: LoadOptions;
  /** Companion files (YAML named by .kube units) that could not be read; retried when they change on disk. */
  private readonly missingCompanions = new Set<string>();

  constructor(options: ServiceOptions = {}) {
    this.index = new WorkspaceIndex(options.scope ?? { roots: [], config: {} });
    this.analysis = new Analysis(this.index, options.settings);
    this.loadOptions = options.load ?? {};
  }

  get config(): QuadletConfig {
    return this.index.config;
  }

  /**
   * Reads every unit file under the roots (open documents keep their editor text). Reads are
   * synchronous (fast) in batches, yielding to the event loop between batches so requests and
   * edits are served while a large tree is indexed.
   */
  async indexRoots(roots: string[]): Promise<string[]> {
    const found = findUnitFilesSync(roots, this.loadOptions);
    const files = loadOrder(found.files);
    const loaded: string[] = [];
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % INDEX_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
      const path = normalisePath(files[i]);
      if (this.open.has(path) || isIgnoredPath(path, this.loadOptions)) continue;
      const input = readInputSync(files[i], this.loadOptions, found.regular.has(files[i]));
      if (input.skipped?.kind === 'gone') continue; // deleted while we were indexing
      this.analysis.setFile(path, input);
      loaded.push(path);
    }
    loaded.push(...(await this.loadCompanions()));
    return loaded;
  }

  /** Reads the non-unit files the analysis needs (YAML of .kube units) that are not loaded yet. */
  async loadCompanions(): Promise<string[]> {
    return loadCompanionFiles(this.analysis, this.loadOptions, this.missingCompanions);
  }

  /** Does the analysis need a companion file it does not hold yet? */
  hasMissingCompanions(): boolean {
    return this.index.wantedFiles().some((p) => !this.index.getFile(p) && !this.missingCompanions.has(p));
  }

  updateScopeContext(ctx: ScopeContext, load?: LoadOptions): string[] {
    if (load) this.loadOptions = load;
    this.index.setScopeContext(ctx);
    return this.analysis.setSettings(this.analysis.settings);
  }

  updateSettings(settings: Partial<AnalysisSettings>): string[] {
    return this.analysis.setSettings(settings);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  openDocument(path: string, text: string, version: number): string[] {
    this.open.set(path, { text, version });
    return this.analysis.setFile(path, this.inputFor(text));
  }

  changeDocument(path: string, text: string, version: number): string[] {
    const current = this.open.get(path);
    if (current && current.version > version) return []; // out-of-order: keep the newer text
    // The LSP library reports an open as a content change too: the same version and text need no second analysis.
    if (current && current.version === version && current.text === text) return [];
    this.open.set(path, { text, version });
    return this.analysis.setFile(path, this.inputFor(text));
  }

  /** Closing falls back to the file on disk (or drops it when it is gone or not a unit file). */
  async closeDocument(path: string): Promise<string[]> {
    this.open.delete(path);
    return this.reloadFromDisk(path);
  }

  /** A watcher saw a file (or directory) created or changed: re-read just that. */
  async reloadFromDisk(path: string): Promise<string[]> {
    if (this.open.has(path)) return [];
    if (path.includes('://') || isIgnoredPath(path, this.loadOptions)) return this.deleteFile(path);
    this.missingCompanions.delete(path);
    const companion = this.index.wantedFiles().includes(path);
    const st = await fs.stat(path).catch(() => undefined);
    if (st?.isDirectory()) return this.indexRoots([path]);
    if (!isUnitFileName(path) && !companion) return this.deleteFile(path);
    const input = readInputSync(path, this.loadOptions);
    // Gone: drop it. A companion YAML that cannot be read is retried when it changes; a unit file
    // that cannot be read stays in the index with its one skipped-file message.
    if (input.skipped?.kind === 'gone' || (companion && input.skipped)) {
      if (companion) this.missingCompanions.add(path);
      return this.analysis.removeFile(path);
    }
    return this.analysis.setFile(path, input);
  }

  /** A file or a whole directory is gone (open documents keep their editor text). */
  deleteFile(path: string): string[] {
    if (this.open.has(path)) return [];
    if (this.index.getFile(path)) return this.analysis.removeFile(path);
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const inside = [...this.index.allFiles()].map((f) => f.path).filter((p) => p.startsWith(prefix) && !this.open.has(p));
    return inside.flatMap((p) => this.analysis.removeFile(p));
  }

  text(path: string): string | undefined {
    return this.index.getFile(path)?.text;
  }

  diagnostics(path: string): Diagnostic[] {
    const podman = this.podman.current(path, this.text(path));
    const ours = this.analysis.diagnostics(path);
    return podman.length ? [...ours, ...podman] : ours;
  }

  allPaths(): string[] {
    return [...this.index.allFiles()].map((f) => f.path);
  }

  codeActions(path: string, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
    const file = this.index.getFile(path);
    if (!file) return [];
    const settings = this.analysis.settings;
    return [...quickFixes(file, diagnostics, this.index, settings), ...activatorCodeActions(file, range, activatorEnv(this.index, settings, fileExists(this.index)))];
  }

  // ---- editing features (completion, hover, formatting, structure) ----

  /**
   * Extension points of completion. `nextFreePort`: the lowest host port from 8080 up that nobody on
   * the host binds on that address (the port inventory's answer, as the port-conflict quick fix uses).
   */
  readonly completionHooks: CompletionHooks = {
    nextFreePort: (scope, address) => {
      const ip = parseIp(address);
      return ip ? nextFreePort(this.index, scope.host, { kind: 'ip', ip }, 'tcp', FIRST_SUGGESTED_PORT - 1) : undefined;
    },
  };

  completion(path: string, position: Position): CompletionItem[] {
    const file = this.index.getFile(path);
    return file ? completions(file, position, { index: this.index, settings: this.analysis.settings, hooks: this.completionHooks }) : [];
  }

  hover(path: string, position: Position): HoverResult | undefined {
    const file = this.index.getFile(path);
    return file ? hover(file, position, { index: this.index, settings: this.analysis.settings }) : undefined;
  }

  /** Formatting edits for the document, or only for the lines of `range`. */
  format(path: string, range?: Range): TextEdit[] {
    const file = this.index.getFile(path);
    return file ? formatEdits(file, range) : [];
  }

  documentSymbols(path: string): DocumentSymbol[] {
    const file = this.index.getFile(path);
    return file ? documentSymbols(file, this.index, this.analysis.settings.podmanVersion) : [];
  }

  foldingRanges(path: string): FoldingRange[] {
    const file = this.index.getFile(path);
    return file ? foldingRanges(file) : [];
  }

  selectionRanges(path: string, positions: Position[]): SelectionRange[] {
    const file = this.index.getFile(path);
    return file ? selectionRanges(file, positions) : [];
  }

  inlayHints(path: string, range?: Range): InlayHint[] {
    return this.index.getFile(path) ? inlayHints(path, this.index, this.analysis.settings.podmanVersion, range) : [];
  }

  private inputFor(text: string) {
    // Editor text is already decoded; apply the same size limit as on disk.
    const bytes = Buffer.byteLength(text, 'utf8');
    // The same default as on disk: a 50 MB paste was analysed (seconds per keystroke) when unset.
    const max = this.loadOptions.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    if (bytes > max) return tooLargeInput(bytes, max);
    return { text };
  }
}
