// Language ids and activation: the file kinds the extension claims open with its languages and start it.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { EXTENSION_ID, FIXTURES, openFixture, waitFor } = require('./helpers');

describe('language ids and activation', () => {
  it('is installed as the extension under development', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not loaded`);
  });

  it('opens a .container file as quadlet and activates', async () => {
    const { doc } = await openFixture(FIXTURES.aliceWeb);
    assert.equal(doc.languageId, 'quadlet');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    await waitFor(() => ext.isActive, { what: `${EXTENSION_ID} to be active` });
    await ext.activate();            // rejects when activate() failed (isActive is true even then)
  });

  it('opens a drop-in (<unit>.container.d/*.conf) as quadlet', async () => {
    const { doc } = await openFixture(FIXTURES.bobCacheDropIn);
    assert.equal(doc.languageId, 'quadlet');
  });

  it('opens a .socket file as systemd-unit', async () => {
    const { doc } = await openFixture(FIXTURES.postgresSocket);
    assert.equal(doc.languageId, 'systemd-unit');
  });

  it('contributes the quadletLs settings', () => {
    const config = vscode.workspace.getConfiguration('quadletLs');
    // from the run's user settings (test/extension/settings.json), so the suite does not depend on `auto`
    assert.equal(config.get('podmanVersion'), '5.8');
    assert.deepEqual(config.get('severity'), {});
  });
});
