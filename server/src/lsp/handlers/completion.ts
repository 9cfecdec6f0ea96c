// Completion of sections, keys, values and new-file skeletons.

import { CompletionParams } from 'vscode-languageserver/node';
import { HandlerModule } from '../context';
import { honourCancellation } from '../cancellation';
import { uriToPath } from '../convert';
import { toLspCompletionItem } from '../convert-editing';

export const completionHandler: HandlerModule = {
  capabilities: () => ({ completionProvider: { triggerCharacters: ['[', '=', '%', ',', ' '] } }),
  register(ctx) {
    ctx.connection.onCompletion(
      honourCancellation((p: CompletionParams) => {
        const path = uriToPath(p.textDocument.uri);
        ctx.publisher.flush(path);
        const vscodeClient = /code/i.test(ctx.init?.clientInfo?.name ?? '');
        return { isIncomplete: false, items: ctx.service.completion(path, p.position).map((i) => toLspCompletionItem(i, vscodeClient)) };
      }),
    );
  },
};
