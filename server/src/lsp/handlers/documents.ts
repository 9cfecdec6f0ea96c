// Document lifecycle and file watching: feeds the analysis and publishes what changed.

import { FileChangeType } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { uriToPath } from '../convert';

export const documentsHandler: HandlerModule = {
  register({ connection, documents, service, publisher, reconfigure }) {
    documents.onDidOpen((e) => publisher.publish(service.openDocument(uriToPath(e.document.uri), e.document.getText(), e.document.version)));
    documents.onDidChangeContent((e) => {
      const path = uriToPath(e.document.uri);
      // Text and version as of this event: a later, older-versioned event must not swap them.
      const text = e.document.getText();
      const version = e.document.version;
      publisher.debounce(path, () => service.changeDocument(path, text, version), version);
    });
    documents.onDidClose(async (e) => publisher.publish(await service.closeDocument(uriToPath(e.document.uri))));
    connection.onDidChangeWatchedFiles(async (e) => {
      for (const c of e.changes) {
        const path = uriToPath(c.uri);
        if (path.endsWith('.quadlet-ls.json')) await reconfigure();
        else publisher.publish(c.type === FileChangeType.Deleted ? service.deleteFile(path) : await service.reloadFromDisk(path));
      }
    });
  },
};
