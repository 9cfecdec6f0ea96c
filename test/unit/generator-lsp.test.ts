// The language server and Podman's generator: nothing runs in an untrusted workspace, the binary
// path never comes from workspace settings, and with the real generator the findings arrive as
// `podman` diagnostics and the preview as text. Fake programs prove what ran by leaving markers.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, fileUri, TestServer } from '../helpers/lsp';
import { requireOracles, tempDir, writeScript } from '../helpers/oracle';

interface Setup {
  root: string;
  bin: string;
  /** A fake `quadlet` next to a fake `podman` on PATH; both leave markers when run. */
  fakeQuadlet: string;
  markers: { quadlet: string; podman: string; other: string };
  file: string;
  remove(): void;
}

function setup(): Setup {
  const t = tempDir('quadlet-ls-lsp-');
  const root = join(t.dir, 'ws');
  const bin = join(t.dir, 'bin');
  mkdirSync(root);
  mkdirSync(bin);
  const markers = { quadlet: join(t.dir, 'ran-quadlet'), podman: join(t.dir, 'ran-podman'), other: join(t.dir, 'ran-other') };
  const fakeQuadlet = writeScript(join(bin, 'quadlet'), `touch '${markers.quadlet}'\n[ "$1" = -version ] && echo 5.4.2\nexit 0`);
  writeScript(join(bin, 'podman'), `touch '${markers.podman}'\necho 'podman version 5.4.2'`);
  writeScript(join(t.dir, 'workspace-quadlet'), `touch '${markers.other}'\necho 5.4.2`);
  const file = join(root, 'web.container');
  writeFileSync(file, '[Container]\nImage=quay.io/x/web:1\n');
  return { root, bin, fakeQuadlet, markers, file, remove: t.remove };
}

async function openAndSettle(server: TestServer, path: string, text: string): Promise<void> {
  await server.notify('textDocument/didOpen', { textDocument: { uri: fileUri(path), languageId: 'quadlet', version: 1, text } });
  // Any answer to a request after didOpen means the open (and initialisation) was handled.
  await server.request('quadletLs/generatorStatus');
}

const ran = (s: Setup) => Object.entries(s.markers).filter(([, p]) => existsSync(p)).map(([k]) => k);

describe('generator over LSP: workspace trust', () => {
  it('an untrusted workspace executes nothing: no generator, no podman --version, even on save', async () => {
    const s = setup();
    const server = await startServer({ rootPath: s.root, initializationOptions: { trusted: false, generatorPath: s.fakeQuadlet }, env: { ...process.env, PATH: `${s.bin}:${process.env.PATH}` } });
    try {
      await openAndSettle(server, s.file, '[Container]\nImage=quay.io/x/web:1\nFoo=1\n');
      const status = await server.request<{ trusted: boolean; problem?: string; version?: string }>('quadletLs/generatorStatus');
      assert.equal(status.trusted, false);
      assert.equal(status.version, undefined);
      assert.match(status.problem!, /not trusted/);
      const v = await server.request<{ refused?: string }>('quadletLs/validateWithPodman', { uri: fileUri(s.file) });
      assert.match(v.refused!, /not trusted/);
      const g = await server.request<{ refused?: string; text?: string }>('quadletLs/generatedUnit', { uri: fileUri(s.file) });
      assert.match(g.refused!, /not trusted/);
      assert.equal(g.text, undefined);
      await server.notify('textDocument/didSave', { textDocument: { uri: fileUri(s.file) } });
      await server.notify('workspace/didChangeConfiguration', { settings: {} });
      await server.request('quadletLs/generatorStatus');
    } finally {
      await server.stop();
    }
    assert.deepEqual(ran(s), []);
    s.remove();
  });

  it('control: the same setup, trusted, does run the generator (so the markers work)', async () => {
    const s = setup();
    const server = await startServer({ rootPath: s.root, initializationOptions: { trusted: true, generatorPath: s.fakeQuadlet }, env: { ...process.env, PATH: `${s.bin}:${process.env.PATH}` } });
    try {
      await openAndSettle(server, s.file, '[Container]\nImage=quay.io/x/web:1\n');
      const status = await server.request<{ trusted: boolean; version?: string; path?: string; source?: string }>('quadletLs/generatorStatus');
      assert.deepEqual([status.trusted, status.version, status.path, status.source], [true, '5.4.2', s.fakeQuadlet, 'setting']);
      const v = await server.request<{ refused?: string; files?: number }>('quadletLs/validateWithPodman', { uri: fileUri(s.file) });
      assert.equal(v.refused, undefined);
      assert.equal(v.files, 1);
    } finally {
      await server.stop();
    }
    assert.deepEqual(ran(s), ['quadlet']);
    s.remove();
  });

  it('trust granted later enables the generator', async () => {
    const s = setup();
    const server = await startServer({ rootPath: s.root, initializationOptions: { trusted: false, generatorPath: s.fakeQuadlet }, env: { ...process.env, PATH: `${s.bin}:${process.env.PATH}` } });
    try {
      await openAndSettle(server, s.file, '[Container]\nImage=quay.io/x/web:1\n');
      assert.match((await server.request<{ refused?: string }>('quadletLs/validateWithPodman', { uri: fileUri(s.file) })).refused!, /not trusted/);
      assert.deepEqual(ran(s), []);
      await server.notify('quadletLs/trustGranted');
      const v = await server.request<{ refused?: string }>('quadletLs/validateWithPodman', { uri: fileUri(s.file) });
      assert.equal(v.refused, undefined);
    } finally {
      await server.stop();
    }
    assert.deepEqual(ran(s), ['quadlet']);
    s.remove();
  });

  it('a generatorPath in workspace settings is never executed', async () => {
    const s = setup();
    const workspaceValue = join(s.bin, '..', 'workspace-quadlet');
    // PATH without the fake podman: nothing to find next to it either.
    const server = await startServer({ rootPath: s.root, initializationOptions: { trusted: true }, configuration: { generatorPath: workspaceValue }, env: { ...process.env, PATH: '/nonexistent' } });
    try {
      await openAndSettle(server, s.file, '[Container]\nImage=quay.io/x/web:1\n');
      await server.notify('workspace/didChangeConfiguration', { settings: { quadletLs: { generatorPath: workspaceValue } } });
      const status = await server.request<{ path?: string }>('quadletLs/generatorStatus');
      assert.notEqual(status.path, workspaceValue);
      await server.request('quadletLs/validateWithPodman', { uri: fileUri(s.file) });
    } finally {
      await server.stop();
    }
    assert.equal(existsSync(s.markers.other), false);
    s.remove();
  });
});

describe('generator over LSP: real generator', () => {
  for (const oracle of requireOracles()) {
    it(`${oracle.version}: validate publishes podman diagnostics, preview returns the unit, an edit hides stale findings, the version becomes the target`, async () => {
      const s = setup();
      const server = await startServer({ rootPath: s.root, initializationOptions: { trusted: true, generatorPath: oracle.path }, env: { ...process.env, PATH: '/nonexistent' } });
      try {
        const uri = fileUri(s.file);
        // HttpProxy= needs Podman 5.5: the version rule fires only when the target is 5.4.
        const text = '[Container]\nImage=quay.io/x/web:1\nHttpProxy=false\nFoo=1\n';
        await openAndSettle(server, s.file, text);
        const v = await server.request<{ errors?: number; version?: string }>('quadletLs/validateWithPodman', { uri });
        assert.equal(v.version!.slice(0, 3), oracle.version);
        const is54 = oracle.version === '5.4';
        // Published after the validation, so after the settings with the detected version applied.
        const withPodman = await server.diagnostics(uri, (l) => l.some((d) => d.source === 'podman') && (!is54 || l.some((d) => d.code === 'version')));
        assert.equal(withPodman.some((d) => d.code === 'version'), is54, JSON.stringify(withPodman));
        const podman = withPodman.filter((d) => d.source === 'podman');
        // 5.4 stops at the first unknown key (HttpProxy), 5.8 knows HttpProxy and stops at Foo.
        const [line, key] = is54 ? [2, 'HttpProxy'] : [3, 'Foo'];
        assert.equal(podman.length, 1, JSON.stringify(podman));
        assert.deepEqual([podman[0].code, podman[0].severity, podman[0].range.start.line, podman[0].message], ['podman', 1, line, `unsupported key '${key}' in group 'Container' in ${s.file}`]);

        await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '[Container]\nImage=quay.io/x/web:1\n' }] });
        await server.diagnostics(uri, (l) => !l.some((d) => d.source === 'podman'));

        writeFileSync(s.file, '[Container]\nImage=quay.io/x/web:1\n');
        const g = await server.request<{ text?: string; units?: { name: string }[] }>('quadletLs/generatedUnit', { uri });
        assert.deepEqual(g.units!.map((u) => u.name), ['web.service']);
        assert.match(g.text!, /^# Generated by Podman's Quadlet generator/);
        assert.match(g.text!, new RegExp(`---web\\.service---\\n[^]*SourcePath=${s.file}\\n[^]*ExecStart=/usr/bin/podman run [^\\n]*quay\\.io/x/web:1`));
      } finally {
        await server.stop();
        s.remove();
      }
    });
  }
});
