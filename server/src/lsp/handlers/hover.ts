// Hover: keys, values, specifiers, section headers (and whatever other features register).

import { HoverParams, MarkupKind } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { uriToPath } from '../convert';
import { honourCancellation } from '../cancellation';

export const hoverHandler: HandlerModule = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, service, publisher }) {
    connection.onHover(
      honourCancellation((p: HoverParams) => {
        const path = uriToPath(p.textDocument.uri);
        publisher.flush(path);
        const h = service.hover(path, p.position);
        return h ? { contents: { kind: MarkupKind.Markdown, value: h.contents }, ...(h.range ? { range: h.range } : {}) } : null;
      }),
    );
  },
};
