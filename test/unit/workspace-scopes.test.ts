import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_USERS, LOCAL_HOST, ScopeContext, compareSearchOrder, compareWalkOrder, inferPlacement, insideDropinDir, servesScope } from '../../server/src/workspace/scopes';
import { ignorePatterns } from '../../server/src/workspace/config';

const ctx: ScopeContext = {
  roots: ['/repo'],
  configDir: '/repo',
  config: {
    hosts: { web1: { users: { alice: 1001, bob: 1002 } } },
    scopes: [
      { glob: 'ansible/roles/blog/**', host: 'web1', user: 'carol', rootless: true },
      { glob: 'servers/db/**', host: 'db1' },
      { glob: 'rootful/**', rootless: false },
    ],
  },
};

const place = (path: string, c: ScopeContext = ctx) => inferPlacement(path, c);
const scopeOf = (path: string, c: ScopeContext = ctx) => {
  const p = place(path, c);
  return `${p.scope.host}/${p.scope.owner ?? '?'}/${p.dirKind}/${p.precedence}`;
};

describe('scope inference', () => {
  it('reads users from home directories of a mirrored host', () => {
    assert.equal(scopeOf('/repo/hosts/web1/home/alice/.config/containers/systemd/a.container'), 'web1/alice/quadlet/1');
    assert.equal(scopeOf('/repo/hosts/web1/home/alice/.config/containers/systemd/sub/dir/a.container'), 'web1/alice/quadlet/1');
    assert.equal(scopeOf('/repo/hosts/web1/home/bob/.config/systemd/user/a.socket'), 'web1/bob/systemd/1');
    assert.equal(place('/repo/hosts/web1/home/alice/.config/containers/systemd/sub/a.container').searchDir, '/repo/hosts/web1/home/alice/.config/containers/systemd');
  });

  it('maps users/<uid> to the user named in the config, and keeps the uid otherwise', () => {
    assert.equal(scopeOf('/repo/hosts/web1/etc/containers/systemd/users/1001/a.container'), 'web1/alice/quadlet/3');
    assert.equal(scopeOf('/repo/hosts/web1/etc/containers/systemd/users/4242/a.container'), 'web1/uid:4242/quadlet/3');
    assert.equal(scopeOf('/repo/hosts/web1/run/user/1002/containers/systemd/a.container'), 'web1/bob/quadlet/0');
  });

  it('gives files directly in users/ and in non-numeric sub-directories to every rootless user', () => {
    for (const path of ['/repo/hosts/web1/etc/containers/systemd/users/a.network', '/repo/hosts/web1/etc/containers/systemd/users/tools/a.container']) {
      const p = place(path);
      assert.equal(p.scope.owner, ALL_USERS);
      assert.equal(p.allUsers, true);
      assert.equal(p.precedence, 2);
      assert.equal(servesScope(p, { host: 'web1', owner: 'alice', rootless: true }), true);
      assert.equal(servesScope(p, { host: 'web1', owner: 'root', rootless: false }), false);
      assert.equal(servesScope(p, { host: 'web1', owner: undefined }), false);
    }
  });

  it('treats the system directories as root, in Podman and systemd precedence order', () => {
    assert.equal(scopeOf('/repo/hosts/web1/run/containers/systemd/a.container'), 'web1/root/quadlet/0');
    assert.equal(scopeOf('/repo/hosts/web1/etc/containers/systemd/a.container'), 'web1/root/quadlet/1');
    assert.equal(scopeOf('/repo/hosts/web1/usr/share/containers/systemd/a.container'), 'web1/root/quadlet/2');
    assert.equal(scopeOf('/repo/hosts/web1/etc/systemd/system/a.socket'), 'web1/root/systemd/1');
    assert.equal(scopeOf('/repo/hosts/web1/usr/lib/systemd/system/a.service'), 'web1/root/systemd/3');
    // /usr/share/containers/systemd/users is an ordinary rootful sub-directory (facts §3.1).
    assert.equal(scopeOf('/repo/hosts/web1/usr/share/containers/systemd/users/a.container'), 'web1/root/quadlet/2');
  });

  it('uses the hosts/<name> segment, else the workspace folder, as the host', () => {
    assert.equal(place('/repo/hosts/web2/etc/containers/systemd/a.container').scope.host, 'web2');
    assert.equal(place('/repo/home/alice/.config/containers/systemd/a.container').scope.host, 'repo');
    assert.equal(scopeOf('/repo/quadlets/a.container'), 'repo/?/unknown/1');
    assert.equal(scopeOf('/other/quadlets/a.container'), 'localhost/?/unknown/1');
  });

  it('places the machine’s own directories on this machine', () => {
    const machine: ScopeContext = { roots: ['/etc/containers/systemd', '/home/me/.config/containers/systemd'], config: {}, home: '/home/me', currentUser: 'me' };
    assert.equal(scopeOf('/etc/containers/systemd/a.container', machine), `${LOCAL_HOST}/root/quadlet/1`);
    assert.equal(scopeOf('/home/me/.config/containers/systemd/a.container', machine), `${LOCAL_HOST}/me/quadlet/1`);
    assert.equal(scopeOf('/home/me/.config/systemd/user/a.socket', machine), `${LOCAL_HOST}/me/systemd/1`);
  });

  it('lets .quadlet-ls.json map globs to a scope, or only to a host', () => {
    const blog = place('/repo/ansible/roles/blog/templates/blog.container.j2');
    assert.deepEqual(blog.scope, { host: 'web1', owner: 'carol', rootless: true });
    assert.equal(blog.searchDir, '/repo/ansible/roles/blog');
    assert.match(blog.reason, /ansible\/roles\/blog/);
    // Host only: the owner still comes from the path.
    assert.equal(scopeOf('/repo/servers/db/home/pg/.config/containers/systemd/db.container'), 'db1/pg/quadlet/1');
    assert.equal(scopeOf('/repo/servers/db/misc/x.container'), 'db1/?/unknown/1');
    assert.equal(scopeOf('/repo/rootful/x.container'), 'repo/root/unknown/1');
  });

  it('knows that Podman finds no units inside *.d directories of its search directories', () => {
    const inDropin = '/repo/hosts/web1/home/alice/.config/containers/systemd/x.d/a.container';
    assert.equal(insideDropinDir(inDropin, place(inDropin)), true);
    const plain = '/repo/hosts/web1/home/alice/.config/containers/systemd/sub/a.container';
    assert.equal(insideDropinDir(plain, place(plain)), false);
    // A repository directory that happens to end in .d is not a search directory.
    assert.equal(insideDropinDir('/repo/conf.d/a.container', place('/repo/conf.d/a.container')), false);
  });

  it('turns ignore globs into path patterns under the config directory', () => {
    const [re] = ignorePatterns({ ignore: ['build/**'] }, '/repo');
    assert.equal(re.test('/repo/build/x/a.container'), true);
    assert.equal(re.test('/repo/src/a.container'), false);
  });
});

describe('search order', () => {
  it('walks a search directory depth-first: a directory before its sub-directories, names in byte order', () => {
    const dirs = ['b', '', 'a/z', 'a', 'B', 'a/b'];
    assert.deepEqual([...dirs].sort(compareWalkOrder), ['', 'B', 'a', 'a/b', 'a/z', 'b']);
  });

  it('ranks search directories by precedence first', () => {
    const at = (path: string) => ({ path, placement: place(path) });
    const home = at('/repo/hosts/web1/home/alice/.config/containers/systemd/zz/a.container');
    const shared = at('/repo/hosts/web1/etc/containers/systemd/users/a.container');
    const uid = at('/repo/hosts/web1/etc/containers/systemd/users/1001/a.container');
    const top = at('/repo/hosts/web1/home/alice/.config/containers/systemd/a.container');
    assert.deepEqual([uid, shared, home, top].sort(compareSearchOrder).map((x) => x.path), [top.path, home.path, shared.path, uid.path]);
  });
});
