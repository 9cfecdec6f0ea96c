// The LSP adapter: creates the connection and the language service, then lets each handler module
// (handlers/) register what it serves.

import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DidChangeConfigurationNotification, Connection, ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { QuadletService } from '../features/service';
import { setRuleCrashLogger } from '../rules/engine';
import { uriToPath } from './convert';
import { InitOptions, readClientSettings, scopeContextFrom, analysisSettingsFrom } from './settings';
import { Publisher } from './publisher';
import { ServerContext } from './context';
import { HANDLERS } from './handlers/index';
import { GeneratorRunner } from '../features/generator/runner';
import { indexFolders } from './indexing';

export function startLanguageServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const service = new QuadletService();
  const ctx: ServerContext = {
    connection,
    service,
    documents,
    publisher: new Publisher(connection, service),
    roots: [],
    settings: {},
    trusted: false,
    generator: new GeneratorRunner(service.index, { trusted: () => ctx.trusted, configuredPath: () => ctx.generatorPath }),
    reconfigure: async () => {
      ctx.settings = await readClientSettings(connection, ctx.init);
      const { scope, load } = await scopeContextFrom(ctx.roots, ctx.settings);
      ctx.publisher.publish(service.updateScopeContext(scope, load));
      ctx.publisher.publish(service.updateSettings(await analysisSettingsFrom(service.config, ctx.settings, ctx.trusted, async () => (await ctx.generator.status()).version)));
    },
  };
  setRuleCrashLogger((c) => connection.console.error(`rule ${c.code} failed on ${c.file}: ${(c.error as Error)?.stack ?? c.error}`));

  connection.onInitialize((params) => {
    ctx.init = params;
    const init = params.initializationOptions as InitOptions | undefined;
    ctx.trusted = init?.trusted === true;
    ctx.generatorPath = typeof init?.generatorPath === 'string' ? init.generatorPath : undefined;
    ctx.roots = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri));
    if (!ctx.roots.length && params.rootUri) ctx.roots = [uriToPath(params.rootUri)];
    const capabilities: ServerCapabilities = {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    for (const h of HANDLERS) Object.assign(capabilities, h.capabilities?.(params));
    return { capabilities, serverInfo: { name: 'quadlet-ls' } };
  });

  connection.onInitialized(async () => {
    if (ctx.init?.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'quadletLs' });
    // Only after initialize, and only when the client sends them: the getter throws otherwise (it crashed every start).
    if (ctx.init?.capabilities.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        const added = e.added.map((f) => uriToPath(f.uri));
        ctx.roots = ctx.roots.filter((r) => !removed.has(r)).concat(added);
        await ctx.reconfigure();
        await indexFolders(ctx, added);
      });
    }
    await ctx.reconfigure();
    await indexFolders(ctx, ctx.roots);
  });
  connection.onDidChangeConfiguration(() => ctx.reconfigure());
  connection.onNotification('quadletLs/trustGranted', () => {
    ctx.trusted = true;
    ctx.generator.reset();
    return ctx.reconfigure();
  });

  for (const h of HANDLERS) h.register(ctx);
  documents.listen(connection);
  connection.listen();
}
