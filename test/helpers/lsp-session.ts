// Drives the built language server (dist/server.js --stdio) over JSON-RPC for protocol tests.
// Every wait has a timeout; nothing sleeps.

import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  message: string;
  relatedInformation?: Array<{ location: { uri: string; range: PublishedDiagnostic['range'] }; message: string }>;
}

export interface Publication {
  uri: string;
  diagnostics: PublishedDiagnostic[];
}

export const fileUri = (path: string): string => pathToFileURL(path).toString();

export class LspSession {
  readonly connection: MessageConnection;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: Publication[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private waiters: Array<{ test: (p: Publication) => boolean; done: (p: Publication) => void }> = [];

  constructor() {
    this.child = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { env: { ...process.env, PATH: '' } });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Publication) => {
      this.published.push(p);
      for (const w of [...this.waiters]) if (w.test(p)) w.done(p);
    });
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(root: string): Promise<Record<string, unknown>> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: fileUri(root),
      workspaceFolders: [{ uri: fileUri(root), name: 'fixture' }],
      capabilities: { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } } },
    });
    await this.connection.sendNotification('initialized', {});
    return result.capabilities;
  }

  /** The latest diagnostics published for a URI, if any. */
  latest(uri: string): PublishedDiagnostic[] | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i].diagnostics;
    return undefined;
  }

  /** Waits for a publication of `uri` that satisfies `accept` (the latest one counts). */
  waitFor(uri: string, accept: (d: PublishedDiagnostic[]) => boolean, timeoutMs = 10000): Promise<PublishedDiagnostic[]> {
    const current = this.latest(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return new Promise((resolvePromise, reject) => {
      const waiter = {
        test: (p: Publication) => p.uri === uri && accept(p.diagnostics),
        done: (p: Publication) => {
          clearTimeout(timer);
          this.waiters = this.waiters.filter((w) => w !== waiter);
          resolvePromise(p.diagnostics);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for diagnostics of ${uri}; last: ${JSON.stringify(this.latest(uri))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
