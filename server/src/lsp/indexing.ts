// Indexing workspace folders from disk, shown to the user as work-done progress ("Indexing
// quadlets…" in VS Code's status bar) when the client supports it. The end of the progress also
// tells tests and benchmarks that the tree is indexed and its diagnostics published.

import { ServerContext } from './context';

export async function indexFolders(ctx: ServerContext, roots: string[]): Promise<void> {
  if (!roots.length) return;
  const supported = ctx.init?.capabilities.window?.workDoneProgress === true;
  const progress = supported ? await ctx.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Indexing quadlets', undefined, roots.length === 1 ? roots[0] : `${roots.length} folders`, false);
  try {
    const loaded = await ctx.service.indexRoots(roots);
    progress?.report(`checking ${loaded.length} files`);
    await ctx.publisher.publishInBatches(loaded);
  } finally {
    progress?.done();
  }
}
