// Diagnostics as the editor shows them: code, exact range (the key, not the line), severity, message, source and
// the documentation link, for two users' files of the fixture workspace.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, assertDiagnostic, codeOf, openFixture, rangeString } = require('./helpers');

describe('diagnostics', () => {
  it("alice's web.container: unknown key, missing Image=, deprecated key", async () => {
    const { uri } = await openFixture(FIXTURES.aliceWeb);
    const unknown = await assertDiagnostic(uri, { code: 'unknown-key', range: '4:0-4:4', severity: 'error',
      message: /^Unknown key "Imag" in \[Container\]: Podman refuses the whole file\. Did you mean "Image"\?$/ });
    assert.equal(unknown.source, 'quadlet-ls');
    assert.ok(unknown.code && typeof unknown.code === 'object', 'the code carries a documentation link');
    assert.match(String(unknown.code.target), /docs\/rules\.md#unknown-key$/);
    await assertDiagnostic(uri, { code: 'missing-key', range: '3:1-3:10', severity: 'error', message: /needs Image=/ });
    await assertDiagnostic(uri, { code: 'deprecated', range: '6:0-6:10', severity: 'warning', message: /^RemapUsers= is deprecated; use UserNS= instead\.$/ });
  });

  it("bob's cache.container: unknown key in a second user's file, no version problem for Podman 5.8", async () => {
    const { uri } = await openFixture(FIXTURES.bobCache);
    await assertDiagnostic(uri, { code: 'unknown-key', range: '7:0-7:10', severity: 'error', message: /Did you mean "Environment"\?/ });
    // published in the same round as the diagnostic above, so its absence is meaningful
    const version = vscode.languages.getDiagnostics(uri).filter((d) => codeOf(d) === 'version');
    assert.deepEqual(version.map((d) => rangeString(d.range)), [], 'Memory= is fine for Podman 5.8');
  });
});
