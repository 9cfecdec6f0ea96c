import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ActivatorOptions, ActivatorResult, PlannedActivator, planActivator } from '../../server/src/features/activator/plan';
import { inventoryPortAllocator } from '../../server/src/features/activator/port-allocator';
import { applyChange, envOf, workspace } from '../helpers/activator';
import { EOLS, lines, withEol } from '../helpers/text';

const Q = '/ws/home/postgres/.config/containers/systemd';
const U = '/ws/home/postgres/.config/systemd/user';
const DB = `${Q}/db.container`;
const db = (...extra: string[]) => lines('[Container]', 'Image=docker.io/library/postgres:16', ...extra);

function plan(files: Record<string, string>, file: string, options: ActivatorOptions = {}, onDisk: string[] = [], version = '5.8'): ActivatorResult {
  const analysis = workspace(files, '/ws', {}, version);
  return planActivator(analysis.index.getFile(file)!.units()[0], options, envOf(analysis, onDisk));
}

function planned(r: ActivatorResult): PlannedActivator {
  assert.equal(r.kind, 'plan', r.kind === 'plan' ? '' : r.message);
  return r as PlannedActivator;
}

function refusal(r: ActivatorResult): string {
  assert.equal(r.kind, 'refused', `expected a refusal, got ${r.kind}`);
  return (r as { message: string }).message;
}

function created(p: PlannedActivator): Record<string, string> {
  return Object.fromEntries(p.change.changes.flatMap((c) => (c.kind === 'create' ? [[c.path, c.text]] : [])));
}

describe('activator plan: placement and names', () => {
  it("puts a user's units into ~/.config/systemd/user and root's into etc/systemd/system", () => {
    const user = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB));
    assert.deepEqual(Object.keys(created(user)), [`${U}/db-activator.socket`, `${U}/db-activator.service`]);
    const root = planned(plan({ '/ws/etc/containers/systemd/web.container': db('PublishPort=127.0.0.1:8080:80') }, '/ws/etc/containers/systemd/web.container'));
    assert.deepEqual(Object.keys(created(root)), ['/ws/etc/systemd/system/web-activator.socket', '/ws/etc/systemd/system/web-activator.service']);
    assert.match(created(root)['/ws/etc/systemd/system/web-activator.service'], /^DynamicUser=yes$/m);
    assert.doesNotMatch(created(user)[`${U}/db-activator.service`], /DynamicUser|PrivateTmp/, 'user managers get no namespace-based hardening');
    assert.deepEqual(root.commands.slice(0, 1), ['systemctl daemon-reload']);
    assert.ok(user.commands.includes('systemctl --user enable --now db-activator.socket'));
  });

  it("maps /etc/containers/systemd/users/<uid> to that user's home, refuses the all-users directory, and falls back next to the file", () => {
    const config = { hosts: { ws: { users: { postgres: 1002 } } } };
    const analysis = workspace({ '/ws/etc/containers/systemd/users/1002/db.container': db('PublishPort=127.0.0.1:5432:5432') }, '/ws', config);
    const r = planned(planActivator(analysis.index.getFile('/ws/etc/containers/systemd/users/1002/db.container')!.units()[0], {}, envOf(analysis)));
    assert.equal(r.socketPath, '/ws/home/postgres/.config/systemd/user/db-activator.socket');
    assert.match(r.notes.join('\n'), /assumed home \/home\/postgres/);
    assert.match(refusal(plan({ '/ws/etc/containers/systemd/users/db.container': db('PublishPort=127.0.0.1:5432:5432') }, '/ws/etc/containers/systemd/users/db.container')), /every rootless user/);
    const loose = planned(plan({ '/ws/project/db.container': db('PublishPort=127.0.0.1:5432:5432') }, '/ws/project/db.container'));
    assert.equal(loose.socketPath, '/ws/project/db-activator.socket');
    assert.match(loose.notes.join('\n'), /next to the quadlet/);
  });

  it('never plans to create an existing file: refuses, or takes another name when asked to', () => {
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432'), [`${U}/db-activator.service`]: lines('[Service]', 'ExecStart=/usr/bin/true') };
    assert.match(refusal(plan(files, DB, { onExisting: 'refuse' })), /db-activator\.service already exists/);
    const renamed = planned(plan(files, DB, { onExisting: 'rename' }));
    assert.deepEqual(Object.keys(created(renamed)), [`${U}/db-5432-activator.socket`, `${U}/db-5432-activator.service`]);
    // A file on disk that the workspace does not hold counts as well.
    const onDisk = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, { onExisting: 'rename' }, [`${U}/db-activator.socket`, `${U}/db-5432-activator.service`]));
    assert.equal(onDisk.socketPath, `${U}/db-activator-2.socket`);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, { strategy: 'native' }, [`${U}/db.socket`])), /db\.socket already exists/);
  });
});

describe('activator plan: which port', () => {
  it('moves the published port to the next free loopback port, host-wide, below the ephemeral range', () => {
    const files = {
      [DB]: db('PublishPort=127.0.0.1:5432:5432'),
      '/ws/home/alice/.config/containers/systemd/a.container': db('PublishPort=15432:80'),
      '/ws/home/bob/.config/systemd/user/b.socket': lines('[Socket]', 'ListenStream=127.0.0.1:15433', '[Install]', 'WantedBy=sockets.target'),
    };
    assert.equal(planned(plan(files, DB)).internal, '127.0.0.1:15434');
    const high = planned(plan({ [DB]: db('PublishPort=127.0.0.1:30000:80') }, DB));
    assert.equal(high.internal, '127.0.0.1:10000');
  });

  it('listens on a specific published address, else on loopback, or where --listen says', () => {
    assert.equal(planned(plan({ [DB]: db('PublishPort=10.10.0.2:5432:5432') }, DB)).listen, '10.10.0.2:5432');
    assert.equal(planned(plan({ [DB]: db('PublishPort=5432:5432') }, DB)).listen, '127.0.0.1:5432');
    assert.equal(planned(plan({ [DB]: db('PublishPort=[::1]:5432:5432') }, DB)).listen, '[::1]:5432');
    assert.equal(planned(plan({ [DB]: db('PublishPort=5432') }, DB, { listen: '127.0.0.1:6432' })).listen, '127.0.0.1:6432');
    assert.match(refusal(plan({ [DB]: db('PublishPort=5432') }, DB)), /random host port/);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, { listen: '5432' })), /has no address/);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, { listen: 'db:5432' })), /not ADDR:PORT/);
  });

  it('chooses among several PublishPort= lines only when told', () => {
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432', 'PublishPort=127.0.0.1:9187:9187') };
    assert.match(refusal(plan(files, DB)), /several PublishPort= lines \(127\.0\.0\.1:5432:5432, 127\.0\.0\.1:9187:9187\)/);
    assert.equal(planned(plan(files, DB, { listen: '127.0.0.1:9187' })).internal, '127.0.0.1:19187');
  });

  it('refuses what one proxy cannot serve', () => {
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:5353:53/udp') }, DB)), /TCP only/);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:8000-8001:80-81') }, DB)), /port range/);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:53:53/tcp,udp') }, DB)), /several protocols/);
    assert.match(refusal(plan({ [DB]: db() }, DB)), /publishes no port/);
    assert.match(refusal(plan({ [`${Q}/web@.container`]: db('PublishPort=127.0.0.1:8080:80') }, `${Q}/web@.container`)), /template/);
    assert.match(refusal(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432') }, DB, { idleTimeout: 'soon' })), /time span/);
  });

  it("refuses a privileged port in a user's scope, not in root's", () => {
    assert.match(refusal(plan({ [DB]: db('PublishPort=80:80') }, DB)), /cannot listen below port 1024/);
    assert.equal(planned(plan({ [DB]: db('PublishPort=80:80') }, DB, { listen: '127.0.0.1:8080' })).listen, '127.0.0.1:8080');
    assert.equal(planned(plan({ '/ws/etc/containers/systemd/web.container': db('PublishPort=80:80') }, '/ws/etc/containers/systemd/web.container')).listen, '127.0.0.1:80');
  });

  it('refuses a listener that is taken by a unit of another user', () => {
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432'), '/ws/home/alice/.config/containers/systemd/pg.container': db('PublishPort=127.0.0.1:6432:5432') };
    assert.match(refusal(plan(files, DB, { listen: '127.0.0.1:6432' })), /127\.0\.0\.1:6432 is already used on host ws/);
  });
});

describe('activator plan: the container edits', () => {
  for (const [eolName, eol] of EOLS) {
    it(`keeps the user's lines and the file's line ending (${eolName})`, () => {
      const text = withEol(lines('# keep me', '[Container]', 'Image=x', 'PublishPort=127.0.0.1:8080:80', '  # keep me too', '', '[Install]', 'WantedBy=default.target \\', '  multi-user.target', ''), eol);
      const p = planned(plan({ [DB]: text }, DB));
      const after = applyChange({ [DB]: text }, p.change)[DB];
      assert.equal(
        after,
        withEol(
          lines(
            '# keep me', '[Unit]', 'StopWhenUnneeded=yes', '', '[Container]', 'Image=x', 'PublishPort=127.0.0.1:18080:80', '  # keep me too', '', '[Install]',
            '# quadlet-ls: db-activator.socket starts db.service on demand, so it no longer starts at boot:', '# WantedBy=default.target \\', '#   multi-user.target', '',
          ),
          eol,
        ),
      );
    });
  }

  it('edits drop-ins where they set the values, and sets an existing StopWhenUnneeded=no to yes', () => {
    const dropin = `${Q}/db.container.d/10-install.conf`;
    const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432'), [dropin]: lines('[Unit]', 'StopWhenUnneeded=no', '[Install]', 'WantedBy=default.target') };
    const after = applyChange(files, planned(plan(files, DB)).change);
    assert.equal(after[dropin], lines('[Unit]', 'StopWhenUnneeded=yes', '[Install]', '# quadlet-ls: db-activator.socket starts db.service on demand, so it no longer starts at boot:', '# WantedBy=default.target'));
    assert.equal(after[DB], db('PublishPort=127.0.0.1:15432:5432'));
  });

  it('readiness: Notify=healthy from HealthCmd= (5.0+), Notify=true trusted, a probe otherwise', () => {
    const health = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432', 'HealthCmd=pg_isready') }, DB));
    assert.match(applyChange({ [DB]: db('PublishPort=127.0.0.1:5432:5432', 'HealthCmd=pg_isready') }, health.change)[DB], /^Notify=healthy$/m);
    assert.doesNotMatch(created(health)[`${U}/db-activator.service`], /ExecStartPre/);
    const old = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432', 'HealthCmd=pg_isready') }, DB, {}, [], '4.9'));
    assert.match(created(old)[`${U}/db-activator.service`], /^ExecStartPre=\/usr\/bin\/timeout 60 \/bin\/bash -c /m);
    const app = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432', 'Notify=yes') }, DB));
    assert.doesNotMatch(created(app)[`${U}/db-activator.service`], /ExecStartPre/);
    assert.match(created(app)[`${U}/db-activator.service`], /application reports it is ready/);
    const none = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5432:5432', 'HealthCmd=none') }, DB));
    assert.match(created(none)[`${U}/db-activator.service`], /^ExecStartPre=.*\/dev\/tcp\/127\.0\.0\.1\/15432 /m);
  });

  it('uses the proxyd path from the settings', () => {
    const analysis = workspace({ [DB]: db('PublishPort=127.0.0.1:5432:5432') });
    const env = { ...envOf(analysis), settings: { podmanVersion: '5.8', socketProxydPath: '/lib/systemd/systemd-socket-proxyd' } };
    const p = planned(planActivator(analysis.index.getFile(DB)!.units()[0], {}, env));
    assert.match(created(p)[`${U}/db-activator.service`], /^ExecStart=\/lib\/systemd\/systemd-socket-proxyd --exit-idle-time=5min 127\.0\.0\.1:15432$/m);
  });
});

describe('activator plan: native strategy', () => {
  it('names the socket after the service and needs no proxy', () => {
    const files = { [DB]: db('ServiceName=pg', 'PublishPort=127.0.0.1:5432:5432') };
    const p = planned(plan(files, DB, { strategy: 'native' }));
    assert.deepEqual(Object.keys(created(p)), [`${U}/pg.socket`]);
    assert.match(created(p)[`${U}/pg.socket`], /^ListenStream=127\.0\.0\.1:5432$/m);
    const udp = planned(plan({ [DB]: db('PublishPort=127.0.0.1:5353:53/udp') }, DB, { strategy: 'native' }));
    assert.match(created(udp)[`${U}/db.socket`], /^ListenDatagram=127\.0\.0\.1:5353$/m);
  });

  it('refuses pods and containers that would stop right after starting', () => {
    assert.match(refusal(plan({ [`${Q}/web.pod`]: lines('[Pod]', 'PublishPort=127.0.0.1:8080:80') }, `${Q}/web.pod`, { strategy: 'native' })), /proxy strategy/);
    assert.match(refusal(plan({ [DB]: lines('[Unit]', 'StopWhenUnneeded=yes', '[Container]', 'Image=x', 'PublishPort=127.0.0.1:5432:5432') }, DB, { strategy: 'native' })), /StopWhenUnneeded=yes/);
  });
});

describe('activator plan: running it twice changes nothing', () => {
  for (const options of [{}, { strategy: 'native' as const }, { listen: '127.0.0.1:6543' }]) {
    it(`after applying (${JSON.stringify(options)})`, () => {
      const files = { [DB]: db('PublishPort=127.0.0.1:5432:5432', 'HealthCmd=pg_isready') };
      const after = applyChange(files, planned(plan(files, DB, options)).change);
      const again = plan(after, DB, options);
      assert.equal(again.kind, 'up-to-date', again.kind === 'refused' ? again.message : '');
      assert.equal(plan(after, DB, {}).kind, 'up-to-date', 'a plain second run too');
    });
  }

  it('for a pod, asked through a member container', () => {
    const pod = `${Q}/web.pod`;
    const app = `${Q}/app.container`;
    const files = { [pod]: lines('[Pod]', 'PublishPort=127.0.0.1:8080:80'), [app]: db('Pod=web.pod') };
    const p = planned(plan(files, app));
    assert.equal(p.unit.name, 'web.pod');
    assert.equal(p.service, 'web-pod.service');
    const after = applyChange(files, p.change);
    assert.equal(after[pod], lines('[Unit]', 'BindsTo=db-activator.service'.replace('db', 'web'), '', '[Pod]', 'PublishPort=127.0.0.1:18080:80'));
    assert.equal(plan(after, app).kind, 'up-to-date');
    assert.equal(plan(after, pod).kind, 'up-to-date');
  });
});

describe('the port allocator over the host-wide inventory', () => {
  it('sees wildcards, IPv6 dual-stack and protocols, and ignores the line being moved', () => {
    const analysis = workspace({
      [DB]: db('PublishPort=5432:5432'),
      '/ws/home/a/.config/containers/systemd/x.container': db('PublishPort=[::]:7000:7000', 'PublishPort=127.0.0.1:5353:53/udp'),
    });
    const ports = inventoryPortAllocator(analysis.index);
    assert.equal(ports.isPortFree('ws', '127.0.0.1', 'tcp', 5432), false, 'every interface covers loopback');
    assert.equal(ports.isPortFree('ws', '127.0.0.1', 'tcp', 5432, [{ file: DB, line: 2 }]), true);
    assert.equal(ports.isPortFree('ws', '127.0.0.1', 'tcp', 7000), false, 'a dual-stack IPv6 wildcard takes IPv4 too');
    assert.equal(ports.isPortFree('ws', '127.0.0.1', 'tcp', 5353), true, 'udp does not take tcp');
    assert.equal(ports.isPortFree('ws', '127.0.0.2', 'udp', 5353), true);
    assert.equal(ports.isPortFree('other-host', '127.0.0.1', 'tcp', 5432), true);
    assert.equal(ports.nextFreePort('ws', '127.0.0.1', 'tcp', 5431), 5431);
    assert.equal(ports.nextFreePort('ws', '127.0.0.1', 'tcp', 5432), 5433);
    assert.equal(ports.nextFreePort('ws', '127.0.0.1', 'tcp', 5432, [], 5433), undefined);
  });
});
