// `quadlet-ls ports` in every format, on the shipped examples and on a tree with a .kube whose
// YAML is read from disk; and `quadlet-ls check examples/` showing the deliberate port mistakes.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), version: 'test' });
  return { code, out, err };
}

const BOB = 'examples/hosts/web1/home/bob/.config/containers/systemd/';
const ALICE = 'examples/hosts/web1/home/alice/.config/containers/systemd/';

describe('quadlet-ls ports on examples/', () => {
  it('prints a text table sorted by host and port', async () => {
    const r = await cli('ports', 'examples/');
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    const rows = r.out.trimEnd().split('\n');
    assert.match(rows[0], /^HOST +PORT +PROTO +ADDRESS +OWNER +UNIT +FILE:LINE +FLAGS$/);
    const cells = rows.slice(1, -1).map((l) => l.split(/ {2,}/));
    assert.deepEqual(
      cells.map((c) => c.slice(0, 6).join(' ')),
      [
        'web1 80 tcp 127.0.0.1 bob grafana.container',
        'web1 5432 tcp 127.0.0.1 postgres db-activator.socket',
        'web1 6379 tcp * alice cache.container',
        'web1 8080 tcp * bob metrics.container',
        'web1 8080 tcp 127.0.0.1 alice webapp.container',
        'web1 15432 tcp 127.0.0.1 postgres db.container',
      ],
    );
    assert.deepEqual(cells.map((c) => c[6]), [
      `${BOB}grafana.container:8`,
      'examples/hosts/web1/home/postgres/.config/systemd/user/db-activator.socket:5',
      `${ALICE}cache.container:7`,
      `${BOB}metrics.container:7`,
      `${ALICE}webapp.container:9`,
      'examples/hosts/web1/home/postgres/.config/containers/systemd/db.container:9',
    ]);
    assert.deepEqual(cells.map((c) => c[7] ?? ''), ['privileged', '', 'public', 'conflict,public', 'conflict', '']);
    assert.equal(rows[rows.length - 1], '6 listener(s), 2 in conflict');
  });

  it('prints JSON with every field', async () => {
    const r = await cli('ports', '--format', 'json', 'examples/');
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.equal(rows.length, 6);
    assert.deepEqual(rows[3], {
      host: 'web1',
      port: '8080',
      protocol: 'tcp',
      address: '*',
      owner: 'bob',
      unit: 'metrics.container',
      source: 'PublishPort',
      spec: '8080:9100',
      file: `${BOB}metrics.container`,
      line: 7,
      flags: ['conflict', 'public'],
      conflictsWith: [`user alice webapp.container ${ALICE}webapp.container:9`],
    });
  });

  it('prints a Markdown table', async () => {
    const r = await cli('ports', '--format=markdown', 'examples/');
    assert.equal(r.code, 0);
    const rows = r.out.split('\n');
    assert.equal(rows[0], '# Port registry');
    assert.equal(rows[2], '| host | port | proto | address | owner | unit | file:line | flags |');
    assert.equal(rows[6], `| web1 | 6379 | tcp | \\* | alice | cache.container | ${ALICE}cache.container:7 | public |`);
    assert.equal(rows.filter((l) => l.startsWith('| web1 |')).length, 6);
    assert.match(r.out, /6 listener\(s\), 2 in conflict\.\n$/);
  });

  it('rejects an unknown format with exit status 2', async () => {
    const r = await cli('ports', '--format', 'csv', 'examples/');
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown format "csv"/);
  });
});

describe('quadlet-ls check examples/ shows the port mistakes', () => {
  it('reports the conflict on both sides, the public binds and the privileged port', async () => {
    const r = await cli('check', 'examples/');
    const port = r.out.split('\n').filter((l) => / (port-conflict|public-bind|privileged-port|host-network|pod-member-publish|none-network-publish): /.test(l));
    assert.deepEqual(
      port.map((l) => /^.*systemd\/(\S+?:\d+:\d+: \w+ [a-z-]+): /.exec(l)![1]),
      [
        'cache.container:7:13: warning public-bind',
        'webapp.container:9:23: error port-conflict',
        'grafana.container:8:23: warning privileged-port',
        'metrics.container:7:13: error port-conflict',
        'metrics.container:7:13: warning public-bind',
      ],
    );
    // Traefik's Network=host is suppressed in the file on purpose.
    assert.doesNotMatch(r.out, /traefik\.container.*host-network/);
  });
});

describe('quadlet-ls ports reads the YAML a .kube names', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-ports-'));
    const bob = join(dir, 'hosts/h1/home/bob/.config/containers/systemd');
    const alice = join(dir, 'hosts/h1/home/alice/.config/containers/systemd');
    mkdirSync(join(bob, 'k8s'), { recursive: true });
    mkdirSync(alice, { recursive: true });
    writeFileSync(join(bob, 'app.kube'), '[Kube]\nYaml=k8s/app.yaml\n');
    writeFileSync(join(bob, 'k8s/app.yaml'), 'kind: Pod\nspec:\n  containers:\n    - ports:\n        - containerPort: 80\n          hostPort: 8080\n          hostIP: 127.0.0.1\n');
    writeFileSync(join(bob, 'gone.kube'), '[Kube]\nYaml=missing.yaml\n');
    // Outside a mirrored host tree an absolute path is taken as is; not a regular file, so never read
    // (reading /dev/zero would never end).
    mkdirSync(join(dir, 'plain'));
    writeFileSync(join(dir, 'plain/zero.kube'), '[Kube]\nYaml=/dev/zero\n');
    writeFileSync(join(alice, 'web.container'), '[Container]\nImage=docker.io/library/nginx:1\nPublishPort=127.0.0.1:8080:80\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the YAML listener at its YAML line, in conflict', async () => {
    const r = await cli('ports', '--format', 'json', '--podman-version', '5.8', dir);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out) as Array<{ unit: string; file: string; line: number; flags: string[]; source: string }>;
    assert.deepEqual(
      rows.map((x) => [x.unit, x.source, x.file.slice(dir.length), x.line, x.flags.join(',')]),
      [
        ['web.container', 'PublishPort', '/hosts/h1/home/alice/.config/containers/systemd/web.container', 3, 'conflict'],
        ['app.kube', 'Yaml', '/hosts/h1/home/bob/.config/containers/systemd/k8s/app.yaml', 6, 'conflict'],
      ],
    );
    const check = await cli('check', '--podman-version', '5.8', dir);
    assert.match(check.out, /app\.kube:2:6: error port-conflict: k8s\/app\.yaml line 6: 8080\/tcp on 127\.0\.0\.1 is also bound by user alice's web\.container line 3/);
    assert.doesNotMatch(check.out, /missing\.yaml.*skipped-file/);
  });
});
