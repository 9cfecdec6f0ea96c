// A minimal LSP client for protocol tests: launches the built server (`node dist/server.js --stdio`),
// speaks JSON-RPC with vscode-jsonrpc, and waits for diagnostics with timeouts (never sleeps).

import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node';
import { REPO } from './cli';

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
  data?: unknown;
}

interface Published {
  uri: string;
  version?: number;
  diagnostics: LspDiagnostic[];
}

type Waiter = { uri: string; accept: (d: LspDiagnostic[]) => boolean; resolve: (d: LspDiagnostic[]) => void };

export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly latest = new Map<string, LspDiagnostic[]>();
  private waiters: Waiter[] = [];
  readonly stderr: string[] = [];
  private readonly configured: boolean;
  private configuration: Record<string, unknown> | undefined;
  private readonly clientName?: string;
  /** Methods of the requests the server sent us, in order (e.g. inlay hint refreshes). */
  readonly serverRequests: string[] = [];
  private conditions: Array<() => void> = [];

  /**
   * `env`: the server's environment (PATH empty by default); `configuration`: what workspace/configuration
   * answers (change it with setConfiguration); `clientName`: clientInfo.name (e.g. "Visual Studio Code").
   */
  constructor(opts: { env?: NodeJS.ProcessEnv; configuration?: Record<string, unknown>; clientName?: string } = {}) {
    this.configured = opts.configuration !== undefined;
    this.configuration = opts.configuration;
    this.clientName = opts.clientName;
    this.child = spawn(process.execPath, [join(REPO, 'dist', 'server.js'), '--stdio'], { env: opts.env ?? { ...process.env, PATH: '' } });
    this.child.stderr.on('data', (b: Buffer) => this.stderr.push(b.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => {
      this.latest.set(p.uri, p.diagnostics);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.accept(p.diagnostics)) {
          this.waiters = this.waiters.filter((x) => x !== w);
          w.resolve(p.diagnostics);
        }
      }
      this.checkConditions();
    });
    // Answer the requests a server may send to its client.
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.configuration ?? {}));
    for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'workspace/diagnostic/refresh']) {
      this.connection.onRequest(method, () => {
        this.serverRequests.push(method);
        this.checkConditions();
        return null;
      });
    }
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  static uri(path: string): string {
    return pathToFileURL(path).toString();
  }

  /** Resolves with the first published list for `uri` that `accept`s (the latest one counts too). */
  diagnostics(uri: string, accept: (d: LspDiagnostic[]) => boolean, timeoutMs = 5000, what = 'diagnostics'): Promise<LspDiagnostic[]> {
    const current = this.latest.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((x) => x !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} of ${uri}; last: ${JSON.stringify(this.latest.get(uri))}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        accept,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Changes what workspace/configuration answers; send workspace/didChangeConfiguration afterwards. */
  setConfiguration(configuration: Record<string, unknown>): void {
    this.configuration = configuration;
  }

  /** The latest diagnostics published for a document (undefined: none yet). */
  latestDiagnostics(uri: string): LspDiagnostic[] | undefined {
    return this.latest.get(uri);
  }

  private checkConditions(): void {
    for (const c of [...this.conditions]) c();
  }

  /** Resolves once `test` holds (checked after each diagnostics notification and server request). */
  waitFor(what: string, test: () => boolean, timeoutMs = 5000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const condition = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.conditions = this.conditions.filter((c) => c !== condition);
        resolve();
      };
      const timer = setTimeout(() => {
        this.conditions = this.conditions.filter((c) => c !== condition);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.conditions.push(condition);
    });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  async initialize(rootPath: string, initializationOptions: Record<string, unknown> = { settings: { podmanVersion: '5.8' } }): Promise<{ capabilities: Record<string, unknown> }> {
    const uri = LspClient.uri(rootPath);
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'ws' }],
      ...(this.clientName ? { clientInfo: { name: this.clientName } } : {}),
      capabilities: {
        textDocument: { publishDiagnostics: { relatedInformation: true }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } },
        // Announced only when the test supplies workspace settings, so the server asks for them.
        ...(this.configured ? { workspace: { configuration: true, inlayHint: { refreshSupport: true } } } : {}),
      },
      initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'quadlet', version, text } });
  }

  /** Replaces the whole text (a full-content change is valid under incremental sync too). */
  change(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** shutdown, then exit; waits for the child to end before disposing (see the e2e README §5). */
  async close(): Promise<number | null> {
    try {
      await this.connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
      await this.connection.sendNotification('exit');
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('server did not exit within 5 s')), 5000).unref());
      return await Promise.race([exited, timeout]);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    }
  }
}
