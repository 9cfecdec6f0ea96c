import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { activatorCodeActions } from '../../server/src/features/activator/actions';
import { quickFixes } from '../../server/src/features/quick-fixes';
import { QuadletService } from '../../server/src/features/service';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { Range } from '../../server/src/syntax/model';
import { fromLspDiagnostic, toLspCodeAction } from '../../server/src/lsp/convert';
import { applyChange, envOf, workspace } from '../helpers/activator';
import { lines } from '../helpers/text';

const Q = '/ws/home/postgres/.config/containers/systemd';
const U = '/ws/home/postgres/.config/systemd/user';
const DB = `${Q}/db.container`;
const ALICE = '/ws/home/alice/.config/containers/systemd/webapp.container';
const db = (...extra: string[]) => lines('[Container]', 'Image=docker.io/library/postgres:16', ...extra);
const at = (line: number, character = 3): Range => ({ start: { line, character }, end: { line, character } });

function actions(files: Record<string, string>, file: string, range: Range) {
  const analysis = workspace(files);
  const env = envOf(analysis);
  return { list: activatorCodeActions(analysis.index.getFile(file)!, range, env), analysis };
}

describe('activator code actions', () => {
  it('offers both strategies on a PublishPort= line of a container', () => {
    const { list } = actions({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, at(2, 20));
    assert.deepEqual(list.map((a) => [a.title, a.kind]), [
      ['Generate socket activator for 127.0.0.1:5432…', 'refactor'],
      ['Socket-activate db.service natively on 127.0.0.1:5432 (the image must accept systemd sockets)…', 'refactor'],
    ]);
  });

  it('offers one action per usable PublishPort= on the section header, none elsewhere', () => {
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432', 'PublishPort=127.0.0.1:5353:53/udp', 'PublishPort=127.0.0.1:9187:9187') };
    assert.deepEqual(actions(files, DB, at(0, 1)).list.map((a) => a.title), [
      'Generate socket activator for 127.0.0.1:5432…',
      'Socket-activate db.service natively on 127.0.0.1:5432 (the image must accept systemd sockets)…',
      'Generate socket activator for 127.0.0.1:9187…',
      'Socket-activate db.service natively on 127.0.0.1:9187 (the image must accept systemd sockets)…',
    ]);
    assert.deepEqual(actions(files, DB, at(1)).list, []);
    // The UDP line: systemd-socket-proxyd cannot forward it, native activation can.
    assert.deepEqual(actions(files, DB, at(3)).list.map((a) => a.title), ['Socket-activate db.service natively on 127.0.0.1:5353 (the image must accept systemd sockets)…']);
  });

  it('offers the proxy on a pod, nothing on a container that joins a pod', () => {
    const pod = `${Q}/web.pod`;
    const app = `${Q}/app.container`;
    const files = { [pod]: lines('[Pod]', 'PublishPort=127.0.0.1:8080:80'), [app]: db('Pod=web.pod', 'PublishPort=127.0.0.1:9000:9000') };
    assert.deepEqual(actions(files, pod, at(1)).list.map((a) => a.title), ['Generate socket activator for 127.0.0.1:8080…']);
    assert.deepEqual(actions(files, app, at(3)).list, []);
    assert.deepEqual(actions(files, app, at(0, 1)).list, []);
  });

  it('offers another name when db-activator.* exists, and never creates an existing file', () => {
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432'), [`${U}/db-activator.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:7777', '[Install]', 'WantedBy=sockets.target') };
    const { list, analysis } = actions(files, DB, at(2));
    assert.equal(list[0].title, 'Generate socket activator for 127.0.0.1:5432… (as db-5432-activator, the usual name is taken)');
    for (const a of list) {
      for (const c of a.change!.changes) if (c.kind === 'create') assert.equal(analysis.index.getFile(c.path), undefined, `${c.path} exists`);
    }
    const after = applyChange(files, list[0].change!);
    assert.equal(after[`${U}/db-activator.socket`], files[`${U}/db-activator.socket`], 'the existing socket is untouched');
    assert.ok(`${U}/db-5432-activator.socket` in after);
  });

  it('becomes one undoable LSP WorkspaceEdit that creates files with overwrite:false', () => {
    const { list } = actions({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, at(2));
    const lsp = toLspCodeAction(list[0], []);
    const changes = lsp.edit!.documentChanges!;
    const creates = changes.filter((c) => 'kind' in c && c.kind === 'create');
    assert.equal(creates.length, 2);
    for (const c of creates) assert.deepEqual((c as { options?: unknown }).options, { overwrite: false, ignoreIfExists: false });
    assert.equal(lsp.edit!.changes, undefined);
    // Each created file is filled by one edit right after its creation; the quadlet edit comes last.
    assert.equal(changes.length, 5);
  });
});

describe('cross-user-reference: reach the container through an activator', () => {
  const files = {
    [DB]: db('PublishPort=127.0.0.1:5432:5432'),
    [ALICE]: lines('[Unit]', 'Requires=db.service', 'After=network-online.target db.service', '', '[Container]', 'Image=ghcr.io/example/webapp:2'),
  };
  // A diagnostic as the workspace rules write it: on the reference, related to the target's file.
  const diagnostic = (range: string): Diagnostic => {
    const [l, s, e] = range.split(/[:-]/).map(Number);
    return {
      file: ALICE, code: 'cross-user-reference', severity: 'error', message: 'db.service exists only in postgres\'s scope',
      range: { start: { line: l, character: s }, end: { line: l, character: e } },
      related: [{ file: DB, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 10 } }, message: 'defined here' }],
    };
  };

  it("generates the activator in postgres's scope and drops the dependency alice's systemd cannot resolve", () => {
    const analysis = workspace(files);
    const fixes = quickFixes(analysis.index.getFile(ALICE)!, [diagnostic('1:9-1:19')], analysis.index, analysis.settings);
    assert.deepEqual(fixes.map((f) => [f.title, f.kind, f.fixes]), [["Reach db through a socket activator in postgres's scope", 'quickfix', ['cross-user-reference']]]);
    const after = applyChange(files, fixes[0].change!);
    assert.equal(after[ALICE], lines('[Unit]', 'After=network-online.target db.service', '', '[Container]', 'Image=ghcr.io/example/webapp:2'));
    assert.equal(after[DB], lines('[Unit]', 'StopWhenUnneeded=yes', '', '[Container]', 'Image=docker.io/library/postgres:16', 'PublishPort=127.0.0.1:15432:5432'));
    assert.match(after[`${U}/db-activator.socket`], /^ListenStream=127\.0\.0\.1:5432$/m);

    // Once the activator exists, the other reference gets a removal-only fix.
    const next = workspace(after);
    const dropAfter = quickFixes(next.index.getFile(ALICE)!, [diagnostic('1:28-1:38')], next.index, next.settings);
    assert.deepEqual(dropAfter.map((f) => f.title), ['Drop the dependency on db.service: db is reached through its socket activator']);
    assert.equal(applyChange(after, dropAfter[0].change!)[ALICE], lines('[Unit]', 'After=network-online.target', '', '[Container]', 'Image=ghcr.io/example/webapp:2'));
  });

  it("works on the cross-user-reference rule's own diagnostic", () => {
    const analysis = workspace(files);
    const own = analysis.diagnostics(ALICE).filter((d) => d.code === 'cross-user-reference');
    assert.deepEqual(own.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`), ['1:9-1:19', '2:28-2:38']);
    const fixes = quickFixes(analysis.index.getFile(ALICE)!, own, analysis.index, analysis.settings);
    assert.deepEqual(fixes.map((f) => f.title), ["Reach db through a socket activator in postgres's scope", "Reach db through a socket activator in postgres's scope"]);
    // Applying the first leaves the After= reference, whose own fix then only drops it.
    const after = applyChange(files, fixes[0].change!);
    const next = workspace(after);
    const left = next.diagnostics(ALICE).filter((d) => d.code === 'cross-user-reference');
    assert.equal(left.length, 1);
    const drop = quickFixes(next.index.getFile(ALICE)!, left, next.index, next.settings);
    assert.deepEqual(drop.map((f) => f.title), ['Drop the dependency on db.service: db is reached through its socket activator']);
    const done = workspace(applyChange(after, drop[0].change!));
    assert.deepEqual(done.diagnostics(ALICE).filter((d) => d.code === 'cross-user-reference'), []);
  });

  it("also finds the target through the rule's data when the client drops related information", () => {
    const analysis = workspace(files);
    const d = { ...diagnostic('1:9-1:19'), related: undefined, data: { target: DB } };
    assert.deepEqual(quickFixes(analysis.index.getFile(ALICE)!, [d], analysis.index, analysis.settings).map((f) => f.title), ["Reach db through a socket activator in postgres's scope"]);
  });

  it('offers nothing when the target is not a container or pod, or without the workspace', () => {
    const analysis = workspace({ ...files, [`${Q}/db.network`]: '[Network]\n' });
    const d = { ...diagnostic('1:9-1:19'), related: [{ file: `${Q}/db.network`, range: at(0), message: 'x' }] };
    assert.deepEqual(quickFixes(analysis.index.getFile(ALICE)!, [d], analysis.index, analysis.settings), []);
    assert.deepEqual(quickFixes(analysis.index.getFile(ALICE)!, [diagnostic('1:9-1:19')]), []);
  });

  it('is wired through the language service and the LSP conversion of related information', () => {
    const service = new QuadletService({ scope: { roots: ['/ws'], config: {} } });
    for (const [p, t] of Object.entries(files)) service.openDocument(p, t, 1);
    const lspDiagnostic = {
      range: diagnostic('1:9-1:19').range, code: 'cross-user-reference', message: 'x', severity: 1 as const,
      relatedInformation: [{ location: { uri: `file://${DB}`, range: at(0) }, message: 'defined here' }],
    };
    const d = fromLspDiagnostic(ALICE, lspDiagnostic);
    assert.equal(d.related?.[0].file, DB);
    const list = service.codeActions(ALICE, d.range, [d]);
    assert.ok(list.some((a) => a.title === "Reach db through a socket activator in postgres's scope"));
    assert.ok(service.codeActions(DB, at(2), []).some((a) => a.title === 'Generate socket activator for 127.0.0.1:5432…'));
  });
});
