// Rename through the editor's provider chain, applied with workspace.applyEdit: the quadlet file moves on disk and
// every reference in its scope follows, in one edit. A name that is taken is refused and nothing changes.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, definitionsAt, exists, fixtureUri, openFixture, readDisk, waitFor } = require('./helpers');

const NEW_NETWORK = FIXTURES.carolNetwork.replace(/app\.network$/, 'shared.network');

function renameAt(uri, line, character, newName) {
  return vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uri, new vscode.Position(line, character), newName);
}

describe('rename', () => {
  let frontend;
  before(async () => { frontend = await openFixture(FIXTURES.carolFrontend); });

  it('refuses a name that is taken (backend.service -> frontend) and changes nothing', async () => {
    const { uri, doc } = frontend;
    assert.equal(doc.lineAt(2).text, 'Requires=backend.service');
    await assert.rejects(renameAt(uri, 2, 12, 'frontend'), /frontend\.container/);
    assert.equal(doc.isDirty, false);
    assert.ok(await exists(fixtureUri(FIXTURES.carolBackend)));
  });

  it('app.network -> shared.network moves the file and rewrites Network= in both containers', async () => {
    const { uri, doc } = frontend;
    const oldUri = fixtureUri(FIXTURES.carolNetwork);
    const newUri = fixtureUri(NEW_NETWORK);
    const original = await readDisk(oldUri);
    assert.equal(await exists(newUri), false);

    const edit = await renameAt(uri, 7, 12, 'shared');
    assert.ok(edit instanceof vscode.WorkspaceEdit, 'no WorkspaceEdit from the rename provider');
    assert.ok(await vscode.workspace.applyEdit(edit), 'applyEdit refused the rename');

    assert.equal(await exists(oldUri), false, 'app.network is still on disk');
    assert.equal(await readDisk(newUri), original, 'shared.network must hold the old file unchanged');
    assert.equal(doc.lineAt(7).text, 'Network=shared.network');
    const backend = await vscode.workspace.openTextDocument(fixtureUri(FIXTURES.carolBackend));
    assert.equal(backend.lineAt(5).text, 'Network=shared.network');
    assert.ok(!doc.getText().includes('app.network') && !backend.getText().includes('app.network'));
    // the server follows: the rewritten reference resolves to the moved file
    const want = `${NEW_NETWORK}@3:1`;
    let got;
    await waitFor(async () => (got = await definitionsAt(uri, 7, 12)).join() === want, { what: `definition ${want}`, state: () => got.join() });
  });
});
