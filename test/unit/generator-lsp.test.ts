// The language server and Podman's generator: nothing runs in an untrusted workspace, the binary
// path never comes from workspace settings, and with the real generator the findings arrive as
// `podman` diagnostics and the preview as text. Fake programs prove what ran by leaving markers.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../helpers/lsp';
import { tempTree } from '../helpers/cli';
import { requireOracles, writeScript } from '../helpers/oracle';

interface Setup {
  root: string;
  bin: string;
  /** A fake `quadlet` next to a fake `podman` on PATH; both leave markers when run. */
  fakeQuadlet: string;
  /** A generator path only a workspace setting names. */
  workspaceQuadlet: string;
  markers: { quadlet: string; podman: string; workspace: string };
  file: string;
  uri: string;
  cleanup(): void;
}

function setup(): Setup {
  const t = tempTree({ 'ws/web.container': '[Container]\nImage=quay.io/x/web:1\n' });
  const bin = t.path('bin');
  mkdirSync(bin);
  const markers = { quadlet: t.path('ran-quadlet'), podman: t.path('ran-podman'), workspace: t.path('ran-workspace-quadlet') };
  const fakeQuadlet = writeScript(join(bin, 'quadlet'), `touch '${markers.quadlet}'\n[ "$1" = -version ] && echo 5.4.2\nexit 0`);
  writeScript(join(bin, 'podman'), `touch '${markers.podman}'\necho 'podman version 5.4.2'`);
  const workspaceQuadlet = writeScript(t.path('workspace-quadlet'), `touch '${markers.workspace}'\necho 5.4.2`);
  const file = t.path('ws/web.container');
  return { root: t.path('ws'), bin, fakeQuadlet, workspaceQuadlet, markers, file, uri: LspClient.uri(file), cleanup: t.cleanup };
}

const ran = (s: Setup) => Object.entries(s.markers).filter(([, p]) => existsSync(p)).map(([k]) => k);
const withFakes = (s: Setup) => ({ ...process.env, PATH: `${s.bin}:${process.env.PATH}` });

async function start(s: Setup, init: Record<string, unknown>, env: NodeJS.ProcessEnv, configuration?: Record<string, unknown>): Promise<LspClient> {
  const client = new LspClient({ env, configuration });
  await client.initialize(s.root, init);
  return client;
}

/** Opens the file; the answer to a request sent afterwards means the open (and initialisation) was handled. */
async function openAndSettle(client: LspClient, s: Setup, text: string): Promise<void> {
  await client.open(s.uri, text);
  await client.connection.sendRequest('quadletLs/generatorStatus');
}

type Status = { trusted: boolean; problem?: string; version?: string; path?: string; source?: string };
type Refusable = { refused?: string; text?: string; files?: number };

describe('generator over LSP: workspace trust', () => {
  it('an untrusted workspace executes nothing: no generator, no podman --version, even on save', async () => {
    const s = setup();
    const client = await start(s, { trusted: false, generatorPath: s.fakeQuadlet }, withFakes(s));
    try {
      await openAndSettle(client, s, '[Container]\nImage=quay.io/x/web:1\nFoo=1\n');
      const status = await client.connection.sendRequest<Status>('quadletLs/generatorStatus');
      assert.deepEqual([status.trusted, status.version], [false, undefined]);
      assert.match(status.problem!, /not trusted/);
      assert.match((await client.connection.sendRequest<Refusable>('quadletLs/validateWithPodman', { uri: s.uri })).refused!, /not trusted/);
      const g = await client.connection.sendRequest<Refusable>('quadletLs/generatedUnit', { uri: s.uri });
      assert.match(g.refused!, /not trusted/);
      assert.equal(g.text, undefined);
      await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: s.uri } });
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.connection.sendRequest('quadletLs/generatorStatus');
    } finally {
      await client.close();
    }
    assert.deepEqual(ran(s), []);
    s.cleanup();
  });

  it('control: the same setup, trusted, does run the generator (so the markers work)', async () => {
    const s = setup();
    const client = await start(s, { trusted: true, generatorPath: s.fakeQuadlet }, withFakes(s));
    try {
      await openAndSettle(client, s, '[Container]\nImage=quay.io/x/web:1\n');
      const status = await client.connection.sendRequest<Status>('quadletLs/generatorStatus');
      assert.deepEqual([status.trusted, status.version, status.path, status.source], [true, '5.4.2', s.fakeQuadlet, 'setting']);
      const v = await client.connection.sendRequest<Refusable>('quadletLs/validateWithPodman', { uri: s.uri });
      assert.deepEqual([v.refused, v.files], [undefined, 1]);
    } finally {
      await client.close();
    }
    assert.deepEqual(ran(s), ['quadlet']);
    s.cleanup();
  });

  it('trust granted later enables the generator', async () => {
    const s = setup();
    const client = await start(s, { trusted: false, generatorPath: s.fakeQuadlet }, withFakes(s));
    try {
      await openAndSettle(client, s, '[Container]\nImage=quay.io/x/web:1\n');
      assert.match((await client.connection.sendRequest<Refusable>('quadletLs/validateWithPodman', { uri: s.uri })).refused!, /not trusted/);
      assert.deepEqual(ran(s), []);
      await client.connection.sendNotification('quadletLs/trustGranted');
      assert.equal((await client.connection.sendRequest<Refusable>('quadletLs/validateWithPodman', { uri: s.uri })).refused, undefined);
    } finally {
      await client.close();
    }
    assert.deepEqual(ran(s), ['quadlet']);
    s.cleanup();
  });

  it('a generatorPath in workspace settings is never executed', async () => {
    const s = setup();
    // PATH without the fake podman: nothing to find next to it either.
    const client = await start(s, { trusted: true }, { ...process.env, PATH: '/nonexistent' }, { generatorPath: s.workspaceQuadlet });
    try {
      await openAndSettle(client, s, '[Container]\nImage=quay.io/x/web:1\n');
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { quadletLs: { generatorPath: s.workspaceQuadlet } } });
      const status = await client.connection.sendRequest<Status>('quadletLs/generatorStatus');
      assert.notEqual(status.path, s.workspaceQuadlet);
      await client.connection.sendRequest('quadletLs/validateWithPodman', { uri: s.uri });
    } finally {
      await client.close();
    }
    assert.equal(existsSync(s.markers.workspace), false);
    s.cleanup();
  });
});

describe('generator over LSP: real generator', () => {
  for (const oracle of requireOracles()) {
    it(`${oracle.version}: validate publishes podman diagnostics, preview returns the unit, an edit hides stale findings, the version becomes the target`, async () => {
      const s = setup();
      // No podmanVersion setting: the target version comes from `quadlet -version`.
      const client = await start(s, { trusted: true, generatorPath: oracle.path }, { ...process.env, PATH: '/nonexistent' });
      try {
        // HttpProxy= needs Podman 5.5: the version rule fires only when the target is 5.4.
        await openAndSettle(client, s, '[Container]\nImage=quay.io/x/web:1\nHttpProxy=false\nFoo=1\n');
        const v = await client.connection.sendRequest<{ version?: string }>('quadletLs/validateWithPodman', { uri: s.uri });
        assert.equal(v.version!.slice(0, 3), oracle.version);
        const is54 = oracle.version === '5.4';
        // Published after the validation, so after the settings with the detected version applied.
        const list = await client.diagnostics(s.uri, (l) => l.some((d) => d.source === 'podman') && (!is54 || l.some((d) => d.code === 'version')));
        assert.equal(list.some((d) => d.code === 'version'), is54, JSON.stringify(list));
        const podman = list.filter((d) => d.source === 'podman');
        // 5.4 stops at the first unknown key (HttpProxy); 5.8 knows HttpProxy and stops at Foo.
        const [line, key] = is54 ? [2, 'HttpProxy'] : [3, 'Foo'];
        assert.equal(podman.length, 1, JSON.stringify(podman));
        assert.deepEqual([podman[0].code, podman[0].severity, podman[0].range.start.line, podman[0].message], ['podman', 1, line, `unsupported key '${key}' in group 'Container' in ${s.file}`]);

        await client.change(s.uri, '[Container]\nImage=quay.io/x/web:1\n', 2);
        await client.diagnostics(s.uri, (l) => !l.some((d) => d.source === 'podman'));

        writeFileSync(s.file, '[Container]\nImage=quay.io/x/web:1\n');
        const g = await client.connection.sendRequest<{ text?: string; units?: { name: string }[] }>('quadletLs/generatedUnit', { uri: s.uri });
        assert.deepEqual(g.units!.map((u) => u.name), ['web.service']);
        assert.match(g.text!, /^# Generated by Podman's Quadlet generator/);
        assert.match(g.text!, new RegExp(`---web\\.service---\\n[^]*SourcePath=${s.file}\\n[^]*ExecStart=/usr/bin/podman run [^\\n]*quay\\.io/x/web:1`));
      } finally {
        await client.close();
        s.cleanup();
      }
    });
  }
});
