// Go to definition, find references, document links and workspace symbols on quadlet references.

import { DefinitionParams, DocumentLinkParams, Location, ReferenceParams, SymbolKind, WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { honourCancellation } from '../cancellation';
import { HandlerModule } from '../context';
import { pathToUri, uriToPath } from '../convert';
import { definition, documentLinks, findReferences, navContext, workspaceSymbols } from '../../features/navigation';

const SYMBOL_KIND = { file: SymbolKind.File, service: SymbolKind.Module, object: SymbolKind.Object } as const;

const toLocation = (l: { path: string; range: Location['range'] }): Location => ({ uri: pathToUri(l.path), range: l.range });

export const navigationHandler: HandlerModule = {
  capabilities: () => ({ definitionProvider: true, referencesProvider: true, documentLinkProvider: { resolveProvider: false }, workspaceSymbolProvider: true }),
  register({ connection, service, publisher }) {
    connection.onDefinition(honourCancellation((p: DefinitionParams) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      return definition(navContext(service), path, p.position).map(toLocation);
    }));
    connection.onReferences(honourCancellation((p: ReferenceParams) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      return findReferences(navContext(service), path, p.position, p.context.includeDeclaration).map(toLocation);
    }));
    connection.onDocumentLinks(honourCancellation((p: DocumentLinkParams) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      return documentLinks(navContext(service), path).map((l) => ({ range: l.range, target: pathToUri(l.target), tooltip: l.tooltip }));
    }));
    connection.onWorkspaceSymbol(
      honourCancellation((p: WorkspaceSymbolParams) =>
        workspaceSymbols(navContext(service), p.query).map((s) => ({ name: s.name, kind: SYMBOL_KIND[s.kind], location: toLocation(s.location), containerName: s.container })),
      ),
    );
  },
};
