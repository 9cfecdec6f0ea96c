// Quick fixes through the editor's own code-action chain, applied with workspace.applyEdit: the text changes, the
// diagnostic goes away, and one undo restores the line (each fix is a single undoable edit).
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, openFixture, quickFixesAt, revertActive, waitFor, waitForDiagnostic, waitForNoDiagnostic } = require('./helpers');

describe('quick fixes', () => {
  let uri, doc;
  before(async () => { ({ uri, doc } = await openFixture(FIXTURES.aliceWeb)); });
  after(async () => {
    await vscode.window.showTextDocument(doc);
    await revertActive();
  });

  it('"Change to \'Image\'" fixes the unknown key (and with it the missing Image=)', async () => {
    const diag = await waitForDiagnostic(uri, 'unknown-key', '4:0-4:4');
    await waitForDiagnostic(uri, 'missing-key', '3:1-3:10');
    const actions = await quickFixesAt(uri, diag.range);
    const fix = actions.find((a) => a.title === "Change to 'Image'");
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ') || '(nothing)'}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the fix');
    assert.equal(doc.lineAt(4).text, 'Image=docker.io/library/nginx:1.27');
    await waitForNoDiagnostic(uri, 'unknown-key');
    await waitForNoDiagnostic(uri, 'missing-key');
  });

  it('"Replace RemapUsers= with UserNS=" fixes the deprecated key; one undo brings it back', async () => {
    const diag = await waitForDiagnostic(uri, 'deprecated', '6:0-6:10');
    const actions = await quickFixesAt(uri, diag.range);
    const fix = actions.find((a) => a.title === 'Replace RemapUsers= with UserNS=');
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ') || '(nothing)'}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the fix');
    assert.equal(doc.lineAt(6).text, 'UserNS=keep-id');
    await waitForNoDiagnostic(uri, 'deprecated');

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.lineAt(6).text === 'RemapUsers=keep-id', { what: 'undo to restore RemapUsers=', state: () => doc.lineAt(6).text });
    assert.equal(doc.lineAt(4).text, 'Image=docker.io/library/nginx:1.27', 'undo must only revert the last fix');
    await waitForDiagnostic(uri, 'deprecated', '6:0-6:10');
  });
});
