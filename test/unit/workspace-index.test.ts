import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFixture } from '../helpers/fixtures';
import { loadWorkspace } from '../../server/src/cli/load';
import { generatedNames } from '../../server/src/workspace/names';
import { extractReferences } from '../../server/src/workspace/references';
import { resolveReference } from '../../server/src/workspace/resolution';

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd';
const BOB = 'hosts/h1/home/bob/.config/containers/systemd';
const USERS = 'hosts/h1/etc/containers/systemd/users';

describe('workspace index on a multi-user tree', async () => {
  const fx = await loadFixture('multi-user');
  const index = fx.analysis.index;

  it('indexes the scopes, ignoring node_modules-like and configured paths', () => {
    const paths = [...index.allFiles()].map((f) => f.path.slice(fx.root.length + 1));
    assert.ok(paths.includes(`${ALICE}/api.container`));
    assert.ok(paths.includes('ansible/roles/blog/templates/blog.container.j2'));
    assert.ok(!paths.some((p) => p.startsWith('ignored/')), 'the config ignore glob is honoured');
    assert.deepEqual(index.placementOf(fx.path('ansible/roles/blog/templates/blog.container.j2')).scope, { host: 'h1', owner: 'bob', rootless: true });
  });

  it('lets the earlier search directory win a file name, and lists the shadowed one after it', () => {
    const api = fx.unit(`${ALICE}/api.container`);
    const scope = api.file.placement.scope;
    assert.deepEqual(index.candidates(scope, 'api.container').map((u) => u.file.path), [fx.path(`${ALICE}/api.container`), fx.path(`${USERS}/1001/api.container`)]);
    // users/ files reach alice; bob's do not.
    assert.equal(index.resolve(scope, 'common.network')?.file.path, fx.path(`${USERS}/common.network`));
    assert.equal(index.resolve(scope, 'db.container'), undefined);
    assert.deepEqual(index.elsewhere(scope, 'db.container').map((u) => u.file.path), [fx.path(`${BOB}/db.container`)]);
  });

  it('applies drop-ins of one .conf name once, most specific directory first, in file-name order', () => {
    const api = fx.unit(`${ALICE}/api.container`);
    const dropins = index.dropinsFor(api, '5.8').map((d) => d.file.path.slice(fx.root.length + 1));
    assert.deepEqual(dropins, [`${ALICE}/api.container.d/10-mem.conf`, `${ALICE}/container.d/20-labels.conf`]);
    const view = fx.analysis.view(api);
    assert.deepEqual(view.allValues('Container', 'PodmanArgs'), ['--memory 512m']);
  });

  it('knows the generated names, ServiceName= and name keys included', () => {
    const names = (rel: string, v = '5.8') => generatedNames(fx.analysis.view(fx.unit(rel)), v);
    assert.deepEqual(names(`${ALICE}/app.network`), { service: 'app-network.service', object: { kind: 'network', name: 'systemd-app' } });
    assert.deepEqual(names(`${ALICE}/data.volume`), { service: 'data-volume.service', object: { kind: 'volume', name: 'alice-data' } });
    assert.deepEqual(names(`${ALICE}/api.container`), { service: 'api.service', object: { kind: 'container', name: 'systemd-api' } });
    assert.deepEqual(names(`${ALICE}/web@.container`), { service: 'web@.service', object: { kind: 'container', name: 'systemd-%p_%i' } });
  });

  it('resolves references in the referrer’s scope and tells other owners apart', () => {
    const q = fx.analysis.queries();
    const at = (rel: string) => {
      const view = fx.analysis.view(fx.unit(rel));
      return Object.fromEntries(extractReferences(view, '5.8').map((r) => {
        const res = resolveReference(q, r, view.scope);
        const where = res.status === 'found' ? res.target.file.path.slice(fx.root.length + 1) : res.status === 'elsewhere' || res.status === 'partial' ? res.targets.map((t) => t.name).join(',') : '';
        return [`${r.key}=${r.name}`, `${res.status}${where ? ' ' + where : ''}`];
      }));
    };
    assert.deepEqual(at(`${ALICE}/api.container`), {
      'Requires=db.service': 'elsewhere db.container',
      'After=cache.service': 'elsewhere cache.container',
      'Network=app.network': `found ${ALICE}/app.network`,
      'Volume=data.volume': `found ${ALICE}/data.volume`,
    });
    assert.deepEqual(at(`${ALICE}/gen.container`), {
      'Network=systemd-app': `found ${ALICE}/app.network`,
      'Volume=alice-data': `found ${ALICE}/data.volume`,
    });
    // systemd instantiates templates: web@red.service is web@.container's; a quadlet instance file is not.
    assert.deepEqual(at(`${ALICE}/uses-web.container`), {
      'Wants=web@blue.service': `found ${ALICE}/web@blue.container`,
      'Wants=web@red.service': `found ${ALICE}/web@.container`,
      'Requires=web@red.container': 'missing',
    });
    assert.deepEqual(at(`${USERS}/shared-tools/tools.container`), {
      'Network=common.network': `found ${USERS}/common.network`,
      'Network=only-alice.network': 'partial only-alice.network',
    });
    assert.deepEqual(at('hosts/h1/home/alice/.config/systemd/user/api.socket'), { 'Service=api.service': `found ${ALICE}/api.container` });
    assert.deepEqual(at('hosts/h1/home/alice/.config/systemd/user/ghost.socket'), { 'Service=ghost.service': 'missing' });
    assert.deepEqual(at('hosts/h1/etc/containers/systemd/proxy.container'), { 'After=api.service': 'elsewhere api.container', 'Network=app.network': 'elsewhere app.network' });
  });
});

describe('drop-in precedence differs between Podman 5.4 and 5.6+', () => {
  // Checked against the real generators: 5.4.2 applies --home-dash-20 --home-top-50, 5.8.6
  // --uid-template-20 --uid-specific-50 (docs/generator-facts.md §4.2).
  const UNIT = 'hosts/h1/home/alice/.config/containers/systemd/foo-bar@baz.container';
  for (const [version, expected] of [
    ['5.4', ['--from-unit', '--home-dash-20', '--home-top-50']],
    ['5.5', ['--from-unit', '--home-dash-20', '--home-top-50']],
    ['5.6', ['--from-unit', '--uid-template-20', '--uid-specific-50']],
    ['5.8', ['--from-unit', '--uid-template-20', '--uid-specific-50']],
  ] as const) {
    it(`Podman ${version}`, async () => {
      const fx = await loadFixture('dropins', version);
      const view = fx.analysis.view(fx.unit(UNIT));
      assert.deepEqual(view.allValues('Container', 'PodmanArgs'), expected);
    });
  }
});

describe('indexing a directory from disk', () => {
  it('skips node_modules and .git, and reports files over the size limit and binary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-ws-')).replace(/\\/g, '/');
    try {
      for (const sub of ['node_modules/pkg', '.git', 'q']) mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, 'node_modules/pkg/a.container'), '[Container]\nImage=x\n');
      writeFileSync(join(dir, '.git/b.container'), '[Container]\nImage=x\n');
      writeFileSync(join(dir, 'q/ok.container'), '[Container]\nImage=docker.io/library/alpine:3\n');
      writeFileSync(join(dir, 'q/big.container'), `[Container]\nImage=docker.io/library/alpine:3\n#${'x'.repeat(4096)}\n`);
      writeFileSync(join(dir, 'q/bin.container'), Buffer.from([0x5b, 0x00, 0x01, 0x02]));
      writeFileSync(join(dir, '.quadlet-ls.json'), JSON.stringify({ maxFileSize: 2048 }));
      const ws = await loadWorkspace([dir], { podmanVersion: '5.8' });
      const names = [...ws.analysis.index.allFiles()].map((f) => f.path.slice(dir.length + 1)).sort();
      assert.deepEqual(names, ['q/big.container', 'q/bin.container', 'q/ok.container']);
      const big = ws.analysis.diagnostics(`${dir}/q/big.container`);
      assert.deepEqual(big.map((d) => [d.code, d.severity]), [['skipped-file', 'information']]);
      assert.match(big[0].message, /more than the limit of 2048/);
      assert.deepEqual(ws.analysis.diagnostics(`${dir}/q/bin.container`).map((d) => d.code), ['skipped-file']);
      assert.deepEqual(ws.analysis.diagnostics(`${dir}/q/ok.container`), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
