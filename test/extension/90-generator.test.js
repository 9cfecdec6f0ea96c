// "Quadlet: Validate with Podman" and "Quadlet: Show generated unit" where Podman's generator cannot run: they must
// explain why, never crash. The run's workspace is trusted (the sandbox turns workspace trust off), so the generator
// is made missing on purpose: quadletLs.generatorPath (user settings) names a file that does not exist. A path the
// user chose is used or refused, never replaced by another binary (docs/generator.md), so this holds on machines
// with Podman too. The untrusted refusal is covered by the server's unit tests (the suite cannot revoke trust).
// Validate with Podman returns what it told the user (the command's result), so the message can be checked.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, openFixture, setSetting, waitFor } = require('./helpers');

const MISSING = '/nonexistent/quadlet-ls-editor-test/quadlet';

describe('generator commands without a generator', () => {
  const restore = [];
  after(async () => { while (restore.length) await restore.pop()(); });

  it('Validate with Podman, no Quadlet file active: asks for one', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'not a quadlet\n' });
    await vscode.window.showTextDocument(doc);
    const told = await vscode.commands.executeCommand('quadletLs.validateWithPodman');
    assert.equal(told, 'Quadlet: open a Quadlet file to validate it with Podman.');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Validate with Podman: says that the configured generator is not an executable file', async () => {
    restore.push(await setSetting('generatorPath', MISSING));
    await openFixture(FIXTURES.bobCache);
    // the new path reaches the server by a notification after the settings change: ask until it is in force
    let told;
    await waitFor(async () => (told = await vscode.commands.executeCommand('quadletLs.validateWithPodman')).includes(MISSING),
      { what: 'a refusal naming the configured path', state: () => told });
    assert.equal(told, `Quadlet: quadletLs.generatorPath "${MISSING}" is not an executable file.`);
  });

  it('Show generated unit: opens a read-only preview that explains instead of a unit', async () => {
    const { uri } = await openFixture(FIXTURES.bobCache);
    await vscode.commands.executeCommand('quadletLs.showGeneratedUnit');
    const preview = await waitFor(() => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'quadlet-generated' && d.uri.query === uri.toString()),
      { what: 'the quadlet-generated: preview of cache.container' });
    assert.equal(preview.getText(), `# quadletLs.generatorPath "${MISSING}" is not an executable file.\n`);
  });
});
