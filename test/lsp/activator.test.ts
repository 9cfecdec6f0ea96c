// Protocol test of the activator code action through the built server: the refactoring on a
// PublishPort= line arrives as one WorkspaceEdit whose file creations never overwrite (CreateFile with
// overwrite:false), and a unit that exists on disk is never a creation target.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suiteServer } from '../helpers/lsp-suite';
import { LspClient } from '../helpers/lsp';

const Q = 'home/postgres/.config/containers/systemd';
const U = 'home/postgres/.config/systemd/user';

interface Action {
  title: string;
  kind?: string;
  edit?: { documentChanges?: Array<{ kind?: string; uri?: string; options?: unknown; textDocument?: { uri: string } }> };
}

describe('activator code action over LSP', () => {
  const s = suiteServer({
    [`${Q}/db.container`]: '[Container]\nImage=docker.io/library/postgres:16\nPublishPort=127.0.0.1:5432:5432\n',
    // Someone else's socket already has the usual name; it must stay untouched.
    [`${U}/db-activator.socket`]: '[Socket]\nListenStream=127.0.0.1:7777\n[Install]\nWantedBy=sockets.target\n',
  });

  it('creates the units with overwrite:false in one edit, under a free name', async () => {
    const uri = LspClient.uri(s.tree.path(`${Q}/db.container`));
    await s.client.open(uri, '[Container]\nImage=docker.io/library/postgres:16\nPublishPort=127.0.0.1:5432:5432\n');
    const actions = await s.client.connection.sendRequest<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } },
      context: { diagnostics: [] },
    });
    const action = actions.find((a) => a.title.startsWith('Generate socket activator for 127.0.0.1:5432…'));
    assert.ok(action, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(action.kind, 'refactor');
    assert.match(action.title, /as db-5432-activator/);
    const changes = action.edit!.documentChanges!;
    const creates = changes.filter((c) => c.kind === 'create');
    assert.deepEqual(creates.map((c) => c.uri), [LspClient.uri(s.tree.path(`${U}/db-5432-activator.socket`)), LspClient.uri(s.tree.path(`${U}/db-5432-activator.service`))]);
    for (const c of creates) assert.deepEqual(c.options, { overwrite: false, ignoreIfExists: false });
    assert.ok(changes.some((c) => c.textDocument?.uri === uri), 'the quadlet is edited in the same WorkspaceEdit');
    assert.ok(!changes.some((c) => c.uri === LspClient.uri(s.tree.path(`${U}/db-activator.socket`))));
  });
});
