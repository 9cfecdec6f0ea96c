// Publishes diagnostics. Each document has its own debounce timer, so editing one file never
// delays or cancels another file's lint; files that changed only because of another file's edit
// (closed files included) are republished right after that edit is analysed.

import { Connection } from 'vscode-languageserver/node';
import { QuadletService } from '../features/service';
import { pathToUri, toLspDiagnostic } from './convert';

export const DEBOUNCE_MS = 120;

export class Publisher {
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; apply: () => string[] }>();
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

  debounce(path: string, apply: () => string[]): void {
    const pending = this.timers.get(path);
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => this.flush(path), DEBOUNCE_MS);
    this.timers.set(path, { timer, apply });
  }

  /** Runs a pending change now (before a request that needs the newest text). */
  flush(path: string): void {
    const pending = this.timers.get(path);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.timers.delete(path);
    this.publish(pending.apply());
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
