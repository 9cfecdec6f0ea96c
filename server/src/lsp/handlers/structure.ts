// Outline, folding and smart selection.

import { FoldingRangeKind } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { uriToPath } from '../convert';
import { toLspDocumentSymbol } from '../convert-editing';

export const structureHandler: HandlerModule = {
  capabilities: () => ({ documentSymbolProvider: true, foldingRangeProvider: true, selectionRangeProvider: true }),
  register({ connection, service, publisher }) {
    const pathOf = (uri: string) => {
      const path = uriToPath(uri);
      publisher.flush(path);
      return path;
    };
    connection.onDocumentSymbol((p) => service.documentSymbols(pathOf(p.textDocument.uri)).map(toLspDocumentSymbol));
    connection.onFoldingRanges((p) =>
      service.foldingRanges(pathOf(p.textDocument.uri)).map((f) => ({
        startLine: f.startLine,
        endLine: f.endLine,
        ...(f.kind ? { kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region } : {}),
      })),
    );
    connection.onSelectionRanges((p) => service.selectionRanges(pathOf(p.textDocument.uri), p.positions));
  },
};
