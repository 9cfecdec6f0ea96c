// Hover. Each contributor returns markdown for a position or nothing; the answers are joined, so the
// key/value documentation and the reference details can both show.

import { Hover, MarkupKind } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { uriToPath } from '../convert';
import { QuadletService } from '../../features/service';
import { Position, Range } from '../../syntax/model';
import { navContext, referenceHover } from '../../features/navigation';

type HoverContributor = (service: QuadletService, path: string, position: Position) => { markdown: string; range?: Range } | undefined;

const CONTRIBUTORS: HoverContributor[] = [(service, path, position) => referenceHover(navContext(service), path, position)];

export const hoverHandler: HandlerModule = {
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, service, publisher }) {
    connection.onHover((p): Hover | null => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      const parts = CONTRIBUTORS.map((c) => c(service, path, p.position)).filter((h): h is NonNullable<typeof h> => !!h);
      if (!parts.length) return null;
      return { contents: { kind: MarkupKind.Markdown, value: parts.map((h) => h.markdown).join('\n\n---\n\n') }, ...(parts[0].range ? { range: parts[0].range } : {}) };
    });
  },
};
