// The "Quadlet Ports" view and "Quadlet: Export port registry". The view's tree is read through its data provider,
// which activate() returns (portsTree): the same nodes and TreeItems the view renders. A file that appears on disk
// must reach the view without a manual refresh (server → quadletLs/portsChanged → the view re-asks).
// Runs before 80-activator, whose new sockets add listeners: until then the fixture's five listeners are all there is.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { FIXTURES, extensionApi, fixtureUri, nextEvent, waitFor, waitForDiagnostic, waitForNoDiagnostic } = require('./helpers');

// A second listener on bob's 127.0.0.1:6379, in alice's scope: the cross-user conflict the view exists for.
const CLASH = 'hosts/web1/home/alice/.config/containers/systemd/clash.container';
const CLASH_TEXT = '[Container]\nImage=docker.io/library/redis:7\nPublishPort=127.0.0.1:6379:6379\n';

/** host label → endpoint label → { item, rows: [{ label, description, target }] }, as the view shows them. */
async function readTree(tree) {
  const out = {};
  for (const host of await tree.getChildren()) {
    const hostItem = await tree.getTreeItem(host);
    const endpoints = {};
    for (const ep of await tree.getChildren(host)) {
      const item = await tree.getTreeItem(ep);
      const rows = [];
      for (const row of await tree.getChildren(ep)) {
        const r = await tree.getTreeItem(row);
        rows.push({ label: r.label, description: r.description, target: r.command?.arguments?.[0]?.fsPath });
      }
      endpoints[item.label] = { item, rows };
    }
    out[hostItem.label] = { item: hostItem, endpoints };
  }
  return out;
}

/** Run the export into a new untitled document of that format; returns the document it opened. */
async function exportRegistry(format) {
  const language = format === 'json' ? 'json' : 'markdown';
  const opened = nextEvent(vscode.workspace.onDidOpenTextDocument, { pred: (d) => d.isUntitled && d.languageId === language,
    what: `an untitled ${language} document from the export` });
  await vscode.commands.executeCommand('quadletLs.exportPortRegistry', { format, target: 'untitled' });
  return opened;
}

describe('ports view and registry export', () => {
  let tree;
  before(async () => {
    ({ portsTree: tree } = await extensionApi());
    assert.ok(tree && typeof tree.getChildren === 'function', 'activate() returned no portsTree');
    // run alone (QLS_EXT_TESTS_GREP), this file can start before the server has indexed the workspace
    let t;
    await waitFor(async () => (t = await readTree(tree)).web1?.item.description === '5 listeners',
      { what: 'the view to show the five listeners of the fixture', state: () => JSON.stringify(Object.keys(t ?? {})) });
  });

  it('is contributed to the Explorer and opens', async () => {
    await vscode.commands.executeCommand('quadletLs.ports.focus');      // exists only for a contributed view
  });

  it('lists the listeners of web1 by endpoint, each opening its line', async () => {
    const t = await readTree(tree);
    assert.deepEqual(Object.keys(t), ['web1']);
    assert.equal(t.web1.item.description, '5 listeners');
    assert.deepEqual(Object.keys(t.web1.endpoints), ['127.0.0.1:5432/tcp', '127.0.0.1:5672/tcp', '127.0.0.1:6379/tcp', '127.0.0.1:8080/tcp', '127.0.0.1:9090/tcp']);
    const eps = t.web1.endpoints;
    assert.deepEqual(eps['127.0.0.1:6379/tcp'].rows, [{ label: 'bob · cache.container', description: 'cache.container:6', target: fixtureUri(FIXTURES.bobCache).fsPath }]);
    assert.deepEqual(eps['127.0.0.1:8080/tcp'].rows, [{ label: 'alice · web.container', description: 'web.container:6', target: fixtureUri(FIXTURES.aliceWeb).fsPath }]);
    assert.deepEqual(eps['127.0.0.1:5432/tcp'].rows.map((r) => r.label), ['postgres · db-activator.socket']);
    assert.equal(eps['127.0.0.1:6379/tcp'].item.description, '');
  });

  it("a conflicting file appearing on disk shows up as a conflict without a refresh; removing it clears it", async () => {
    const clash = fixtureUri(CLASH);
    const bob = fixtureUri(FIXTURES.bobCache);
    await vscode.workspace.fs.writeFile(clash, new TextEncoder().encode(CLASH_TEXT));
    let t;
    await waitFor(async () => (t = await readTree(tree)).web1.endpoints['127.0.0.1:6379/tcp'].rows.length === 2,
      { what: 'the view to show the second listener on 127.0.0.1:6379', state: () => JSON.stringify(t?.web1.endpoints['127.0.0.1:6379/tcp'].rows) });
    const ep = t.web1.endpoints['127.0.0.1:6379/tcp'];
    assert.deepEqual(ep.rows.map((r) => r.label).sort(), ['alice · clash.container', 'bob · cache.container']);
    assert.equal(ep.item.description, 'conflict');
    assert.equal(ep.item.iconPath.id, 'error');
    assert.equal(t.web1.item.description, '6 listeners, 2 in conflict');
    await waitForDiagnostic(bob, 'port-conflict', '5:22-5:26', { severity: 'error' });       // and in bob's editor

    await vscode.workspace.fs.delete(clash);
    await waitFor(async () => (t = await readTree(tree)).web1.endpoints['127.0.0.1:6379/tcp'].rows.length === 1,
      { what: 'the view to drop the removed listener', state: () => JSON.stringify(t?.web1.endpoints['127.0.0.1:6379/tcp'].rows) });
    assert.equal(t.web1.endpoints['127.0.0.1:6379/tcp'].item.description, '');
    assert.equal(t.web1.item.description, '5 listeners');
    await waitForNoDiagnostic(bob, 'port-conflict');
  });

  it('the Refresh button (quadletLs.ports.refresh) asks the view to reload', async () => {
    const changed = nextEvent(tree.onDidChangeTreeData, { what: 'onDidChangeTreeData after quadletLs.ports.refresh' });
    await vscode.commands.executeCommand('quadletLs.ports.refresh');
    await changed;
    assert.ok((await readTree(tree)).web1.endpoints['127.0.0.1:8080/tcp']);
  });

  // Through the command's argument, which skips its two quick picks (answering them from here raced under load).
  it('"Export port registry" (Markdown, new document) opens the registry with every listener', async () => {
    const doc = await exportRegistry('markdown');
    const text = doc.getText();
    assert.match(text, /^# Port registry$/m);
    assert.match(text, /^\| web1 \| 6379 \| tcp \| 127\.0\.0\.1 \| bob \| cache\.container \| \S*cache\.container:6 \| +\|$/m);
    assert.match(text, /^\| web1 \| 8080 \| tcp \| 127\.0\.0\.1 \| alice \| web\.container \| \S*web\.container:6 \| +\|$/m);
    assert.match(text, /^\| web1 \| 5432 \| tcp \| 127\.0\.0\.1 \| postgres \| db-activator\.socket \| \S*db-activator\.socket:5 \| +\|$/m);
    assert.match(text, /^\| web1 \| 9090 \| tcp \| 127\.0\.0\.1 \| dave \| api\.container \| \S*api\.container:6 \| +\|$/m);
    assert.match(text, /^\| web1 \| 5672 \| tcp \| 127\.0\.0\.1 \| dave \| queue\.container \| \S*queue\.container:6 \| +\|$/m);
    assert.equal(text.split('\n').filter((l) => l.startsWith('| web1 |')).length, 5, 'one row per listener');
    assert.match(text, /^5 listener\(s\), 0 in conflict\.$/m);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Export port registry" as JSON: one object per listener, with owner, unit and line', async () => {
    const doc = await exportRegistry('json');
    const rows = JSON.parse(doc.getText());
    assert.ok(Array.isArray(rows), `not an array: ${doc.getText().slice(0, 200)}`);
    const bob = rows.filter((r) => r.owner === 'bob');
    assert.deepEqual(bob.map((r) => [r.port, r.address, r.unit, r.line]), [['6379', '127.0.0.1', 'cache.container', 6]]);
    assert.equal(rows.length, 5);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
