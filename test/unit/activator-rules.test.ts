import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../helpers/workspace';
import { assertDiagnostic, assertNoDiagnostic } from '../helpers/diagnostics';
import { EOLS, lines, withEol } from '../helpers/text';
import { messages as targetMessages } from '../../server/src/rules/activator-target';
import { messages as acceptMessages } from '../../server/src/rules/activator-accept';
import { messages as installMessages } from '../../server/src/rules/socket-service-missing-install';

const Q = 'home/postgres/.config/containers/systemd';
const S = 'home/postgres/.config/systemd/user';
const PROXYD = '/usr/lib/systemd/systemd-socket-proxyd';

const container = (...extra: string[]) => lines('[Container]', 'Image=docker.io/library/postgres:16', ...extra);
const activator = (target: string, requires = 'db-activator.socket db.service') =>
  lines('[Unit]', `Requires=${requires}`, 'After=db-activator.socket db.service', '', '[Service]', `ExecStart=${PROXYD} --exit-idle-time=5min ${target}`);
// "ExecStart=" + the path + " --exit-idle-time=5min " puts the target at column 71 of line 5.
const TARGET_AT = (target: string) => `5:71-5:${71 + target.length}`;

for (const [eolName, eol] of EOLS) {
  const run = (files: Record<string, string>, file: string) => diagnose(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)])), file);

  describe(`activator-target (${eolName})`, () => {
    it('flags a proxy target that the started container does not publish', () => {
      const list = run({ [`${Q}/db.container`]: container('PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('127.0.0.1:15433') }, `${S}/db-activator.service`);
      const d = assertDiagnostic(list, {
        code: 'activator-target',
        severity: 'error',
        range: TARGET_AT('127.0.0.1:15433'),
        message: targetMessages.notPublished('127.0.0.1:15433', ['db.container'], ['127.0.0.1:15432:5432']),
      });
      assert.equal(d.related?.[0].file, `/ws/${Q}/db.container`);
      assert.equal(d.related?.[0].range.start.line, 2);
    });

    it('accepts a target the container publishes, on its address or on every interface, also as localhost', () => {
      for (const [publish, target] of [
        ['127.0.0.1:15432:5432', '127.0.0.1:15432'],
        ['15432:5432', '127.0.0.1:15432'],
        ['0.0.0.0:15432:5432/tcp', '127.0.0.1:15432'],
        ['127.0.0.1:15432:5432', 'localhost:15432'],
        ['[::1]:15432:5432', '[::1]:15432'],
      ]) {
        const list = run({ [`${Q}/db.container`]: container(`PublishPort=${publish}`), [`${S}/db-activator.service`]: activator(target) }, `${S}/db-activator.service`);
        assertNoDiagnostic(list, { code: 'activator-target' });
      }
    });

    it('flags a UDP-only or differently addressed publish', () => {
      for (const publish of ['127.0.0.1:15432:5432/udp', '127.0.0.2:15432:5432']) {
        const list = run({ [`${Q}/db.container`]: container(`PublishPort=${publish}`), [`${S}/db-activator.service`]: activator('127.0.0.1:15432') }, `${S}/db-activator.service`);
        assertDiagnostic(list, { code: 'activator-target', range: TARGET_AT('127.0.0.1:15432') });
      }
    });

    it('flags an activator that does not start the container publishing its target', () => {
      const list = run({ [`${Q}/db.container`]: container('PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('127.0.0.1:15432', 'db-activator.socket') }, `${S}/db-activator.service`);
      assertDiagnostic(list, {
        code: 'activator-target',
        severity: 'error',
        range: TARGET_AT('127.0.0.1:15432'),
        message: targetMessages.notStarted('127.0.0.1:15432', 'db.container', 'db.service'),
      });
    });

    it('stays silent when nobody in the scope publishes the target (another user, a host daemon)', () => {
      const list = run(
        { 'home/alice/.config/containers/systemd/db.container': container('PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('127.0.0.1:15432', 'db-activator.socket') },
        `${S}/db-activator.service`,
      );
      assertNoDiagnostic(list, { code: 'activator-target' });
    });

    it('finds the container behind ServiceName= and the pod behind a member container', () => {
      const named = run({ [`${Q}/db.container`]: container('ServiceName=pg', 'PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('127.0.0.1:15432', 'pg.service') }, `${S}/db-activator.service`);
      assertNoDiagnostic(named, { code: 'activator-target' });
      const namedWrong = run({ [`${Q}/db.container`]: container('ServiceName=pg', 'PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('127.0.0.1:15439', 'pg.service') }, `${S}/db-activator.service`);
      assertDiagnostic(namedWrong, { code: 'activator-target', range: TARGET_AT('127.0.0.1:15439') });
      const pod = run(
        {
          [`${Q}/web.pod`]: lines('[Pod]', 'PublishPort=127.0.0.1:18080:80'),
          [`${Q}/app.container`]: container('Pod=web.pod'),
          [`${S}/db-activator.service`]: activator('127.0.0.1:18080', 'app.service'),
        },
        `${S}/db-activator.service`,
      );
      assertNoDiagnostic(pod, { code: 'activator-target' });
    });

    it('ignores unix targets and services that do not run systemd-socket-proxyd', () => {
      const unix = run({ [`${Q}/db.container`]: container('PublishPort=127.0.0.1:15432:5432'), [`${S}/db-activator.service`]: activator('/run/postgres/.s.PGSQL.5432') }, `${S}/db-activator.service`);
      assertNoDiagnostic(unix, { code: 'activator-target' });
      const other = run({ [`${S}/x.service`]: lines('[Unit]', 'Requires=db.service', '[Service]', 'ExecStart=/usr/bin/socat TCP-LISTEN:1 TCP:127.0.0.1:9') }, `${S}/x.service`);
      assertNoDiagnostic(other, { code: 'activator-target' });
    });
  });

  describe(`activator-accept (${eolName})`, () => {
    const socket = (accept: string, ...extra: string[]) => lines('[Socket]', 'ListenStream=127.0.0.1:5432', `Accept=${accept}`, ...extra, '', '[Install]', 'WantedBy=sockets.target');
    const proxy = lines('[Service]', `ExecStart=${PROXYD} 127.0.0.1:15432`);

    it('flags Accept=yes when the socket starts systemd-socket-proxyd', () => {
      for (const value of ['yes', 'true', 'on', '1']) {
        const list = run({ [`${S}/db-activator.socket`]: socket(value), [`${S}/db-activator.service`]: proxy }, `${S}/db-activator.socket`);
        const d = assertDiagnostic(list, { code: 'activator-accept', severity: 'error', range: `2:7-2:${7 + value.length}`, message: acceptMessages.accept('db-activator.socket', 'db-activator.service') });
        assert.equal(d.related?.[0].file, `/ws/${S}/db-activator.service`);
      }
    });

    it('looks at the per-connection template and at Service=', () => {
      const template = run({ [`${S}/db-activator.socket`]: socket('yes'), [`${S}/db-activator@.service`]: proxy }, `${S}/db-activator.socket`);
      assertDiagnostic(template, { code: 'activator-accept', range: '2:7-2:10', message: acceptMessages.accept('db-activator.socket', 'db-activator@.service') });
      const named = run({ [`${S}/db-activator.socket`]: socket('yes', 'Service=fwd.service'), [`${S}/fwd.service`]: proxy }, `${S}/db-activator.socket`);
      assertDiagnostic(named, { code: 'activator-accept', range: '2:7-2:10' });
    });

    it('reports Accept=yes where a drop-in sets it', () => {
      const list = run(
        { [`${S}/db-activator.socket`]: socket('no'), [`${S}/db-activator.socket.d/10-accept.conf`]: lines('[Socket]', 'Accept=yes'), [`${S}/db-activator.service`]: proxy },
        `${S}/db-activator.socket.d/10-accept.conf`,
      );
      assertDiagnostic(list, { code: 'activator-accept', range: '1:7-1:10' });
    });

    it('accepts Accept=no and Accept=yes for services that are no proxy', () => {
      assertNoDiagnostic(run({ [`${S}/db-activator.socket`]: socket('no'), [`${S}/db-activator.service`]: proxy }, `${S}/db-activator.socket`), { code: 'activator-accept' });
      assertNoDiagnostic(
        run({ [`${S}/echo.socket`]: lines('[Socket]', 'ListenStream=7', 'Accept=yes'), [`${S}/echo@.service`]: lines('[Service]', 'ExecStart=/usr/bin/cat', 'StandardInput=socket') }, `${S}/echo.socket`),
        { code: 'activator-accept' },
      );
    });
  });

  describe(`socket-service-missing-install (${eolName})`, () => {
    it('warns about a socket without [Install], on its [Socket] header', () => {
      const list = run({ [`${S}/db.socket`]: lines('[Unit]', 'Description=x', '', '[Socket]', 'ListenStream=127.0.0.1:5432') }, `${S}/db.socket`);
      assertDiagnostic(list, { code: 'socket-service-missing-install', severity: 'warning', range: '3:1-3:7', message: installMessages.noInstall('db.socket') });
    });

    it('warns about an [Install] section that hooks the socket nowhere', () => {
      const list = run({ [`${S}/db.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:5432', '[Install]', 'Alias=pg.socket') }, `${S}/db.socket`);
      assertDiagnostic(list, { code: 'socket-service-missing-install', range: '2:1-2:8', message: installMessages.noTarget('db.socket') });
    });

    it('accepts WantedBy=, RequiredBy= and an [Install] from a drop-in; ignores other unit types', () => {
      for (const install of ['WantedBy=sockets.target', 'RequiredBy=db.service']) {
        assertNoDiagnostic(run({ [`${S}/db.socket`]: lines('[Socket]', 'ListenStream=5432', '[Install]', install) }, `${S}/db.socket`), { code: 'socket-service-missing-install' });
      }
      const dropin = run({ [`${S}/db.socket`]: lines('[Socket]', 'ListenStream=5432'), [`${S}/db.socket.d/install.conf`]: lines('[Install]', 'WantedBy=sockets.target') }, `${S}/db.socket`);
      assertNoDiagnostic(dropin, { code: 'socket-service-missing-install' });
      assertNoDiagnostic(run({ [`${S}/db.service`]: lines('[Service]', 'ExecStart=/bin/true') }, `${S}/db.service`), { code: 'socket-service-missing-install' });
    });
  });
}
