// The invalid-value rule (and the value part of `version`): dispatch, severities and exact ranges.
import { describe, it } from 'node:test';
import { check } from '../helpers/workspace';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic, assertNoErrors } from '../helpers/diagnostics';

for (const [eolName, eol] of EOLS) {
  const run = (name: string, text: string, podmanVersion = '5.8') => check(name, withEol(text, eol), { podmanVersion });
  const C = ['[Container]', 'Image=quay.io/podman/hello'];

  describe(`invalid-value (${eolName})`, () => {
    it('points at the bad piece of a PublishPort= and accepts the forms other tools get wrong', () => {
      const d = run('web.container', lines(...C, 'PublishPort=127.0.0.1:8080:abc', 'PublishPort=[::]:8080:80', 'PublishPort=127.0.0.1::80',
        'PublishPort=8000-8010:8000-8010', 'PublishPort=53:53/udp', 'PublishPort=8443:443/tcp', 'Volume=%h/data:/data:Z'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:27-2:30', message: /"abc" is not a container port/ });
      assertNoDiagnostic(d, { code: 'invalid-value', range: '3:12-3:25' });
      assertNoErrors(d.filter((x) => x.range.start.line > 2));
    });

    it('warns about a garbage boolean, which Podman silently reads as false', () => {
      const d = run('web.container', lines(...C, 'ReadOnly=nope'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '2:9-2:13', message: /silently reads it as false/ });
    });

    it('strips one pair of quotes from single values and keeps the range on the inner text', () => {
      const d = run('web.container', lines(...C, 'StopSignal="SIGFOO"'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:12-2:18' });
    });

    it('refuses quotes around values the generator passes on verbatim (oracle: PublishPort="8080:80" → --publish "\\"8080:80\\"")', () => {
      const d = run('web.container', lines(...C, 'PublishPort="8080:80"'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:12-2:21', message: /quotes included/ });
    });

    it('maps pieces across continuation lines', () => {
      const d = run('web.container', lines(...C, 'Environment=A=1 \\', '  B=hello world'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '3:10-3:15', message: /separate word/ });
    });

    it('errors on the generator\'s own refusals with the range of the value', () => {
      const d = run('web.container', lines(...C, 'Pod=mypod', 'ExposeHostPort=80/sctp', '[Service]', 'KillMode=process', 'Type=simple'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:4-2:9', message: /not Quadlet based/ });
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '3:15-3:22' });
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '5:9-5:16', message: /KillMode/ });
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '6:5-6:11', message: /Type/ });
    });

    it('points at the key when the refused value is empty (oracle: Type= → "invalid service Type \'\'")', () => {
      const d = run('app.kube', lines('[Kube]', 'Yaml=/k.yaml', '[Service]', 'Type='));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '3:0-3:4' });
    });

    it('downgrades a value that a later line overrides', () => {
      const d = run('web.container', lines(...C, '[Service]', 'Type=simple', 'Type=notify'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '3:5-3:11', message: /later line/ });
    });

    it('flags unknown specifiers and skips values made of specifiers or variables', () => {
      const d = run('web.container', lines(...C, 'Volume=%x/data:/data', 'PublishPort=${PORT}:80', 'ContainerName=%i', 'Pod=%i.pod'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:7-2:9', message: /no specifier "%x"/ });
      assertNoDiagnostic(d, { code: 'invalid-value', range: '3:12-3:22' });
      assertNoDiagnostic(d, { code: 'invalid-value', range: '4:14-4:16' });
    });

    it('skips template expressions in .j2 files', () => {
      const d = run('web.container.j2', lines(...C, 'PublishPort={{ port }}:80', 'ReadOnly={{ ro }}'));
      assertNoDiagnostic(d, { code: 'invalid-value' });
    });

    it('reports values that need a newer Podman under `version`', () => {
      const d = run('web.container', lines(...C, 'Notify=healthy', 'Mount=source=data,destination=/data'), '4.9');
      assertDiagnostic(d, { code: 'version', severity: 'warning', range: '2:7-2:14', message: /5\.0/ });
      assertDiagnostic(d, { code: 'version', severity: 'error', range: '3:6-3:35', message: /5\.6/ });
      assertNoDiagnostic(d, { code: 'invalid-value' });
    });

    it('names the 5.4 crash on a Mount= without source', () => {
      const d = run('web.container', lines(...C, 'Mount=type=volume,destination=/data'), '5.4');
      assertDiagnostic(d, { code: 'invalid-value', severity: 'error', range: '2:6-2:35', message: /crashes/ });
    });

    it('checks systemd settings as warnings in systemd units', () => {
      const d = run('db.socket', lines('[Socket]', 'ListenStream=70000', 'Accept=maybe', 'SocketMode=0999', '[Install]', 'WantedBy=sockets.target', '[Socket]', 'ListenStream=%t/db.sock'));
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '1:13-1:18' });
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '2:7-2:12' });
      assertDiagnostic(d, { code: 'invalid-value', severity: 'warning', range: '3:11-3:15' });
      assertNoDiagnostic(d, { code: 'invalid-value', range: '5:9-5:23' });
      assertNoDiagnostic(d, { code: 'invalid-value', range: '7:13-7:23' });
    });

    it('leaves a valid file alone', () => {
      const d = run('web.container', lines(...C, 'PublishPort=8080:80', 'Environment=TZ=UTC "MSG=hello world"', 'AddCapability=NET_BIND_SERVICE',
        'HealthInterval=30s', 'Memory=512m', 'UserNS=keep-id:uid=1000', 'Network=pasta:--map-host-loopback,10.0.2.2', 'Label=app=web',
        'Secret=dbpass,type=env,target=DB_PASSWORD', 'Ulimit=nofile=65536:65536', '[Service]', 'Restart=always', 'TimeoutStartSec=900', '[Install]', 'WantedBy=default.target'));
      assertNoDiagnostic(d, { code: 'invalid-value' });
    });
  });
}
