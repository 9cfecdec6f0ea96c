// Changing quadletLs.* settings re-validates open files without reopening them.
'use strict';
const { FIXTURES, assertDiagnostic, openFixture, setSetting, waitForDiagnostic, waitForNoDiagnostic } = require('./helpers');

describe('settings re-validate', () => {
  let uri;
  const restore = [];
  before(async () => {
    ({ uri } = await openFixture(FIXTURES.bobCache));
    await waitForDiagnostic(uri, 'unknown-key', '7:0-7:10');
  });
  afterEach(async () => { while (restore.length) await restore.pop()(); });

  it('quadletLs.podmanVersion 5.8 -> 5.4 reports Memory= (new in 5.5) as a version error, and back', async () => {
    restore.push(await setSetting('podmanVersion', '5.4'));
    await assertDiagnostic(uri, { code: 'version', range: '6:0-6:6', severity: 'error',
      message: /^Memory= needs Podman 5\.5 or newer; the target is Podman 5\.4, whose generator refuses it\.$/ });
    await restore.pop()();
    await waitForNoDiagnostic(uri, 'version');
  });

  it('quadletLs.severity {"unknown-key": "off"} removes the diagnostic; "warning" downgrades it', async () => {
    restore.push(await setSetting('severity', { 'unknown-key': 'off' }));
    await waitForNoDiagnostic(uri, 'unknown-key');
    await setSetting('severity', { 'unknown-key': 'warning' });
    await waitForDiagnostic(uri, 'unknown-key', '7:0-7:10', { severity: 'warning' });
    await restore.pop()();
    await assertDiagnostic(uri, { code: 'unknown-key', range: '7:0-7:10', severity: 'error' });
  });
});
