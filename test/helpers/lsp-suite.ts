// One language server on a temporary tree for a whole test suite: started before the suite's tests,
// shut down after them with its exit code checked, and the tree removed.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { TempTree, tempTree } from './cli';
import { LspClient } from './lsp';

export interface SuiteServer {
  tree: TempTree;
  client: LspClient;
  /** The server's answer to `initialize`. */
  init: { capabilities: Record<string, unknown> };
}

/** Registers the suite's before/after hooks; the returned object is filled in once `before` has run. */
export function suiteServer(files: Record<string, string>): SuiteServer {
  const s = {} as SuiteServer;
  before(async () => {
    s.tree = tempTree(files);
    s.client = new LspClient();
    s.init = await s.client.initialize(s.tree.dir);
  });
  after(async () => {
    const code = await s.client.close();
    s.tree.cleanup();
    assert.equal(code, 0, `server exit code; stderr: ${s.client.stderr.join('')}`);
  });
  return s;
}
