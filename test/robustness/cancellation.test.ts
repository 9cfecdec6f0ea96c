// honourCancellation, the wrapper every long-running LSP request handler uses: a request whose
// token is already cancelled is answered RequestCancelled without running the handler; one
// cancelled while an async handler runs drops its result; others are answered normally.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { honourCancellation } from '../../server/src/lsp/cancellation';

describe('request cancellation', () => {
  it('a request cancelled before it runs is answered RequestCancelled and does no work', async () => {
    let ran = 0;
    const handler = honourCancellation((n: number) => ((ran += 1), n * 2));
    const source = new CancellationTokenSource();
    source.cancel();
    const answer = await handler(21, source.token);
    assert.ok(answer instanceof ResponseError);
    assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
    assert.equal(ran, 0);
  });

  it('a request cancelled while an async handler runs drops the result', async () => {
    const source = new CancellationTokenSource();
    const handler = honourCancellation(async (n: number) => {
      source.cancel(); // the client gives up while the work is under way
      return n * 2;
    });
    const answer = await handler(21, source.token);
    assert.ok(answer instanceof ResponseError && answer.code === LSPErrorCodes.RequestCancelled);
  });

  it('a request that is not cancelled gets its answer', async () => {
    const handler = honourCancellation((n: number) => n * 2);
    assert.equal(await handler(21, new CancellationTokenSource().token), 42);
  });
});
