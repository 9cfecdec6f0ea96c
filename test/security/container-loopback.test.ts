// container-loopback: positive and negative cases with exact ranges, with "\n" and "\r\n"; env files
// (relative, %h and absolute paths in a mirrored tree) and incremental re-analysis.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic, fmtRange } from '../helpers/diagnostics';
import { ROOT as WS, analyse, diagnose } from '../helpers/workspace';
import { AnalysisSettings } from '../../server/src/rules/types';
import { ALICE, BOB, BOB_SYSTEMD, OTHER_HOST, ROOT, container, socket } from '../ports/fixtures';

const CODE = 'container-loopback';
const URL = 'Environment=DATABASE_URL=postgres://app@127.0.0.1:5432/app';
/** Range of `127.0.0.1:5432` in URL on line 2. */
const URL_RANGE = '2:40-2:54';
const BOB_SOCKET = { [BOB_SYSTEMD + 'db.socket']: socket('ListenStream=127.0.0.1:5432') };

for (const [eolName, eol] of EOLS) {
  const eolFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)]));
  const diags = (files: Record<string, string>, file = ALICE + 'web.container', settings: Partial<AnalysisSettings> = {}) => diagnose(eolFiles(files), file, { podmanVersion: '5.8', ...settings });

  describe(`container-loopback (${eolName})`, () => {
    it("names the other user's socket and the pasta fix (default network)", () => {
      const d = assertDiagnostic(diags({ [ALICE + 'web.container']: container(URL), ...BOB_SOCKET }), {
        code: CODE,
        severity: 'warning',
        range: URL_RANGE,
        message:
          "DATABASE_URL points at 127.0.0.1:5432, but inside the container 127.0.0.1 is the container itself: port 5432 on the host's loopback belongs to user bob's db.socket line 2, and rootless Podman keeps the host's loopback out of reach. " +
          'To reach the service, use Network=pasta:--map-host-loopback,169.254.1.3 plus AddHost=host.containers.internal:169.254.1.3, then connect to host.containers.internal:5432.',
      });
      assert.equal(d.related?.length, 1);
      assert.equal(d.related![0].file, `${WS}/${BOB_SYSTEMD}db.socket`);
      assert.equal(fmtRange(d.related![0].range), '1:13-1:27');
    });

    it('says that a bridge .network cannot use the pasta mapping', () => {
      const files = { [ALICE + 'web.container']: container('Network=web.network', URL), [ALICE + 'web.network']: '[Network]\n', ...BOB_SOCKET };
      assertDiagnostic(diags(files), { code: CODE, range: '3:40-3:54', message: /The container is on web\.network, a bridge network, which cannot use pasta's loopback mapping: to reach the service, replace that network with Network=pasta:--map-host-loopback,169\.254\.1\.3/ });
    });

    it('gives the slirp4netns fix for Network=slirp4netns and for the default network before Podman 5', () => {
      const explicit = { [ALICE + 'web.container']: container('Network=slirp4netns', URL), ...BOB_SOCKET };
      assertDiagnostic(diags(explicit), { code: CODE, range: '3:40-3:54', message: /use Network=slirp4netns:allow_host_loopback=true and connect to 10\.0\.2\.2:5432\.$/ });
      const old = { [ALICE + 'web.container']: container(URL), ...BOB_SOCKET };
      assertDiagnostic(diags(old, ALICE + 'web.container', { podmanVersion: '4.9' }), { code: CODE, range: URL_RANGE, message: /allow_host_loopback=true/ });
    });

    it('offers a shared .network and the container name when the owner is a container of the same user', () => {
      const files = { [ALICE + 'web.container']: container(URL), [ALICE + 'db.container']: container('PublishPort=127.0.0.1:5432:5432') };
      assertDiagnostic(diags(files), { code: CODE, range: URL_RANGE, message: /user alice's db\.container line 3.* Or, as db\.container belongs to user alice too, put both containers on one \.network and connect to systemd-db:5432\.$/ });
      const named = { [ALICE + 'web.container']: container(URL), [ALICE + 'db.container']: container('ContainerName=pg', 'PublishPort=127.0.0.1:5432:15432') };
      assertDiagnostic(diags(named), { code: CODE, message: /connect to pg:15432\.$/ });
    });

    it('tells a rootful container that pasta is not for it', () => {
      const files = { [ROOT + 'proxy.container']: container(URL), ...BOB_SOCKET };
      const d = assertDiagnostic(diags(files, ROOT + 'proxy.container'), { code: CODE, range: URL_RANGE });
      assert.match(d.message, /belongs to user bob's db\.socket line 2\. A rootful container cannot use pasta's loopback mapping/);
    });

    it('reads localhost, [::1], Exec= and PodmanArgs=, and wildcard listeners', () => {
      const wildcard = { [BOB_SYSTEMD + 'db.socket']: socket('ListenStream=5432') };
      const files = {
        [ALICE + 'web.container']: container('Environment=A=localhost:5432 B=http://[::1]:5432/', 'Exec=--db 127.0.0.1:5432', 'PodmanArgs=--env C=127.0.0.1:5432'),
        ...wildcard,
      };
      const list = diags(files).filter((d) => d.code === CODE);
      assert.deepEqual(list.map((d) => `${fmtRange(d.range)} ${d.message.split(' points')[0]}`), ['2:14-2:28 A', '2:38-2:48 B', '3:10-3:24 Exec=', '4:19-4:33 PodmanArgs=']);
      // [::1] does not reach a listener bound to 127.0.0.1 only; localhost does.
      const v4 = diags({ [ALICE + 'web.container']: container('Environment=A=localhost:5432 B=[::1]:5432'), ...BOB_SOCKET }).filter((d) => d.code === CODE);
      assert.deepEqual(v4.map((d) => fmtRange(d.range)), ['2:14-2:28']);
    });

    it('is silent with Network=host, in a pod, on another container\'s network, and for its own ports', () => {
      for (const extra of ['Network=host', 'PodmanArgs=--network host', 'Pod=app.pod', 'Network=other.container', 'PublishPort=127.0.0.1:8080:5432', 'PublishPort=127.0.0.1:5432:80']) {
        assertNoDiagnostic(diags({ [ALICE + 'web.container']: container(extra, URL), ...BOB_SOCKET }), { code: CODE });
      }
    });

    it('is silent when nobody listens on the host loopback port, or only elsewhere', () => {
      assertNoDiagnostic(diags({ [ALICE + 'web.container']: container(URL) }), { code: CODE });
      assertNoDiagnostic(diags({ [ALICE + 'web.container']: container(URL), [BOB_SYSTEMD + 'db.socket']: socket('ListenStream=10.0.0.5:5432') }), { code: CODE });
      assertNoDiagnostic(diags({ [ALICE + 'web.container']: container(URL), [OTHER_HOST + 'db.container']: container('PublishPort=127.0.0.1:5432:5432') }), { code: CODE });
      // A listener Podman discards (a pod member's PublishPort) binds nothing.
      assertNoDiagnostic(diags({ [ALICE + 'web.container']: container(URL), [BOB + 'db.container']: container('Pod=db.pod', 'PublishPort=127.0.0.1:5432:5432') }), { code: CODE });
    });

    it('ignores --publish values in PodmanArgs and mentions inside template expressions', () => {
      assertNoDiagnostic(diags({ [ALICE + 'web.container']: container('PodmanArgs=-p 127.0.0.1:5432:80'), ...BOB_SOCKET }), { code: CODE });
      const j2 = 'hosts/h1/home/alice/.config/containers/systemd/web.container.j2';
      assertNoDiagnostic(diags({ [j2]: container("Environment=DATABASE_URL={{ '127.0.0.1:5432' }}"), ...BOB_SOCKET }, j2), { code: CODE });
      // A literal endpoint next to a template expression is still read.
      assertDiagnostic(diags({ [j2]: container('Environment=DATABASE_URL=postgres://{{ db_user }}@127.0.0.1:5432/app'), ...BOB_SOCKET }, j2), { code: CODE, range: '2:50-2:64' });
    });

    it('follows continuation lines for the range', () => {
      const d = assertDiagnostic(diags({ [ALICE + 'web.container']: container('Environment=A=1 \\', '  DATABASE_URL=postgres://127.0.0.1:5432/x'), ...BOB_SOCKET }), { code: CODE });
      assert.equal(fmtRange(d.range), '3:26-3:40');
    });

    it('reads the env files EnvironmentFile= names (relative, %h, absolute in the mirrored tree)', () => {
      const env = 'PORT=80\n# DATABASE_URL=postgres://127.0.0.1:9999/x\n  DATABASE_URL=postgres://127.0.0.1:5432/x\n';
      const cases: Array<[string, string, string]> = [
        ['EnvironmentFile=web.env', ALICE + 'web.env', '2:16-2:23'],
        ['EnvironmentFile=%h/env/web.env', 'hosts/h1/home/alice/env/web.env', '2:16-2:30'],
        ['EnvironmentFile="/etc/web.env"', 'hosts/h1/etc/web.env', '2:17-2:29'],
      ];
      for (const [line, path, range] of cases) {
        const d = assertDiagnostic(diags({ [ALICE + 'web.container']: container(line), [path]: env, ...BOB_SOCKET }), { code: CODE, range });
        assert.match(d.message, /^(web\.env|.*web\.env) line 3: DATABASE_URL points at 127\.0\.0\.1:5432/);
        assert.equal(d.related![0].file, `${WS}/${path}`);
        assert.equal(fmtRange(d.related![0].range), '2:26-2:40');
      }
    });
  });
}

describe('container-loopback re-analysis', () => {
  const file = `${WS}/${ALICE}web.container`;
  const has = (a: ReturnType<typeof analyse>) => a.diagnostics(file).some((d) => d.code === CODE);

  it("re-checks the container when the other user's listener appears, changes or goes", () => {
    const a = analyse({ [ALICE + 'web.container']: container(URL) }, { podmanVersion: '5.8' });
    assert.equal(has(a), false);
    const changed = a.setFile(`${WS}/${BOB_SYSTEMD}db.socket`, { text: socket('ListenStream=127.0.0.1:5432') });
    assert.ok(changed.includes(file), 'the container is among the changed files');
    assert.equal(has(a), true);
    a.setFile(`${WS}/${BOB_SYSTEMD}db.socket`, { text: socket('ListenStream=127.0.0.1:5433') });
    assert.equal(has(a), false);
    a.setFile(`${WS}/${BOB_SYSTEMD}db.socket`, { text: socket('ListenStream=127.0.0.1:5432') });
    a.removeFile(`${WS}/${BOB_SYSTEMD}db.socket`);
    assert.equal(has(a), false);
  });

  it('re-checks the container when its env file changes, and tells loaders which env files it wants', () => {
    const a = analyse({ [ALICE + 'web.container']: container('EnvironmentFile=web.env'), ...BOB_SOCKET }, { podmanVersion: '5.8' });
    assert.deepEqual(a.index.wantedFiles(), [`${WS}/${ALICE}web.env`]);
    assert.equal(has(a), false);
    const changed = a.setFile(`${WS}/${ALICE}web.env`, { text: lines('URL=http://localhost:5432') });
    assert.ok(changed.includes(file));
    assert.equal(has(a), true);
    a.setFile(`${WS}/${ALICE}web.env`, { text: 'URL=http://db:5432' });
    assert.equal(has(a), false);
    // A drop-in that names the file counts too.
    const b = analyse({ [ALICE + 'web.container']: container(), [ALICE + 'web.container.d/10-env.conf']: '[Container]\nEnvironmentFile=web.env\n' });
    assert.deepEqual(b.index.wantedFiles(), [`${WS}/${ALICE}web.env`]);
    b.removeFile(`${WS}/${ALICE}web.container.d/10-env.conf`);
    assert.deepEqual(b.index.wantedFiles(), []);
  });
});
