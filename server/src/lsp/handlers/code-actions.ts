// Quick fixes and refactorings.

import { CodeActionKind, CodeActionParams } from 'vscode-languageserver/node';
import { honourCancellation } from '../cancellation';
import { HandlerModule } from '../context';
import { fromLspDiagnostic, toLspCodeAction, uriToPath } from '../convert';

export const codeActionsHandler: HandlerModule = {
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Refactor] } }),
  register({ connection, service, publisher }) {
    connection.onCodeAction(honourCancellation((p: CodeActionParams) => {
      const path = uriToPath(p.textDocument.uri);
      publisher.flush(path);
      const requested = p.context.diagnostics.map((d) => fromLspDiagnostic(path, d));
      return service.codeActions(path, p.range, requested).map((a) => toLspCodeAction(a, p.context.diagnostics));
    }));
  },
};
