// Document and range formatting (non-destructive; see features/format.ts).

import { HandlerModule } from '../context';
import { uriToPath } from '../convert';

export const formattingHandler: HandlerModule = {
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register({ connection, service, publisher }) {
    connection.onDocumentFormatting((p) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      return service.format(path);
    });
    connection.onDocumentRangeFormatting((p) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      return service.format(path, p.range);
    });
  },
};
