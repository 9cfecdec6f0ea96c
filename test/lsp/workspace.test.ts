// The workspace features over the real protocol: definition, references, rename, hover, and
// cross-file diagnostics that follow an edit into a closed file without a rescan.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LspClient, LspDiagnostic } from '../helpers/lsp';
import { fixtureDir } from '../helpers/fixtures';

const fileUri = (path: string) => LspClient.uri(path);
const ROOT = fixtureDir('multi-user');
const ALICE = `${ROOT}/hosts/h1/home/alice/.config/containers/systemd`;
const BOB = `${ROOT}/hosts/h1/home/bob/.config/containers/systemd`;
const API = fileUri(`${ALICE}/api.container`);

type Related = LspDiagnostic & { relatedInformation?: Array<{ location: { uri: string } }> };

interface Stats {
  unitRuns: number;
  documentRuns: number;
  files: number;
}

describe('workspace over LSP', () => {
  const lsp = new LspClient();
  let capabilities: Record<string, unknown>;
  let initial: LspDiagnostic[];

  before(async () => {
    capabilities = (await lsp.initialize(ROOT)).capabilities;
    // The initial scan publishes alice's api.container (closed) with its cross-user findings.
    initial = await lsp.diagnostics(API, (d) => d.some((x) => x.code === 'cross-user-reference'), 10000);
  });
  after(() => lsp.close());

  it('announces the navigation capabilities', () => {
    for (const c of ['definitionProvider', 'referencesProvider', 'renameProvider', 'documentLinkProvider', 'workspaceSymbolProvider', 'hoverProvider']) assert.ok(capabilities[c], c);
  });

  it('publishes cross-file diagnostics with related information for files nobody opened', () => {
    const requires = initial.find((x) => x.code === 'cross-user-reference' && x.range.start.line === 2)! as Related;
    assert.deepEqual(requires.range, { start: { line: 2, character: 9 }, end: { line: 2, character: 19 } });
    assert.equal(requires.severity, 1);
    assert.equal(requires.relatedInformation?.[0].location.uri, fileUri(`${BOB}/db.container`));
  });

  it('goes to the definition and finds references', async () => {
    const defs = await lsp.connection.sendRequest<Array<{ uri: string }>>('textDocument/definition', { textDocument: { uri: API }, position: { line: 7, character: 10 } });
    assert.deepEqual(defs.map((l) => l.uri), [fileUri(`${ALICE}/app.network`)]);
    const refs = await lsp.connection.sendRequest<Array<{ uri: string; range: { start: { line: number } } }>>('textDocument/references', {
      textDocument: { uri: fileUri(`${ALICE}/app.network`) },
      position: { line: 0, character: 2 },
      context: { includeDeclaration: false },
    });
    const names = refs.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line}`).sort();
    // api, gen (systemd-app), web@ and its symlinked instance web@blue, extra (users/1001); not root's proxy.
    assert.deepEqual(names, ['api.container:7', 'extra.container:2', 'gen.container:2', 'web%40.container:2', 'web%40blue.container:2']);
  });

  it('renames a network into one WorkspaceEdit with text edits first, then the file rename', async () => {
    const edit = await lsp.connection.sendRequest<{ documentChanges: Array<{ kind?: string; oldUri?: string; newUri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> }> }>('textDocument/rename', {
      textDocument: { uri: API },
      position: { line: 7, character: 10 },
      newName: 'backend.network',
    });
    const ops = edit.documentChanges.map((c) => (c.kind === 'rename' ? `rename ${c.oldUri!.split('/').pop()} -> ${c.newUri!.split('/').pop()}` : `edit ${c.textDocument!.uri.split('/').pop()} ${c.edits!.map((e) => e.newText).join(',')}`));
    assert.equal(ops[ops.length - 1], 'rename app.network -> backend.network');
    assert.ok(ops.includes('edit api.container backend.network'), ops.join('\n'));
    assert.ok(ops.includes('edit gen.container systemd-backend'));
    await assert.rejects(
      lsp.connection.sendRequest('textDocument/rename', { textDocument: { uri: API }, position: { line: 7, character: 10 }, newName: 'only-alice' }),
      /only-alice\.network already exists/,
    );
    await assert.rejects(
      lsp.connection.sendRequest('textDocument/rename', { textDocument: { uri: API }, position: { line: 6, character: 10 }, newName: 'backend.network' }),
      /would turn a \.container file into a \.network file/,
    );
  });

  it('hovers a reference', async () => {
    const hover = await lsp.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: API }, position: { line: 8, character: 9 } });
    assert.match(hover.contents.value, /Podman volume: `alice-data`/);
    assert.match(hover.contents.value, /Scope: user alice \(rootless\) on host h1/);
  });

  it('updates a closed referrer when another user edits the target, re-running only what the edit touched', async () => {
    const before = await lsp.connection.sendRequest<Stats>('quadletLs/analysisStats', {});
    const dbUri = fileUri(`${BOB}/db.container`);
    const original = readFileSync(`${BOB}/db.container`, 'utf8');
    await lsp.open(dbUri, original);
    // bob renames his service: alice's Requires=db.service now names nothing in the workspace.
    await lsp.change(dbUri, original.replace('[Container]', '[Container]\nServiceName=postgres'), 2);
    const d = await lsp.diagnostics(API, (list) => !list.some((x) => x.code === 'cross-user-reference' && x.range.start.line === 2));
    assert.ok(d.some((x) => x.code === 'cross-user-reference' && x.range.start.line === 3), 'After=cache.service is still reported');
    const afterEdit = await lsp.connection.sendRequest<Stats>('quadletLs/analysisStats', {});
    const reran = afterEdit.unitRuns - before.unitRuns;
    assert.ok(before.unitRuns >= 20, `the initial scan analysed ${before.unitRuns} units`);
    // db.container (open, then edited) and alice's api.container (twice at most); nothing else.
    assert.ok(reran >= 2 && reran <= 4, `re-ran ${reran} of ${afterEdit.files} files' units`);
    // Undo: the finding comes back.
    await lsp.change(dbUri, original, 3);
    await lsp.diagnostics(API, (list) => list.some((x) => x.code === 'cross-user-reference' && x.range.start.line === 2));
  });
});

describe('file watching over LSP', () => {
  const lsp = new LspClient();
  const dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-watch-')).replace(/\\/g, '/');
  const alice = `${dir}/hosts/h/home/alice/.config/containers/systemd`;
  const bob = `${dir}/hosts/h/home/bob/.config/containers/systemd`;
  const worker = fileUri(`${alice}/worker.container`);
  const crossUser = (d: LspDiagnostic[]) => d.some((x) => x.code === 'cross-user-reference');

  before(async () => {
    mkdirSync(alice, { recursive: true });
    mkdirSync(bob, { recursive: true });
    writeFileSync(`${bob}/db.network`, '[Network]\n');
    writeFileSync(`${alice}/worker.container`, '[Container]\nImage=docker.io/library/alpine:3\nNetwork=db.network\n');
    await lsp.initialize(dir);
    await lsp.diagnostics(worker, crossUser, 10000);
  });
  after(async () => {
    await lsp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows files and directories created and deleted on disk', async () => {
    writeFileSync(`${alice}/db.network`, '[Network]\n');
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(`${alice}/db.network`), type: 1 }] });
    await lsp.diagnostics(worker, (d) => !crossUser(d));
    rmSync(`${alice}/db.network`);
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(`${alice}/db.network`), type: 3 }] });
    await lsp.diagnostics(worker, crossUser);
    // bob's whole directory goes away: the network no longer exists anywhere.
    rmSync(`${dir}/hosts/h/home/bob`, { recursive: true });
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(`${dir}/hosts/h/home/bob`), type: 3 }] });
    const d = await lsp.diagnostics(worker, (list) => list.some((x) => x.code === 'unresolved-reference'));
    assert.ok(!crossUser(d));
  });
});
