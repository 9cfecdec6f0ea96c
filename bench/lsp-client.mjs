// A small LSP client for the benchmarks: starts the built server over stdio, answers the requests a
// server sends to its client, waits for work-done progress to end (indexing finished) and for
// published diagnostics, and reads the server's resident memory from /proc.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node';

export const uriOf = (path) => pathToFileURL(path).toString();

export class BenchClient {
  constructor(serverJs) {
    this.child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PATH: '' } });
    this.stderr = [];
    this.child.stderr.on('data', (b) => this.stderr.push(String(b)));
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.waiters = [];
    this.progressEnded = new Set();
    this.progressWaiters = [];
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const now = performance.now();
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.accept(p.diagnostics)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(now);
        }
      }
    });
    this.connection.onNotification('$/progress', (p) => {
      if (p.value?.kind !== 'end') return;
      this.progressEnded.add(p.token);
      for (const w of this.progressWaiters.splice(0)) w();
    });
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  async initialize(root) {
    const folders = root ? [{ uri: uriOf(root), name: 'bench' }] : null;
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? uriOf(root) : null,
      workspaceFolders: folders,
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
      initializationOptions: { settings: { podmanVersion: '5.8' } },
    });
    this.capabilities = result.capabilities;
    const indexed = root ? this.nextProgressEnd() : Promise.resolve();
    await this.connection.sendNotification('initialized', {});
    return indexed;
  }

  /** Resolves when a work-done progress ends (the server's indexing), with a timeout. */
  nextProgressEnd(timeoutMs = 600_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('indexing did not finish in time')), timeoutMs);
      this.progressWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Resolves with the arrival time of the next diagnostics of `uri` that `accept` takes. */
  diagnostics(uri, accept, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const w = { uri, accept, resolve: (t) => (clearTimeout(timer), resolve(t)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'quadlet', version, text } });
  }

  change(uri, text, version) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  /** Resident set size of the server process, in MB. */
  rssMb() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  }

  async close() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
      await this.connection.sendNotification('exit');
    } catch {
      /* the server may be gone already */
    }
    await new Promise((r) => {
      if (this.child.exitCode !== null) return r();
      const t = setTimeout(() => (this.child.kill(), r()), 5000);
      this.child.once('exit', () => (clearTimeout(t), r()));
    });
    this.connection.dispose();
  }
}
