// The port rules, each with positive and negative cases and exact ranges, with "\n" and "\r\n".

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic } from '../helpers/diagnostics';
import { ROOT as WS, diagnose } from '../helpers/workspace';
import { settingsFromConfig } from '../../server/src/features/settings';
import { AnalysisSettings } from '../../server/src/rules/types';
import { QuadletConfig } from '../../server/src/workspace/config';
import { ALICE, BOB, BOB_SYSTEMD, OTHER_HOST, ROOT, container, socket } from './fixtures';

for (const [eolName, eol] of EOLS) {
  const eolFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)]));
  const diags = (files: Record<string, string>, file: string, settings: Partial<AnalysisSettings> = {}, config: QuadletConfig = {}) => diagnose(eolFiles(files), file, settings, config);

  describe(`port-conflict (${eolName})`, () => {
    const alice = container('PublishPort=127.0.0.1:8080:80');
    it('is reported on every participant, naming the others in the message and related information', () => {
      const files = { [ALICE + 'web.container']: alice, [BOB + 'metrics.container']: container('PublishPort=8080:9100') };
      const a = assertDiagnostic(diags(files, ALICE + 'web.container'), {
        code: 'port-conflict',
        severity: 'error',
        range: '2:22-2:26',
        message: "8080/tcp on 127.0.0.1 is also bound by user bob's metrics.container line 3 (8080/tcp on every interface). Only one of them can have it: the other fails to bind or never gets the traffic.",
      });
      assert.equal(a.related?.length, 1);
      assert.equal(a.related![0].file, `${WS}/${BOB}metrics.container`);
      assert.equal(`${a.related![0].range.start.line}:${a.related![0].range.start.character}`, '2:12');
      const b = assertDiagnostic(diags(files, BOB + 'metrics.container'), { code: 'port-conflict', range: '2:12-2:16', message: /user alice's web\.container line 3 \(8080\/tcp on 127\.0\.0\.1\)/ });
      assert.equal(b.related![0].file, `${WS}/${ALICE}web.container`);
    });

    it('names every other participant (three users)', () => {
      const files = {
        [ALICE + 'web.container']: alice,
        [BOB + 'metrics.container']: container('PublishPort=8080:9100'),
        [ROOT + 'proxy.container']: container('PublishPort=0.0.0.0:8080:80'),
      };
      const d = assertDiagnostic(diags(files, ALICE + 'web.container'), { code: 'port-conflict' });
      assert.match(d.message, /user bob's metrics\.container line 3 .*; root's proxy\.container line 3 \(8080\/tcp on 0\.0\.0\.0\)/);
      assert.equal(d.related?.length, 2);
    });

    it('follows the overlap rules: protocol, addresses, ranges', () => {
      const cases: Array<[string, string, boolean]> = [
        ['127.0.0.1:8080:80', '127.0.0.1:8080:80', true],
        ['127.0.0.1:8080:80', '127.0.0.2:8080:80', false],
        ['127.0.0.1:8080:80', '8080:80/udp', false],
        ['8080:80/tcp,udp', '127.0.0.1:8080:80/udp', true],
        ['0.0.0.0:8080:80', '[::1]:8080:80', false],
        ['[::]:8080:80', '127.0.0.1:8080:80', true],
        ['127.0.0.1:8000-8010:8000-8010', '127.0.0.1:8010:80', true],
        ['127.0.0.1:8000-8010:8000-8010', '127.0.0.1:8011:80', false],
        ['127.0.0.1::80', '127.0.0.1::80', false],
        ['80', '8080:80', false],
      ];
      for (const [mine, theirs, conflict] of cases) {
        const files = { [ALICE + 'a.container']: container(`PublishPort=${mine}`), [BOB + 'b.container']: container(`PublishPort=${theirs}`) };
        const found = diags(files, ALICE + 'a.container').filter((d) => d.code === 'port-conflict');
        assert.equal(found.length > 0, conflict, `${mine} vs ${theirs}`);
      }
    });

    it('compares sockets with containers, honouring BindIPv6Only=ipv6-only', () => {
      const c = { [ALICE + 'a.container']: container('PublishPort=127.0.0.1:5432:5432') };
      const plain = { ...c, [BOB_SYSTEMD + 'db.socket']: socket('ListenStream=5432') };
      assertDiagnostic(diags(plain, BOB_SYSTEMD + 'db.socket'), { code: 'port-conflict', range: '1:13-1:17', message: /user alice's a\.container line 3/ });
      const v6only = { ...c, [BOB_SYSTEMD + 'db.socket']: socket('ListenStream=5432', 'BindIPv6Only=ipv6-only') };
      assertNoDiagnostic(diags(v6only, BOB_SYSTEMD + 'db.socket'), { code: 'port-conflict' });
      assertNoDiagnostic(diags(v6only, ALICE + 'a.container'), { code: 'port-conflict' });
      const udp = { ...c, [BOB_SYSTEMD + 'db.socket']: socket('ListenDatagram=127.0.0.1:5432') };
      assertNoDiagnostic(diags(udp, BOB_SYSTEMD + 'db.socket'), { code: 'port-conflict' });
    });

    it('never crosses hosts, and ignores shadowed files and mappings Podman discards', () => {
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: alice, [OTHER_HOST + 'b.container']: alice }, ALICE + 'a.container'), { code: 'port-conflict' });
      const podMember = container('Pod=web.pod', 'PublishPort=127.0.0.1:8080:80');
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: alice, [BOB + 'b.container']: podMember }, ALICE + 'a.container'), { code: 'port-conflict' });
      const hostNet = container('Network=host', 'PublishPort=127.0.0.1:8080:80');
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: alice, [BOB + 'b.container']: hostNet }, ALICE + 'a.container'), { code: 'port-conflict' });
      // bob's ~/.config file wins over /etc/containers/systemd/users/<uid>/b.container of the same name.
      const shadowed = { [ALICE + 'a.container']: alice, [BOB + 'b.container']: container('PublishPort=127.0.0.1:9999:80'), ['hosts/h1/etc/containers/systemd/users/1003/b.container']: alice };
      assertNoDiagnostic(diags(shadowed, ALICE + 'a.container', {}, { hosts: { h1: { users: { bob: 1003 } } } }), { code: 'port-conflict' });
    });

    it('reports two listeners of one unit, but not a mapping Podman joins', () => {
      const twice = container('PublishPort=127.0.0.1:8080:80', 'PublishPort=8080:81');
      const found = diags({ [ALICE + 'a.container']: twice }, ALICE + 'a.container').filter((d) => d.code === 'port-conflict');
      assert.deepEqual(found.map((d) => `${d.range.start.line}:${d.range.start.character}`), ['2:22', '3:12']);
      assert.match(found[0].message, /user alice's a\.container line 4/);
      const joined = container('PublishPort=127.0.0.1:8080:80', 'PublishPort=127.0.0.1:8080:80/tcp');
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: joined }, ALICE + 'a.container'), { code: 'port-conflict' });
    });

    it('lands on the drop-in that publishes, and on continuation lines exactly', () => {
      const files = {
        [ALICE + 'a.container']: alice,
        [BOB + 'b.container']: container(),
        [BOB + 'b.container.d/10-ports.conf']: lines('[Container]', 'PublishPort=127.0.0.1:\\', '  8080:80'),
      };
      assertDiagnostic(diags(files, BOB + 'b.container.d/10-ports.conf'), { code: 'port-conflict', range: '2:2-2:6', message: /user alice's a\.container line 3/ });
      assertNoDiagnostic(diags(files, BOB + 'b.container'), { code: 'port-conflict' });
      assertDiagnostic(diags(files, ALICE + 'a.container'), { code: 'port-conflict', message: /user bob's b\.container\.d\/10-ports\.conf line 2/ });
    });

    it('reads -p and --publish inside PodmanArgs=', () => {
      const files = { [ALICE + 'a.container']: alice, [BOB + 'b.container']: container('PodmanArgs=--cpus 2 -p 127.0.0.1:8080:80 --publish=9000:90') };
      assertDiagnostic(diags(files, BOB + 'b.container'), { code: 'port-conflict', range: '2:33-2:37' });
    });
  });

  describe(`public-bind (${eolName})`, () => {
    const one = (spec: string, settings: Partial<AnalysisSettings> = {}, config: QuadletConfig = {}) => diags({ [ALICE + 'a.container']: container(`PublishPort=${spec}`) }, ALICE + 'a.container', settings, config);
    it('flags a missing address on the whole value, and wildcard or foreign addresses on the address', () => {
      assertDiagnostic(one('6379:6379'), { code: 'public-bind', severity: 'warning', range: '2:12-2:21', message: /^Port 6379\/tcp is published on every interface \(no address given\)/ });
      assertDiagnostic(one('0.0.0.0:80:80'), { code: 'public-bind', range: '2:12-2:19', message: /on 0\.0\.0\.0 \(every IPv4 interface\)/ });
      assertDiagnostic(one('[::]:8080:80'), { code: 'public-bind', range: '2:12-2:16', message: /on \[::\] \(every interface, IPv6 and IPv4\)/ });
      assertDiagnostic(one('192.168.1.5:8080:80'), { code: 'public-bind', range: '2:12-2:23', message: /192\.168\.1\.5, which is neither loopback nor in trustedAddresses/ });
      assertDiagnostic(one('80'), { code: 'public-bind', range: '2:12-2:14', message: /^A random host port/ });
    });
    it('accepts loopback and trusted addresses (setting and config, addresses and CIDRs)', () => {
      for (const spec of ['127.0.0.1:8080:80', '127.0.0.53:53:53/udp', '[::1]:8080:80', '127.0.0.1::80']) assertNoDiagnostic(one(spec), { code: 'public-bind' });
      assertNoDiagnostic(one('10.10.0.2:8080:80', { trustedAddresses: ['10.10.0.2'] }), { code: 'public-bind' });
      const config: QuadletConfig = { trustedAddresses: ['10.10.0.0/24'] };
      assertNoDiagnostic(one('10.10.0.9:8080:80', settingsFromConfig(config), config), { code: 'public-bind' });
      assertDiagnostic(one('10.10.1.9:8080:80', settingsFromConfig(config), config), { code: 'public-bind' });
    });
    it('covers sockets, and skips mappings Podman discards', () => {
      assertDiagnostic(diags({ [BOB_SYSTEMD + 'x.socket']: socket('ListenStream=8080') }, BOB_SYSTEMD + 'x.socket'), { code: 'public-bind', range: '1:13-1:17' });
      assertDiagnostic(diags({ [BOB_SYSTEMD + 'x.socket']: socket('ListenStream=[::]:8080') }, BOB_SYSTEMD + 'x.socket'), { code: 'public-bind', range: '1:13-1:17' });
      assertNoDiagnostic(diags({ [BOB_SYSTEMD + 'x.socket']: socket('ListenStream=/run/x.sock', 'ListenStream=127.0.0.1:80') }, BOB_SYSTEMD + 'x.socket'), { code: 'public-bind' });
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Network=none', 'PublishPort=8080:80') }, ALICE + 'a.container'), { code: 'public-bind' });
    });
    it('skips a file shadowed by one of the same name earlier in the search order', () => {
      const shadowed = 'hosts/h1/etc/containers/systemd/users/1001/a.container';
      const files = { [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80'), [shadowed]: container('PublishPort=8080:80') };
      const config: QuadletConfig = { hosts: { h1: { users: { alice: 1001 } } } };
      assertNoDiagnostic(diags(files, shadowed, {}, config), { code: 'public-bind' });
      assertDiagnostic(diags({ [shadowed]: container('PublishPort=8080:80') }, shadowed, {}, config), { code: 'public-bind' });
    });
  });

  describe(`privileged-port (${eolName})`, () => {
    it('flags rootless listeners below the start, naming the sysctl and socket activation', () => {
      const d = assertDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:80:3000') }, BOB + 'g.container'), { code: 'privileged-port', severity: 'warning', range: '2:22-2:24' });
      assert.match(d.message, /net\.ipv4\.ip_unprivileged_port_start \(1024 on h1\)/);
      assert.match(d.message, /socket activation/);
      assertDiagnostic(diags({ [BOB_SYSTEMD + 'w.socket']: socket('ListenStream=127.0.0.1:443') }, BOB_SYSTEMD + 'w.socket'), { code: 'privileged-port', range: '1:23-1:26' });
      assertDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:1000-1030:1000-1030') }, BOB + 'g.container'), { code: 'privileged-port', range: '2:22-2:31' });
    });
    it('spares root, ports at or above the start, random ports, and honours the setting and per-host config', () => {
      assertNoDiagnostic(diags({ [ROOT + 'g.container']: container('PublishPort=127.0.0.1:80:3000') }, ROOT + 'g.container'), { code: 'privileged-port' });
      assertNoDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:1024:3000') }, BOB + 'g.container'), { code: 'privileged-port' });
      assertNoDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1::80') }, BOB + 'g.container'), { code: 'privileged-port' });
      assertNoDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:80:3000') }, BOB + 'g.container', { unprivilegedPortStart: 80 }), { code: 'privileged-port' });
      const perHost: QuadletConfig = { hosts: { h1: { unprivilegedPortStart: 0 } } };
      assertNoDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:80:3000') }, BOB + 'g.container', {}, perHost), { code: 'privileged-port' });
      const d = assertDiagnostic(diags({ [BOB + 'g.container']: container('PublishPort=127.0.0.1:80:3000') }, BOB + 'g.container', {}, { hosts: { h1: { unprivilegedPortStart: 100 } } }), { code: 'privileged-port' });
      assert.match(d.message, /\(100 on h1\)/);
    });
  });

  describe(`host-network (${eolName})`, () => {
    it('flags Network=host and --network host in PodmanArgs on the value', () => {
      assertDiagnostic(diags({ [ALICE + 'a.container']: container('Network=host') }, ALICE + 'a.container'), { code: 'host-network', severity: 'warning', range: '2:8-2:12', message: /^Network=host: the container shares the host's network namespace/ });
      assertDiagnostic(diags({ [ALICE + 'a.container']: container('PodmanArgs=--network=host') }, ALICE + 'a.container'), { code: 'host-network', range: '2:21-2:25', message: /^--network host in PodmanArgs/ });
      assertDiagnostic(diags({ [ALICE + 'a.container']: container('PodmanArgs=--net host') }, ALICE + 'a.container'), { code: 'host-network', range: '2:17-2:21' });
      assertDiagnostic(diags({ [ALICE + 'w.pod']: lines('[Pod]', 'Network=host') }, ALICE + 'w.pod'), { code: 'host-network', range: '1:8-1:12' });
    });
    it('is silent for other networks and when suppressed', () => {
      for (const n of ['none', 'webapp.network', 'pasta:--map-host-loopback,10.0.2.2', 'hostnet']) assertNoDiagnostic(diags({ [ALICE + 'a.container']: container(`Network=${n}`) }, ALICE + 'a.container'), { code: 'host-network' });
      // The last special mode wins: "--network none" in PodmanArgs comes after Network=host.
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Network=host', 'PodmanArgs=--network none') }, ALICE + 'a.container'), { code: 'host-network' });
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('# quadlet-ls-disable-next-line host-network', 'Network=host') }, ALICE + 'a.container'), { code: 'host-network' });
    });
  });

  describe(`pod-member-publish (${eolName})`, () => {
    it('flags PublishPort=, Network= and PodmanArgs options of a pod member', () => {
      const list = diags({ [ALICE + 'a.container']: container('Pod=web.pod', 'PublishPort=8080:80', 'Network=host', 'PodmanArgs=-p 9000:90 --network=bridge') }, ALICE + 'a.container');
      assertDiagnostic(list, { code: 'pod-member-publish', severity: 'error', range: '3:0-3:11', message: /^PublishPort= in a container that joins web\.pod: ports belong on the pod/ });
      assertDiagnostic(list, { code: 'pod-member-publish', range: '4:0-4:7', message: /^Network= in a container that joins web\.pod: the pod owns the network/ });
      assertDiagnostic(list, { code: 'pod-member-publish', range: '5:11-5:13', message: /^A port published in PodmanArgs/ });
      assertDiagnostic(list, { code: 'pod-member-publish', range: '5:22-5:38', message: /^A network set in PodmanArgs/ });
    });
    it('is silent without Pod= and for the pod itself', () => {
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80', 'Network=host') }, ALICE + 'a.container'), { code: 'pod-member-publish' });
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Pod=web.pod') }, ALICE + 'a.container'), { code: 'pod-member-publish' });
      assertNoDiagnostic(diags({ [ALICE + 'web.pod']: lines('[Pod]', 'PublishPort=127.0.0.1:8080:80') }, ALICE + 'web.pod'), { code: 'pod-member-publish' });
    });
  });

  describe(`none-network-publish (${eolName})`, () => {
    it('flags published ports of a container without network, on the value', () => {
      const list = diags({ [ALICE + 'a.container']: container('Network=none', 'PublishPort=127.0.0.1:8080:80', 'PodmanArgs=-p 9000:90') }, ALICE + 'a.container');
      assertDiagnostic(list, { code: 'none-network-publish', severity: 'information', range: '3:12-3:29', message: /^Network=none gives the container only its own loopback interface/ });
      assertDiagnostic(list, { code: 'none-network-publish', range: '4:14-4:21' });
      assertDiagnostic(diags({ [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80', 'PodmanArgs=--network none') }, ALICE + 'a.container'), { code: 'none-network-publish', range: '2:12-2:29', message: /^--network none in PodmanArgs/ });
    });
    it('is silent with a network, without published ports, and for pod members', () => {
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Network=host', 'PublishPort=127.0.0.1:8080:80') }, ALICE + 'a.container'), { code: 'none-network-publish' });
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Network=none') }, ALICE + 'a.container'), { code: 'none-network-publish' });
      assertNoDiagnostic(diags({ [ALICE + 'a.container']: container('Pod=w.pod', 'Network=none', 'PublishPort=8080:80') }, ALICE + 'a.container'), { code: 'none-network-publish' });
    });
  });
}
