// Request cancellation. The JSON-RPC layer marks a request's token as cancelled when the client's
// $/cancelRequest arrives while the request is still queued (behind a burst of edits, say); a
// handler wrapped here then answers RequestCancelled without doing the work, and an async handler
// whose token is cancelled while it runs drops its result.

import { CancellationToken, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';

export function cancelledError(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

export function honourCancellation<P, R>(handler: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return async (params, token) => {
    if (token?.isCancellationRequested) return cancelledError();
    const result = await handler(params, token);
    return token?.isCancellationRequested ? cancelledError() : result;
  };
}
