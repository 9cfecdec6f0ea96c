// The built language server over stdio: editing a PublishPort in one user's open file makes a
// port-conflict appear, then disappear, in another user's closed file; the conflict's quick fix;
// the ports request and change notification; a .kube's YAML created on disk joins the inventory.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { suiteServer } from '../helpers/lsp-suite';
import { LspClient, LspDiagnostic } from '../helpers/lsp';

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd/';
const BOB = 'hosts/h1/home/bob/.config/containers/systemd/';
const unit = (spec: string) => `[Container]\nImage=docker.io/library/nginx:1\nPublishPort=${spec}\n`;
const hasConflict = (list: LspDiagnostic[]) => list.some((d) => d.code === 'port-conflict');

/** Resolves on the next notification of that method (with a timeout). */
function nextNotification(client: LspClient, method: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
    const sub = client.connection.onNotification(method, () => {
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('ports over LSP', () => {
  const s = suiteServer({
      [ALICE + 'web.container']: unit('127.0.0.1:8080:80'),
      [BOB + 'metrics.container']: unit('127.0.0.1:9100:9100'),
      [BOB + 'app.kube']: '[Kube]\nYaml=app.yaml\n',
    });

  it("a conflict appears in another user's closed file when an open file changes, and goes again", async () => {
    const alice = LspClient.uri(s.tree.path(ALICE + 'web.container'));
    const bob = LspClient.uri(s.tree.path(BOB + 'metrics.container'));
    // A clean file gets no diagnostics at all (nothing to publish), so there is nothing to wait for.
    await s.client.open(alice, unit('127.0.0.1:8080:80'));

    const changed = nextNotification(s.client, 'quadletLs/portsChanged');
    await s.client.change(alice, unit('127.0.0.1:9100:80'), 2);
    const list = await s.client.diagnostics(bob, hasConflict, 5000, "the conflict in bob's closed file");
    await changed;
    const d = list.find((x) => x.code === 'port-conflict')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 26 } });
    assert.equal(d.severity, 1);
    assert.match(d.message, /^9100\/tcp on 127\.0\.0\.1 is also bound by user alice's web\.container line 3/);
    await s.client.diagnostics(alice, hasConflict, 5000, 'the conflict in alice’s open file');

    // The quick fix on the closed file: the next free port above 9100.
    const actions = await s.client.connection.sendRequest<Array<{ title: string; edit?: { changes?: Record<string, Array<{ newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri: bob },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const fix = actions.find((a) => a.title.startsWith('Use the next free port'));
    assert.ok(fix, JSON.stringify(actions));
    assert.deepEqual(fix.edit?.changes?.[bob], [{ range: d.range, newText: '9101' }]);

    const rows = await s.client.connection.sendRequest<{ rows: Array<{ unit: string; port: string; flags: string[]; uri: string }> }>('quadletLs/ports');
    assert.deepEqual(
      rows.rows.filter((r) => r.port === '9100').map((r) => [r.unit, r.flags.includes('conflict'), r.uri.startsWith('file://')]),
      [
        ['web.container', true, true],
        ['metrics.container', true, true],
      ],
    );

    await s.client.change(alice, unit('127.0.0.1:8080:80'), 3);
    await s.client.diagnostics(bob, (l) => !hasConflict(l), 5000, "bob's closed file cleared");
    await s.client.diagnostics(alice, (l) => !hasConflict(l), 5000, "alice's open file cleared");
  });

  it('reads the YAML of a .kube once it appears on disk', async () => {
    const alice = LspClient.uri(s.tree.path(ALICE + 'web.container'));
    const kube = LspClient.uri(s.tree.path(BOB + 'app.kube'));
    const yaml = s.tree.path(BOB + 'app.yaml');
    writeFileSync(yaml, 'kind: Pod\nspec:\n  containers:\n    - ports:\n        - containerPort: 80\n          hostPort: 8080\n');
    await s.client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: LspClient.uri(yaml), type: 1 }] });
    const list = await s.client.diagnostics(kube, hasConflict, 5000, 'the conflict on the .kube');
    assert.deepEqual(list.find((x) => x.code === 'port-conflict')!.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 13 } });
    await s.client.diagnostics(alice, hasConflict, 5000, 'the conflict in alice’s file');
  });
});
