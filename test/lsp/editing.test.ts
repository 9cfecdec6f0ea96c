// The built server over stdio: completion, hover, formatting, symbols, inlay hints, and settings
// changes re-validating both open and indexed (closed) files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, LspDiagnostic } from '../helpers/lsp';

const fileUri = LspClient.uri;

const has = (code: string) => (list: LspDiagnostic[]) => list.some((d) => d.code === code);

describe('language server over stdio: editing features', () => {
  let root: string;
  let dir: string;
  let client: LspClient;
  let settings: Record<string, unknown> = { podmanVersion: '5.8' };
  const web = () => join(dir, 'web.container');
  const idx = () => join(dir, 'idx.container');
  // ReloadSignal= needs Podman 5.5; Bogus= is always flagged (so the indexed file always publishes).
  const webText = '[Container]\nImage=docker.io/library/nginx:1\nReloadSignal=SIGHUP\nNetwork=app.network\nPublishPort = 127.0.0.1:8080:80\n';

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'qls-lsp-'));
    dir = join(root, 'hosts', 'h1', 'home', 'alice', '.config', 'containers', 'systemd');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'app.network'), '[Network]\n');
    writeFileSync(idx(), '[Container]\nImage=docker.io/library/nginx:1\nReloadSignal=SIGHUP\nBogus=1\n');
    client = new LspClient({ configuration: settings, clientName: 'Visual Studio Code' });
    await client.initialize(root, {});
    await client.open(fileUri(web()), webText);
    await client.diagnostics(fileUri(idx()), has('unknown-key'), 10_000, 'the indexed file analysed');
  });

  after(async () => {
    const code = await client.close();
    rmSync(root, { recursive: true, force: true });
    assert.equal(code, 0, `server exit code; stderr: ${client.stderr.join('')}`);
  });

  const changeSettings = (change: Record<string, unknown>) => {
    settings = { ...settings, ...change };
    client.setConfiguration(settings);
    return client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  };

  it('completes values from files indexed on disk, with text edits and snippets', async () => {
    const list = await client.request<{ items: Array<{ label: string; textEdit: { range: unknown; newText: string }; detail?: string; kind: number }> }>('textDocument/completion', { textDocument: { uri: fileUri(web()) }, position: { line: 3, character: 10 } });
    assert.equal(list.items[0].label, 'app.network');
    assert.equal(list.items[0].detail, 'app-network.service · network systemd-app');
    assert.deepEqual(list.items[0].textEdit, { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 19 } }, newText: 'app.network' });
    const keys = await client.request<{ items: Array<{ label: string; command?: { command: string }; insertTextFormat: number; tags?: number[] }> }>('textDocument/completion', { textDocument: { uri: fileUri(web()) }, position: { line: 5, character: 0 } });
    const pull = keys.items.find((i) => i.label === 'Pull')!;
    assert.equal(pull.command?.command, 'editor.action.triggerSuggest', 'VS Code is asked to suggest values after Key=');
    assert.ok(keys.items.find((i) => i.label === 'RemapUsers')!.tags?.includes(1), 'deprecated tag');
  });

  it('answers hover with markdown', async () => {
    const h = await client.request<{ contents: { kind: string; value: string }; range: unknown }>('textDocument/hover', { textDocument: { uri: fileUri(web()) }, position: { line: 2, character: 3 } });
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /\*\*ReloadSignal=\*\*/);
    assert.deepEqual(h.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } });
  });

  it('formats, lists symbols and folds', async () => {
    const edits = await client.request<Array<{ range: unknown; newText: string }>>('textDocument/formatting', { textDocument: { uri: fileUri(web()) }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(edits, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 31 } }, newText: 'PublishPort=127.0.0.1:8080:80' }]);
    const symbols = await client.request<Array<{ name: string; detail?: string; children: unknown[] }>>('textDocument/documentSymbol', { textDocument: { uri: fileUri(web()) } });
    assert.equal(symbols[0].name, '[Container]');
    assert.equal(symbols[0].detail, 'web.service · container systemd-web');
    assert.equal(symbols[0].children.length, 4);
  });

  it('shows inlay hints only once the setting is on, and asks the client to refresh them', async () => {
    const params = { textDocument: { uri: fileUri(web()) }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } };
    assert.deepEqual(await client.request('textDocument/inlayHint', params), []);
    const before = client.serverRequests.filter((m) => m === 'workspace/inlayHint/refresh').length;
    await changeSettings({ inlayHints: true });
    await client.waitFor('an inlay hint refresh', () => client.serverRequests.filter((m) => m === 'workspace/inlayHint/refresh').length > before);
    const hints = await client.request<Array<{ label: string; position: unknown }>>('textDocument/inlayHint', params);
    assert.deepEqual(hints.map((h) => [h.label, h.position]), [['→ systemd-app', { line: 3, character: 19 }]]);
  });

  it('re-validates open and indexed files when the target version changes', async () => {
    assert.ok(!(client.latestDiagnostics(fileUri(web())) ?? []).some((d) => d.code === 'version'));
    await changeSettings({ podmanVersion: '5.4' });
    const open = await client.diagnostics(fileUri(web()), has('version'), 5000, 'a version error for ReloadSignal=');
    assert.deepEqual(open.filter((d) => d.code === 'version').map((d) => d.range), [{ start: { line: 2, character: 0 }, end: { line: 2, character: 12 } }]);
    const closed = await client.diagnostics(fileUri(idx()), has('version'), 5000, 'a version error in the closed file');
    assert.ok(closed.some((d) => d.code === 'unknown-key'));
    // And back: the errors go away again.
    await changeSettings({ podmanVersion: '5.8' });
    await client.diagnostics(fileUri(idx()), (l) => !has('version')(l), 5000, 'no version error after switching back');
    await client.diagnostics(fileUri(web()), (l) => !has('version')(l), 5000, 'no version error after switching back');
  });
});
