// The security codes from the command line: on the shipped examples (the broken webapp.container
// and its fixed sibling reports.container), env files read from disk, and the hardening setting
// turned on by a config file.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runBin, tempTree, TempTree, REPO } from '../helpers/cli';

const ALICE = 'examples/hosts/web1/home/alice/.config/containers/systemd/';
const CODES = / (container-loopback|secret-in-env|privileged|hardening): /;

/** "file:line:col: severity code" of the security findings. */
function findings(out: string): string[] {
  return out
    .split('\n')
    .filter((l) => CODES.test(l))
    .map((l) => /^(?:.*\/)?([^/]+:\d+:\d+: \w+ [a-z-]+): /.exec(l)![1]);
}

describe('quadlet-ls check examples/ shows the security mistakes', () => {
  it('reports the container pointing at the host loopback and the password, not the fixed variant', async () => {
    const r = await runBin(['check', 'examples/'], REPO);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findings(r.stdout), ['webapp.container:11:41: warning container-loopback', 'webapp.container:13:13: warning secret-in-env']);
    const loopback = r.stdout.split('\n').find((l) => l.includes('container-loopback'))!;
    assert.ok(loopback.startsWith(`${ALICE}webapp.container:11:41: warning container-loopback: DATABASE_URL points at 127.0.0.1:5432`));
    assert.match(loopback, /belongs to user postgres's db-activator\.socket line 5, and rootless Podman keeps the host's loopback out of reach\./);
    assert.match(loopback, /The container is on webapp\.network, a bridge network, which cannot use pasta's loopback mapping/);
    assert.match(r.stdout, /webapp\.container:13:13: warning secret-in-env: DB_PASSWORD holds a literal credential.*\(as user alice: podman secret create webapp-db-password -\)/);
    assert.doesNotMatch(r.stdout, /reports\.(container|env)/);
  });
});

describe('quadlet-ls check reads env files and the hardening setting', () => {
  let tree: TempTree;
  const A = 'hosts/h1/home/alice/.config/containers/systemd/';
  before(() => {
    tree = tempTree({
      '.quadlet-ls.json': JSON.stringify({ podmanVersion: '5.8', hardening: 'recommend' }),
      [A + 'web.container']: '[Container]\nImage=docker.io/library/nginx:1\nEnvironmentFile=%h/env/web.env\nEnvironmentFile=missing.env\nReadOnly=true\nNoNewPrivileges=true\n',
      'hosts/h1/home/alice/env/web.env': '# from %h\nAPI=http://localhost:9000/v1\n',
      'hosts/h1/home/bob/.config/systemd/user/api.socket': '[Socket]\nListenStream=127.0.0.1:9000\n',
    });
  });
  after(() => tree.cleanup());

  it('finds the loopback endpoint in the env file and recommends what is missing', async () => {
    const r = await runBin(['check', '.'], tree.dir);
    assert.deepEqual(findings(r.stdout), ['web.container:1:1: information hardening', 'web.container:3:17: warning container-loopback']);
    assert.match(r.stdout, /web\.container:3:17: warning container-loopback: web\.env line 2: API points at localhost:9000, .* belongs to user bob's api\.socket line 2/);
    assert.match(r.stdout, /information hardening: Hardening: this container runs without DropCapability=ALL \(no Linux capabilities\)\./);
  });
});
