// Publishes diagnostics. Each document has its own pending change, so editing one file never
// delays or cancels another file's lint; files that changed only because of another file's edit
// (closed files included) are republished right after that edit is analysed.
//
// No time-based debounce: the analysis is incremental (an edit re-checks only what it touches, a
// few milliseconds even in a 10,000-file tree), so a pending change runs on the next turn of the
// event loop; a change that arrives while one of the same document is still pending replaces it.
// A timer would only add latency to every edit.

import { Connection } from 'vscode-languageserver/node';
import { QuadletService } from '../features/service';
import { pathToUri, toLspDiagnostic } from './convert';

export class Publisher {
  private readonly pending = new Map<string, { timer: NodeJS.Immediate; apply: () => string[]; version: number }>();
  /** Paths that currently show diagnostics in the client, so cleared files get an empty list. */
  private readonly shown = new Set<string>();
  private listeners: Array<(paths: string[]) => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly service: QuadletService,
  ) {}

  /** Called after each publish round (the ports view refreshes from this). */
  onPublished(fn: (paths: string[]) => void): void {
    this.listeners.push(fn);
  }

  /**
   * Schedules a document's change. A pending change of the same document is replaced by a newer
   * one, never by an older version (a client that delivers versions out of order still ends on
   * its newest text).
   */
  debounce(path: string, apply: () => string[], version = Number.MAX_SAFE_INTEGER): void {
    const pending = this.pending.get(path);
    if (pending) {
      if (version >= pending.version) Object.assign(pending, { apply, version });
      return;
    }
    this.pending.set(path, { timer: setImmediate(() => this.flush(path)), apply, version });
  }

  /** Runs a pending change now (before a request that needs the newest text). */
  flush(path: string): void {
    const pending = this.pending.get(path);
    if (!pending) return;
    clearImmediate(pending.timer);
    this.pending.delete(path);
    this.publish(pending.apply());
  }

  /**
   * Publishes many files (after indexing a tree): computing every file's diagnostics is the whole
   * analysis, so it runs in batches with a turn of the event loop between them (edits and requests
   * are served meanwhile).
   */
  async publishInBatches(paths: string[], batch = 200): Promise<void> {
    const unique = [...new Set(paths)];
    for (let i = 0; i < unique.length; i += batch) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      this.publish(unique.slice(i, i + batch));
    }
  }

  publish(paths: string[]): void {
    for (const path of new Set(paths)) {
      const list = this.service.diagnostics(path);
      if (list.length === 0 && !this.shown.has(path)) continue;
      if (list.length) this.shown.add(path);
      else this.shown.delete(path);
      void this.connection.sendDiagnostics({ uri: pathToUri(path), diagnostics: list.map(toLspDiagnostic) });
    }
    for (const fn of this.listeners) fn(paths);
  }
}
