// Go to definition through the editor's provider chain: a reference to a quadlet (Network=app.network) and one by
// the generated service name (Requires=backend.service) land on the main section of the file that defines the unit.
'use strict';
const assert = require('node:assert/strict');
const { FIXTURES, definitionsAt, openFixture, waitFor } = require('./helpers');

describe('definition', () => {
  let uri, doc;
  before(async () => { ({ uri, doc } = await openFixture(FIXTURES.carolFrontend)); });

  it('Network=app.network goes to [Network] in app.network', async () => {
    assert.equal(doc.lineAt(7).text, 'Network=app.network');
    // the first request may come before the server has indexed the workspace: ask until it answers
    const want = `${FIXTURES.carolNetwork}@3:1`;
    let got;
    await waitFor(async () => (got = await definitionsAt(uri, 7, 12)).join() === want, { what: `definition ${want}`, state: () => got.join() });
  });

  it('Requires=backend.service goes to [Container] in backend.container (the quadlet that generates it)', async () => {
    assert.equal(doc.lineAt(2).text, 'Requires=backend.service');
    assert.deepEqual(await definitionsAt(uri, 2, 12), [`${FIXTURES.carolBackend}@3:1`]);
  });
});
