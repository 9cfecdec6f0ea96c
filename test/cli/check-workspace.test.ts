// `quadlet-ls check` on multi-user trees reports the cross-file findings at the right files and lines.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../server/src/cli/main';
import { JsonFinding } from '../../server/src/cli/format';

async function check(...args: string[]): Promise<{ code: number; findings: JsonFinding[] }> {
  let out = '';
  const code = await runCli(['check', '--format', 'json', ...args], { out: (t) => (out += t), err: () => undefined, version: 'test' });
  return { code, findings: JSON.parse(out) };
}

const at = (f: JsonFinding) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`;

describe('check on multi-user trees', () => {
  it('reports alice’s references to user postgres’s network and service in examples/', async () => {
    const { code, findings } = await check('examples/');
    assert.equal(code, 1);
    const worker = 'examples/hosts/web1/home/alice/.config/containers/systemd/worker.container';
    const cross = findings.filter((f) => f.code === 'cross-user-reference');
    assert.deepEqual(cross.map(at), [`${worker}:4:10 error cross-user-reference`, `${worker}:8:9 error cross-user-reference`]);
    assert.deepEqual(cross.map((f) => f.related?.map((r) => `${r.file}:${r.line}`)), [
      ['examples/hosts/web1/home/postgres/.config/containers/systemd/db.container:5'],
      ['examples/hosts/web1/home/postgres/.config/containers/systemd/db.network:1'],
    ]);
    assert.match(cross[0].related![0].message, /^db\.service is generated from db\.container \(user postgres \(rootless\) on host web1\)$/);
    // postgres's own socket activator and its service resolve in postgres's scope: nothing to say.
    assert.deepEqual(findings.filter((f) => f.file.includes('/postgres/')).map(at), []);
  });

  it('reports every workspace code on the fixture tree', async () => {
    const { findings } = await check('test/fixtures/workspace/multi-user/');
    const strip = (f: JsonFinding) => at(f).replace('test/fixtures/workspace/multi-user/', '');
    const workspaceCodes = new Set(['unresolved-reference', 'cross-user-reference', 'generated-name-reference', 'shadowed-unit']);
    assert.deepEqual(findings.filter((f) => workspaceCodes.has(f.code)).map(strip), [
      'ansible/roles/blog/templates/blog.container.j2:3:9 error unresolved-reference',
      'hosts/h1/etc/containers/systemd/proxy.container:4:7 warning cross-user-reference',
      'hosts/h1/etc/containers/systemd/proxy.container:8:9 error cross-user-reference',
      'hosts/h1/etc/containers/systemd/users/1001/api.container:2:2 information shadowed-unit',
      'hosts/h1/etc/containers/systemd/users/shared-tools/tools.container:4:9 warning unresolved-reference',
      'hosts/h1/home/alice/.config/containers/systemd/api.container:3:10 error cross-user-reference',
      'hosts/h1/home/alice/.config/containers/systemd/api.container:4:7 warning cross-user-reference',
      'hosts/h1/home/alice/.config/containers/systemd/gen.container:3:9 information generated-name-reference',
      'hosts/h1/home/alice/.config/containers/systemd/gen.container:4:8 information generated-name-reference',
      'hosts/h1/home/alice/.config/containers/systemd/uses-web.container:3:10 error unresolved-reference',
      'hosts/h1/home/alice/.config/systemd/user/ghost.socket:1:2 error unresolved-reference',
    ]);
  });

  it('follows --podman-version for dependency translation', async () => {
    const { findings } = await check('--podman-version', '5.4', 'test/fixtures/workspace/multi-user/hosts/h1/home/alice/');
    const uses = findings.filter((f) => f.file.endsWith('uses-web.container') && f.code === 'unresolved-reference');
    assert.deepEqual(uses.map((f) => `${f.line}:${f.column} ${f.severity}`), ['3:10 warning']);
    assert.match(uses[0].message, /^Podman 5\.4 copies \[Unit\] dependencies as written/);
  });
});
