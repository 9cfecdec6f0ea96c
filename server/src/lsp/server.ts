// The LSP adapter: wires protocol requests to the language service. Handlers stay one-liners where
// possible; state that only the protocol needs (debounce timers, what was published) lives here.

import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind, DidChangeConfigurationNotification,
  FileChangeType, Connection, InitializeParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { QuadletService } from '../features/service';
import { setRuleCrashLogger } from '../rules/engine';
import { fromLspDiagnostic, toLspCodeAction, uriToPath } from './convert';
import { ClientSettings, readClientSettings, scopeContextFrom, analysisSettingsFrom } from './settings';
import { Publisher } from './publisher';

export function startLanguageServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const service = new QuadletService();
  const publisher = new Publisher(connection, service);
  let roots: string[] = [];
  let init: InitializeParams | undefined;
  let settings: ClientSettings = {};
  setRuleCrashLogger((c) => connection.console.error(`rule ${c.code} failed on ${c.file}: ${(c.error as Error)?.stack ?? c.error}`));

  connection.onInitialize((params) => {
    init = params;
    roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!roots.length && params.rootUri) roots = [uriToPath(params.rootUri)];
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'quadlet-ls' },
    };
  });

  const reconfigure = async () => {
    settings = await readClientSettings(connection, init);
    const { scope, load } = await scopeContextFrom(roots, settings);
    publisher.publish(service.updateScopeContext(scope, load));
    publisher.publish(service.updateSettings(await analysisSettingsFrom(service.config, settings, init)));
  };

  connection.onInitialized(async () => {
    if (init?.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'quadletLs' });
    await reconfigure();
    publisher.publish(await service.indexRoots(roots));
  });
  connection.onDidChangeConfiguration(() => reconfigure());
  connection.workspace.onDidChangeWorkspaceFolders?.(async (e) => {
    roots = roots.filter((r) => !e.removed.some((f) => uriToPath(f.uri) === r)).concat(e.added.map((f) => uriToPath(f.uri)));
    await reconfigure();
    publisher.publish(await service.indexRoots(e.added.map((f) => uriToPath(f.uri))));
  });

  documents.onDidOpen((e) => publisher.publish(service.openDocument(uriToPath(e.document.uri), e.document.getText(), e.document.version)));
  documents.onDidChangeContent((e) => publisher.debounce(uriToPath(e.document.uri), () => service.changeDocument(uriToPath(e.document.uri), e.document.getText(), e.document.version)));
  documents.onDidClose(async (e) => publisher.publish(await service.closeDocument(uriToPath(e.document.uri))));
  connection.onDidChangeWatchedFiles(async (e) => {
    for (const c of e.changes) {
      const path = uriToPath(c.uri);
      if (path.endsWith('.quadlet-ls.json')) await reconfigure();
      else publisher.publish(c.type === FileChangeType.Deleted ? service.deleteFile(path) : await service.reloadFromDisk(path));
    }
  });

  connection.onCodeAction((p) => {
    const path = uriToPath(p.textDocument.uri);
    publisher.flush(path);
    return service.codeActions(path, p.range, p.context.diagnostics.map((d) => fromLspDiagnostic(path, d))).map((a) => toLspCodeAction(a, p.context.diagnostics));
  });

  documents.listen(connection);
  connection.listen();
}
