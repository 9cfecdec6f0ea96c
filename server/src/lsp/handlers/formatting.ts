// Document and range formatting (non-destructive; see features/format.ts).

import { DocumentFormattingParams, DocumentRangeFormattingParams } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { honourCancellation } from '../cancellation';
import { uriToPath } from '../convert';

export const formattingHandler: HandlerModule = {
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register({ connection, service, publisher }) {
    connection.onDocumentFormatting(
      honourCancellation((p: DocumentFormattingParams) => {
        const path = uriToPath(p.textDocument.uri);
        publisher.flush(path);
        return service.format(path);
      }),
    );
    connection.onDocumentRangeFormatting(
      honourCancellation((p: DocumentRangeFormattingParams) => {
        const path = uriToPath(p.textDocument.uri);
        publisher.flush(path);
        return service.format(path, p.range);
      }),
    );
  },
};
