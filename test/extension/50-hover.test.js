// Hover on a key shows its description. Gated: "hover" in test/editor-features.json.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, gate, openFixture } = require('./helpers');

function hoverText(hovers) {
  return (hovers || []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('hover', () => {
  gate('hover');

  it('describes Image= in [Container]', async () => {
    const { uri } = await openFixture(FIXTURES.bobCache);
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(4, 2));
    assert.match(hoverText(hovers), /Image to run/);
  });
});
