// Negative control for the editor tests: a language server that starts, initializes and answers every request
// with nothing. It never publishes a diagnostic, offers no code action, no hover and no completion. Bundled by
// lib/extension-under-test.mjs into the dist/server.js of a throwaway copy of the extension when
// QLS_EDITOR_BROKEN=1; every editor-test layer must then FAIL.
'use strict';
const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    codeActionProvider: true,
    hoverProvider: true,
    completionProvider: {},
  },
  serverInfo: { name: 'quadlet-ls (broken on purpose)' },
}));
connection.onCodeAction(() => []);
connection.onHover(() => null);
connection.onCompletion(() => []);
documents.listen(connection);
connection.listen();
