// The socket-activator refactoring on a PublishPort= line, through the editor's provider chain and
// workspace.applyEdit: it creates the .socket and .service in the owner's systemd user directory and edits the
// quadlet, in one edit. It never overwrites (docs/socket-activation.md, "Never overwrite, never twice"): when a
// target file appears after the action was computed, the editor refuses the whole edit; asked again, the action
// picks another name and leaves the existing file alone.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, codeActionsAt, exists, fixtureUri, openFixture, readDisk, titles } = require('./helpers');

/** A created file: it exists on disk (empty: the edit creates it, then fills it in an unsaved editor buffer). */
async function created(uri) {
  assert.ok(await exists(uri), `${uri.path} was not created`);
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

/** An existing file kept its bytes on disk and got no edit in an editor buffer either. */
async function assertUntouched(uri, content) {
  assert.equal(await readDisk(uri), content, `${uri.path} was changed on disk`);
  const buffer = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  assert.ok(!buffer || (!buffer.isDirty && buffer.getText() === content), `${uri.path} was edited in an editor buffer`);
}

const unitUri = (name) => fixtureUri(`${FIXTURES.daveUnits}/${name}`);

/** The proxy activator action offered on the PublishPort= line (line 5 in both of dave's containers). */
async function activatorAction(uri, doc, listen) {
  assert.match(doc.lineAt(5).text, /^PublishPort=/);
  const actions = await codeActionsAt(uri, new vscode.Range(5, 0, 5, 0), vscode.CodeActionKind.Refactor.value);
  const action = actions.find((a) => a.title.startsWith(`Generate socket activator for ${listen}…`));
  assert.ok(action, `offered: ${titles(actions)}`);
  assert.ok(action.edit, 'the action carries its edit');
  return action;
}

describe('socket activator action', () => {
  const reverts = [];
  after(async () => {
    for (const doc of reverts) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it("api.container: creates api-activator.socket/.service in dave's unit directory and moves the port", async () => {
    const { uri, doc } = await openFixture(FIXTURES.daveApi);
    reverts.push(doc);
    const socket = unitUri('api-activator.socket');
    const service = unitUri('api-activator.service');
    assert.equal(await exists(socket), false);
    const action = await activatorAction(uri, doc, '127.0.0.1:9090');
    assert.equal(action.title, 'Generate socket activator for 127.0.0.1:9090…');

    assert.ok(await vscode.workspace.applyEdit(action.edit), 'applyEdit refused the activator');
    assert.match(await created(socket), /^ListenStream=127\.0\.0\.1:9090$/m);
    assert.match(await created(service), /^ExecStart=\S*systemd-socket-proxyd --exit-idle-time=5min 127\.0\.0\.1:19090$/m);
    assert.deepEqual(doc.getText().match(/^PublishPort=.*$/gm), ['PublishPort=127.0.0.1:19090:80']);
    assert.match(doc.getText(), /^StopWhenUnneeded=yes$/m);
    assert.match(doc.getText(), /^# WantedBy=default\.target$/m);
  });

  it('queue.container: a target that appeared meanwhile makes the editor refuse the whole edit; it stays untouched', async () => {
    const { uri, doc } = await openFixture(FIXTURES.daveQueue);
    reverts.push(doc);
    const socket = unitUri('queue-activator.socket');
    const action = await activatorAction(uri, doc, '127.0.0.1:5672');
    const before = doc.getText();
    const mine = '# hand-written by dave: must survive\n[Socket]\nListenStream=127.0.0.1:5999\n';
    await vscode.workspace.fs.writeFile(socket, new TextEncoder().encode(mine));

    assert.equal(await vscode.workspace.applyEdit(action.edit), false, 'applyEdit must fail when a file to create exists');
    await assertUntouched(socket, mine);
    assert.equal(await exists(unitUri('queue-activator.service')), false, 'half of the activator was created');
    assert.equal(doc.getText(), before, 'the quadlet was edited although the edit failed');
  });

  it('queue.container: asked again, the action picks another name and still leaves the existing file alone', async () => {
    const { uri, doc } = await openFixture(FIXTURES.daveQueue);
    const socket = unitUri('queue-activator.socket');
    const mine = await readDisk(socket);
    const action = await activatorAction(uri, doc, '127.0.0.1:5672');
    const renamed = /\(as ([\w.-]+), the usual name is taken\)$/.exec(action.title);
    assert.ok(renamed, `the title does not say which name it took: ${action.title}`);
    assert.equal(renamed[1], 'queue-5672-activator', 'the first other name docs/socket-activation.md documents');

    assert.ok(await vscode.workspace.applyEdit(action.edit), 'applyEdit refused the renamed activator');
    assert.match(await created(unitUri(`${renamed[1]}.socket`)), /^ListenStream=127\.0\.0\.1:5672$/m);
    assert.match(await created(unitUri(`${renamed[1]}.service`)), /^Requires=.*\.socket$/m);
    await assertUntouched(socket, mine);
    assert.deepEqual(doc.getText().match(/^PublishPort=.*$/gm), ['PublishPort=127.0.0.1:15672:5672']);
  });
});
