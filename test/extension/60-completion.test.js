// Completion of key names in a section. Gated: "completion" in test/editor-features.json.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, gate, openFixture } = require('./helpers');

describe('completion', () => {
  gate('completion');

  it('offers [Container] keys on an empty line of that section', async () => {
    const { uri, doc } = await openFixture(FIXTURES.bobCache);
    const line = doc.lineCount - 1;                   // the empty last line, still inside [Container]
    assert.equal(doc.lineAt(line).text, '');
    // a key that is not in the file, so VS Code's word-based suggestions (also off in settings.json) cannot fake it
    assert.ok(!doc.getText().includes('Volume'));
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, new vscode.Position(line, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => /^Volume=?$/.test(l)), `labels: ${labels.slice(0, 40).join(', ')}`);
  });
});
