// The inventory: what counts as a listener (PodmanArgs, sockets, drop-ins, Kubernetes YAML of a
// .kube), and incremental updates that re-analyse only the units whose ports overlap.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic, fmtRange } from '../helpers/diagnostics';
import { ROOT as WS, analyse } from '../helpers/workspace';
import { portInventory } from '../../server/src/workspace/ports/inventory';
import { endpointLabel } from '../../server/src/workspace/ports/model';
import { kubeYamlPorts } from '../../server/src/workspace/ports/kube-yaml';
import { Analysis } from '../../server/src/features/analysis';
import { ALICE, BOB, BOB_SYSTEMD, container, socket } from './fixtures';

const abs = (p: string) => `${WS}/${p}`;

function endpoints(a: Analysis, unitPath?: string): string[] {
  return portInventory(a.index)
    .all()
    .filter((l) => !unitPath || l.unit.file.path === abs(unitPath))
    .map((l) => `${endpointLabel(l)}${l.inactive ? ` (${l.inactive})` : ''}`)
    .sort();
}

const APP_YAML = lines(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: app',
  'spec:',
  '  containers:',
  '    - name: web',
  '      image: docker.io/library/nginx:1',
  '      ports:',
  '        - containerPort: 80',
  '          hostPort: 8080',
  '          hostIP: 127.0.0.1',
  '        - containerPort: 53',
  '          hostPort: 5353',
  '          protocol: UDP',
  '        - containerPort: 9000',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: api',
  '          ports: [{containerPort: 443, hostPort: 8443}]',
  '---',
  'kind: Pod',
  'spec:',
  '  hostNetwork: true',
  '  containers:',
  '    - ports:',
  '        - hostPort: 7000',
  '---',
  'kind: Pod',
  'spec: [unclosed',
);

describe('inventory: what is a listener', () => {
  it('reads PublishPort=, PodmanArgs -p/--publish and drop-ins, with random ports and protocols', () => {
    const a = analyse({
      [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80/tcp,udp', 'PublishPort=80', 'PodmanArgs=-p [::1]:9000:90 --publish=8443:443', 'PodmanArgs=--bad\\q -p 1:1'),
      [ALICE + 'a.container.d/ports.conf']: lines('[Container]', 'PublishPort=127.0.0.1:7000:70/sctp'),
    });
    assert.deepEqual(endpoints(a), ['*:8443/tcp', '*:random/tcp', '127.0.0.1:7000/sctp', '127.0.0.1:8080/tcp', '127.0.0.1:8080/udp', '[::1]:9000/tcp']);
  });

  it('applies an empty PublishPort= reset, and skips invalid, templated and template units', () => {
    const a = analyse({
      [ALICE + 'a.container']: container('PublishPort=1111:1', 'PublishPort=', 'PublishPort=2222:2', 'PublishPort=localhost:3333:3', 'PublishPort=0:80'),
      [ALICE + 'b@.container']: container('PublishPort=127.0.0.1:4444:80'),
      [ALICE + 'b@one.container']: container('PublishPort=127.0.0.1:5555:80'),
      [ALICE + 'c.container.j2']: container('PublishPort=127.0.0.1:{{ port }}:80'),
    });
    assert.deepEqual(endpoints(a), ['*:2222/tcp', '127.0.0.1:5555/tcp']);
  });

  it('marks mappings Podman discards (pod member, host, none and container networks)', () => {
    const a = analyse({
      [ALICE + 'p.container']: container('Pod=w.pod', 'PublishPort=127.0.0.1:1:1'),
      [ALICE + 'h.container']: container('Network=host', 'PublishPort=127.0.0.1:2:2'),
      [ALICE + 'n.container']: container('PodmanArgs=--network none', 'PublishPort=127.0.0.1:3:3'),
      [ALICE + 'c.container']: container('Network=db.container', 'PublishPort=127.0.0.1:4:4'),
      [ALICE + 'w.pod']: lines('[Pod]', 'PublishPort=127.0.0.1:5:5'),
    });
    assert.deepEqual(endpoints(a), ['127.0.0.1:1/tcp (pod-member)', '127.0.0.1:2/tcp (host-network)', '127.0.0.1:3/tcp (none-network)', '127.0.0.1:4/tcp (container-network)', '127.0.0.1:5/tcp']);
  });

  it('reads sockets: ports, addresses, BindIPv6Only, and not unix, abstract or vsock addresses', () => {
    const a = analyse({
      [BOB_SYSTEMD + 's.socket']: socket('ListenStream=8080', 'ListenDatagram=127.0.0.1:53', 'ListenSequentialPacket=[::1]:9', 'ListenStream=/run/s.sock', 'ListenStream=@abs', 'ListenStream=vsock:2:80'),
      [BOB_SYSTEMD + 't.socket']: socket('ListenStream=8081', 'ListenStream=[::]:8082', 'BindIPv6Only=ipv6-only'),
    });
    assert.deepEqual(endpoints(a), ['*:8080/tcp', '127.0.0.1:53/udp', '[::1]:9/sctp', '[::]:8081/tcp', '[::]:8082/tcp']);
    const t = portInventory(a.index).all().filter((l) => l.unit.name === 't.socket');
    assert.ok(t.every((l) => l.address.kind === 'any' && l.address.family === 6 && l.address.v6only));
  });
});

describe('inventory: Kubernetes YAML of a .kube', () => {
  for (const [eolName, eol] of EOLS) {
    it(`reads hostPort/hostIP/protocol of Pods and Deployments with exact ranges (${eolName})`, () => {
      const ports = kubeYamlPorts(withEol(APP_YAML, eol));
      assert.deepEqual(
        ports.map((p) => [p.hostPort, p.hostIP, p.protocol, p.hostPortRange && fmtRange(p.hostPortRange), p.hostIPRange && fmtRange(p.hostIPRange)]),
        [
          [8080, '127.0.0.1', 'tcp', '10:20-10:24', '11:18-11:27'],
          [5353, undefined, 'udp', '13:20-13:24', undefined],
          [undefined, undefined, 'tcp', undefined, undefined],
          [8443, undefined, 'tcp', '24:49-24:53', undefined],
        ],
      );
    });
  }

  it('turns YAML ports into listeners of the .kube, anchored on its Yaml= value', () => {
    const a = analyse({
      [BOB + 'app.kube']: lines('[Kube]', 'Yaml=app.yaml'),
      [BOB + 'app.yaml']: APP_YAML,
      [ALICE + 'web.container']: container('PublishPort=127.0.0.1:8080:80'),
    });
    assert.deepEqual(endpoints(a, BOB + 'app.kube'), ['*:5353/udp', '*:8443/tcp', '127.0.0.1:8080/tcp']);
    const d = assertDiagnostic(a.diagnostics(abs(BOB + 'app.kube')), { code: 'port-conflict', range: '1:5-1:13', message: /^app\.yaml line 11: 8080\/tcp on 127\.0\.0\.1 is also bound by user alice's web\.container line 3/ });
    assert.equal(d.related![0].file, abs(BOB + 'app.yaml'));
    assert.equal(fmtRange(d.related![0].range), '10:20-10:24');
    assertDiagnostic(a.diagnostics(abs(ALICE + 'web.container')), { code: 'port-conflict', message: /user bob's app\.yaml line 11 \(via app\.kube\)/ });
  });

  it('lets PublishPort= override the YAML port of the same container port, and --publish-all publish container ports', () => {
    const a = analyse({ [BOB + 'app.kube']: lines('[Kube]', 'Yaml=app.yaml', 'PublishPort=127.0.0.1:18080:80', 'PodmanArgs=--publish-all'), [BOB + 'app.yaml']: APP_YAML });
    assert.deepEqual(endpoints(a, BOB + 'app.kube'), ['*:5353/udp', '*:8443/tcp', '*:9000/tcp', '127.0.0.1:18080/tcp']);
  });

  it('resolves absolute paths and %h inside the mirrored host tree', () => {
    for (const y of ['/home/bob/k/app.yaml', '%h/k/app.yaml']) {
      const a = analyse({ [BOB + 'app.kube']: lines('[Kube]', `Yaml=${y}`), ['hosts/h1/home/bob/k/app.yaml']: APP_YAML });
      assert.equal(endpoints(a, BOB + 'app.kube').length, 3, y);
      assert.deepEqual(a.index.wantedFiles(), [abs('hosts/h1/home/bob/k/app.yaml')]);
    }
  });

  it('re-analyses the .kube and the other participants when the YAML changes or goes', () => {
    const a = analyse({
      [BOB + 'app.kube']: lines('[Kube]', 'Yaml=app.yaml'),
      [ALICE + 'web.container']: container('PublishPort=127.0.0.1:8080:80'),
    });
    assertNoDiagnostic(a.diagnostics(abs(ALICE + 'web.container')), { code: 'port-conflict' });
    const changed = a.setFile(abs(BOB + 'app.yaml'), { text: APP_YAML });
    assert.ok(changed.includes(abs(BOB + 'app.kube')) && changed.includes(abs(ALICE + 'web.container')), changed.join(', '));
    assertDiagnostic(a.diagnostics(abs(ALICE + 'web.container')), { code: 'port-conflict' });
    assertDiagnostic(a.diagnostics(abs(BOB + 'app.kube')), { code: 'port-conflict' });
    const gone = a.removeFile(abs(BOB + 'app.yaml'));
    assert.ok(gone.includes(abs(ALICE + 'web.container')));
    assertNoDiagnostic(a.diagnostics(abs(ALICE + 'web.container')), { code: 'port-conflict' });
    assertNoDiagnostic(a.diagnostics(abs(BOB + 'app.kube')), { code: 'port-conflict' });
  });
});

describe('inventory: incremental re-analysis', () => {
  const files = {
    [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80'),
    [BOB + 'b.container']: container('PublishPort=8080:80'),
    [BOB + 'c.container']: container('PublishPort=127.0.0.1:9000:80'),
    [BOB + 'wide.container']: container('PublishPort=127.0.0.1:20000-20999:20000-20999'),
  };
  it('re-checks only the units whose ports the change overlaps', () => {
    const a = analyse(files);
    a.allDiagnostics();
    const move = (spec: string) => a.setFile(abs(BOB + 'c.container'), { text: container(`PublishPort=${spec}`) }).map((p) => p.slice(p.lastIndexOf('/') + 1)).sort();
    assert.deepEqual(move('127.0.0.1:9001:80'), ['c.container']);
    a.allDiagnostics();
    assert.deepEqual(move('127.0.0.1:8080:80'), ['a.container', 'b.container', 'c.container']);
    a.allDiagnostics();
    assert.deepEqual(move('127.0.0.1:20500:80'), ['a.container', 'b.container', 'c.container', 'wide.container']);
    a.allDiagnostics();
    assert.deepEqual(move('127.0.0.1:30000:80'), ['c.container', 'wide.container']);
    a.allDiagnostics();
    assert.deepEqual(move('8080:80/udp'), ['c.container']);
  });

  it('follows drop-ins that add or remove ports', () => {
    const a = analyse(files);
    a.allDiagnostics();
    assertNoDiagnostic(a.diagnostics(abs(BOB + 'c.container')), { code: 'port-conflict' });
    const dropin = abs(BOB + 'c.container.d/10.conf');
    const changed = a.setFile(dropin, { text: lines('[Container]', 'PublishPort=127.0.0.1:8080:81') });
    assert.ok(changed.includes(abs(ALICE + 'a.container')));
    assertDiagnostic(a.diagnostics(dropin), { code: 'port-conflict', range: '1:22-1:26' });
    assert.equal(a.diagnostics(abs(ALICE + 'a.container')).filter((d) => d.code === 'port-conflict').length, 1);
    assert.match(a.diagnostics(abs(ALICE + 'a.container')).find((d) => d.code === 'port-conflict')!.message, /c\.container\.d\/10\.conf line 2/);
    a.removeFile(dropin);
    assert.doesNotMatch(a.diagnostics(abs(ALICE + 'a.container')).find((d) => d.code === 'port-conflict')!.message, /10\.conf/);
  });
});
