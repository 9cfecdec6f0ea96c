// The built language server over stdio: the secret-in-env quick fix applied as a client would
// (one WorkspaceEdit, the value nowhere in it), and container-loopback on an env file the server
// reads from disk by itself.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { suiteServer } from '../helpers/lsp-suite';
import { LspClient, LspDiagnostic } from '../helpers/lsp';
import { applyTextEdits } from '../../server/src/features/edits';

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd/';
const BOB_USER = 'hosts/h1/home/bob/.config/systemd/user/';
const WEB = '[Container]\r\nImage=docker.io/library/nginx:1\r\nEnvironment=MODE=prod DB_PASSWORD=hunter2\r\nExec=run\r\n';
const has = (code: string) => (list: LspDiagnostic[]) => list.some((d) => d.code === code);

interface LspAction {
  title: string;
  kind?: string;
  edit?: { changes?: Record<string, Array<{ range: LspDiagnostic['range']; newText: string }>>; documentChanges?: unknown[] };
}

describe('security over LSP', () => {
  const s = suiteServer({
      [ALICE + 'web.container']: WEB,
      [ALICE + 'api.container']: '[Container]\nImage=docker.io/library/nginx:1\nEnvironmentFile=api.env\n',
      [ALICE + 'api.env']: 'UPSTREAM=http://127.0.0.1:9000/\n',
      [BOB_USER + 'upstream.socket']: '[Socket]\nListenStream=127.0.0.1:9000\n',
    });

  it('applies the secret-in-env quick fix and the warning goes', async () => {
    const uri = LspClient.uri(s.tree.path(ALICE + 'web.container'));
    await s.client.open(uri, WEB);
    const list = await s.client.diagnostics(uri, has('secret-in-env'), 5000, 'the secret-in-env warning');
    const d = list.find((x) => x.code === 'secret-in-env')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 41 } });
    assert.equal(d.severity, 2);

    const actions = await s.client.connection.sendRequest<LspAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => a.title.startsWith('Use the Podman secret'));
    assert.ok(fix, JSON.stringify(actions));
    assert.equal(fix.title, 'Use the Podman secret web-db-password for DB_PASSWORD (create it first: podman secret create web-db-password -)');
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri], 'one file, one WorkspaceEdit');
    assert.equal(fix.edit?.documentChanges, undefined);
    assert.doesNotMatch(JSON.stringify(fix), /hunter2/, 'the value is nowhere in the action');

    const text = applyTextEdits(WEB, fix.edit!.changes![uri]);
    assert.equal(text, '[Container]\r\nImage=docker.io/library/nginx:1\r\nEnvironment=MODE=prod\r\nSecret=web-db-password,type=env,target=DB_PASSWORD\r\nExec=run\r\n');
    await s.client.change(uri, text, 2);
    await s.client.diagnostics(uri, (l) => !has('secret-in-env')(l), 5000, 'the warning gone after the fix');
  });

  it('reads the env file a container names from disk and reports the loopback endpoint in it', async () => {
    const uri = LspClient.uri(s.tree.path(ALICE + 'api.container'));
    const list = await s.client.diagnostics(uri, has('container-loopback'), 5000, 'container-loopback from api.env');
    const d = list.find((x) => x.code === 'container-loopback')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 23 } });
    assert.match(d.message, /^api\.env line 1: UPSTREAM points at 127\.0\.0\.1:9000, .*user bob's upstream\.socket line 2/);
  });
});
