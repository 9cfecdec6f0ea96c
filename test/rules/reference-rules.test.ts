import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../helpers/workspace';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic, fmtRange } from '../helpers/diagnostics';
import { quickFixes } from '../../server/src/features/quick-fixes';
import { applyTextEdits } from '../../server/src/features/edits';

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd';
const ALICE_UNITS = 'hosts/h1/home/alice/.config/systemd/user';
const BOB = 'hosts/h1/home/bob/.config/containers/systemd';
const ROOT = 'hosts/h1/etc/containers/systemd';
const USERS = 'hosts/h1/etc/containers/systemd/users';
const CONFIG = { hosts: { h1: { users: { alice: 1001, bob: 1002 } } } };

for (const [eolName, eol] of EOLS) {
  const ws = (files: Record<string, string>, version = '5.8') => {
    const converted = Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)]));
    const analysis = analyse(converted, { podmanVersion: version }, CONFIG);
    return { analysis, diags: (p: string) => analysis.diagnostics(`/ws/${p}`) };
  };
  const container = (...body: string[]) => lines('[Container]', 'Image=docker.io/library/alpine:3', ...body);

  describe(`unresolved-reference (${eolName})`, () => {
    it('reports quadlet references the scope lacks, on the name only, with the generator’s words', () => {
      const { diags } = ws({
        [`${ALICE}/a.container`]: container(
          'Network=nope.network:ip=10.0.0.2',
          'Pod=nope.pod',
          'Volume=nope.volume:/data:Z',
          'Mount=type=volume,source=nope2.volume,destination=/x',
          'Mount=type=image,src=nope.image,dst=/img',
        ),
        [`${ALICE}/b.container`]: lines('[Container]', 'Image=nope.build'),
        [`${ALICE}/c.volume`]: lines('[Volume]', 'Driver=image', 'Image=nope.image'),
      });
      const d = diags(`${ALICE}/a.container`);
      assertDiagnostic(d, { code: 'unresolved-reference', severity: 'error', range: '2:8-2:20', message: /^No nope\.network in this scope: the generator refuses this unit \("requested Quadlet unit nope\.network was not found"\)\.$/ });
      assertDiagnostic(d, { code: 'unresolved-reference', range: '3:4-3:12', message: /quadlet pod unit nope\.pod does not exist/ });
      assertDiagnostic(d, { code: 'unresolved-reference', range: '4:7-4:18', message: /requested Quadlet source nope\.volume was not found/ });
      assertDiagnostic(d, { code: 'unresolved-reference', range: '5:25-5:37' });
      assertDiagnostic(d, { code: 'unresolved-reference', range: '6:21-6:31' });
      assertDiagnostic(diags(`${ALICE}/b.container`), { code: 'unresolved-reference', range: '1:6-1:16', message: /requested Quadlet image nope\.build was not found/ });
      assertDiagnostic(diags(`${ALICE}/c.volume`), { code: 'unresolved-reference', range: '2:6-2:16' });
    });

    it('reports a reference written by a drop-in on the drop-in’s own line', () => {
      const { diags } = ws({ [`${ALICE}/a.container`]: container(), [`${ALICE}/a.container.d/net.conf`]: lines('# extra network', '[Container]', 'Network=gone.network') });
      assertDiagnostic(diags(`${ALICE}/a.container.d/net.conf`), { code: 'unresolved-reference', range: '2:8-2:20' });
      assertNoDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference' });
    });

    it('points into continuation lines exactly', () => {
      const { diags } = ws({ [`${ALICE}/a.container`]: container('Mount=type=volume,\\', '  source=gone.volume,destination=/x') });
      assertDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference', range: '3:9-3:20' });
    });

    it('suggests a near name and fixes it', () => {
      const { analysis, diags } = ws({ [`${ALICE}/app.network`]: '[Network]', [`${ALICE}/a.container`]: container('Network=ap.network') });
      const path = `/ws/${ALICE}/a.container`;
      const d = assertDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference', range: '2:8-2:18', message: /Did you mean app\.network\?$/ });
      const file = analysis.index.getFile(path)!;
      const [fix] = quickFixes(file, [d]);
      assert.equal(fix.title, "Change to 'app.network'");
      const change = fix.change!.changes[0];
      assert.ok(change.kind === 'edit');
      assert.equal(applyTextEdits(file.text, change.edits).split(eol)[2], 'Network=app.network');
    });

    it('hints at a symlink when only the template of an instance exists', () => {
      const { diags } = ws({ [`${ALICE}/web@.container`]: container(), [`${ALICE}/a.container`]: container('Network=web@red.container') });
      assertDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference', message: /Only the template web@\.container exists: an instance needs its own file, for example web@red\.container as a symlink to web@\.container\./ });
    });

    it('fails [Unit] dependencies on missing quadlets from 5.5, and warns about untranslated ones before', () => {
      const files = { [`${ALICE}/db.container`]: container(), [`${ALICE}/a.container`]: lines('[Unit]', 'Requires=db.container nope.container', 'After=db.container', '', '[Container]', 'Image=docker.io/library/alpine:3') };
      const new58 = ws(files, '5.8').diags(`${ALICE}/a.container`);
      assertDiagnostic(new58, { code: 'unresolved-reference', severity: 'error', range: '1:22-1:36', message: /unable to translate dependency for nope\.container/ });
      assertNoDiagnostic(new58, { code: 'unresolved-reference', range: '1:9-1:21' });
      const old = ws(files, '5.4');
      const d54 = old.diags(`${ALICE}/a.container`);
      const w = assertDiagnostic(d54, { code: 'unresolved-reference', severity: 'warning', range: '1:9-1:21', message: /^Podman 5\.4 copies \[Unit\] dependencies as written, .* Name the generated service instead: db\.service\./ });
      assert.deepEqual(w.data, { suggestion: 'db.service' });
      assertDiagnostic(d54, { code: 'unresolved-reference', severity: 'warning', range: '1:22-1:36' });
      assertDiagnostic(d54, { code: 'unresolved-reference', severity: 'warning', range: '2:6-2:18' });
    });

    it('warns when a plain systemd unit names a quadlet file', () => {
      const { diags } = ws({ [`${ALICE}/db.container`]: container(), [`${ALICE_UNITS}/x.service`]: lines('[Unit]', 'Wants=db.container', '[Service]', 'ExecStart=/bin/true') });
      assertDiagnostic(diags(`${ALICE_UNITS}/x.service`), { code: 'unresolved-reference', severity: 'warning', range: '1:6-1:18', message: /^systemd does not read quadlet files: .*db\.service/ });
    });

    it('rejects quadlet file names inside PodmanArgs', () => {
      const { diags } = ws({ [`${ALICE}/app.network`]: '[Network]', [`${ALICE}/a.container`]: container('PodmanArgs=--memory 1g --network app.network') });
      assertDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference', severity: 'error', range: '2:33-2:44', message: /^PodmanArgs passes "app\.network" to podman unchanged/ });
    });

    it('reports a socket without its service, implicit or named', () => {
      const { diags } = ws({
        [`${ALICE_UNITS}/lonely.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:9000'),
        [`${ALICE_UNITS}/named.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:9001', 'Service=gone.service'),
        [`${ALICE_UNITS}/fine.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:9002'),
        [`${ALICE}/fine.container`]: container(),
        [`${ALICE_UNITS}/acc.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:9003', 'Accept=yes'),
        [`${ALICE_UNITS}/acc@.service`]: lines('[Service]', 'ExecStart=/bin/cat'),
      });
      assertDiagnostic(diags(`${ALICE_UNITS}/lonely.socket`), { code: 'unresolved-reference', severity: 'error', range: '0:1-0:7', message: 'lonely.socket starts lonely.service, but this scope has no lonely.service (no unit file and no quadlet that generates it): the first connection fails.' });
      assertDiagnostic(diags(`${ALICE_UNITS}/named.socket`), { code: 'unresolved-reference', range: '2:8-2:20' });
      assertNoDiagnostic(diags(`${ALICE_UNITS}/fine.socket`), { code: 'unresolved-reference' });
      assertNoDiagnostic(diags(`${ALICE_UNITS}/acc.socket`), { code: 'unresolved-reference' });
    });

    it('warns a file read by every user about targets only some users have', () => {
      const { diags } = ws({ [`${ALICE}/mine.network`]: '[Network]', [`${USERS}/shared.container`]: container('Network=mine.network') });
      const d = assertDiagnostic(diags(`${USERS}/shared.container`), { code: 'unresolved-reference', severity: 'warning', range: '2:8-2:20', message: /exists only for user alice/ });
      assert.equal(d.related?.[0].file, `/ws/${ALICE}/mine.network`);
    });

    it('stays silent for resolved references, modes, paths and system units', () => {
      const { diags } = ws({
        [`${ALICE}/app.network`]: '[Network]',
        [`${USERS}/shared.volume`]: '[Volume]',
        [`${ALICE}/a.container`]: lines('[Unit]', 'Wants=network-online.target', 'After=app-network.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=app.network', 'Network=host', 'Network=container:other', 'Volume=shared.volume:/s', 'Volume=/srv:/srv', 'Volume=./rel:/rel', 'Volume=/only-destination', 'Mount=type=tmpfs,destination=/tmp'),
      });
      assertNoDiagnostic(diags(`${ALICE}/a.container`), { code: 'unresolved-reference' });
    });
  });

  describe(`cross-user-reference (${eolName})`, () => {
    const files = () => ({
      [`${BOB}/db.network`]: lines('# bob', '[Network]'),
      [`${BOB}/db.container`]: container(),
      [`${BOB}/store.volume`]: '[Volume]',
      [`${ALICE}/worker.container`]: lines('[Unit]', 'Requires=db.service', 'After=db.service', 'Wants=db.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=db.network', 'Volume=store.volume:/s', 'Network=systemd-db'),
    });

    it('explains why another user’s network and units are out of reach, with the other file as related', () => {
      const { diags } = ws(files());
      const d = diags(`${ALICE}/worker.container`);
      const net = assertDiagnostic(d, { code: 'cross-user-reference', severity: 'error', range: '6:8-6:18', message: /^db\.network belongs to user bob, not to user alice: Podman keeps networks per owner .* Fix: publish it on 127\.0\.0\.1 in bob's scope \(or let a socket activator there start it on demand\) and connect to 127\.0\.0\.1:PORT/ });
      assert.deepEqual(net.related?.map((r) => [r.file, fmtRange(r.range)]), [[`/ws/${BOB}/db.network`, '1:1-1:8']]);
      assertDiagnostic(d, { code: 'cross-user-reference', severity: 'error', range: '1:9-1:19', message: /^db\.service is a unit of user bob, and alice's systemd manager only knows alice's own units: .*fails to start/ });
      assertDiagnostic(d, { code: 'cross-user-reference', severity: 'warning', range: '2:6-2:16', message: /this After= is ignored/ });
      assertDiagnostic(d, { code: 'cross-user-reference', severity: 'warning', range: '3:6-3:16' });
      assertDiagnostic(d, { code: 'cross-user-reference', severity: 'error', range: '7:7-7:19', message: /bind mount/ });
      assertDiagnostic(d, { code: 'cross-user-reference', severity: 'error', range: '8:8-8:18', message: /^systemd-db belongs to user bob/ });
      assertNoDiagnostic(d, { code: 'unresolved-reference' });
    });

    it('covers root referring to a user’s network', () => {
      const { diags } = ws({ ...files(), [`${ROOT}/proxy.container`]: container('Network=db.network') });
      assertDiagnostic(diags(`${ROOT}/proxy.container`), { code: 'cross-user-reference', severity: 'error', range: '2:8-2:18', message: /^db\.network belongs to user bob, not to root/ });
    });

    it('is silent when the owners are the same, shared, or unknown', () => {
      const { diags } = ws({
        ...files(),
        [`${ALICE}/db.network`]: '[Network]',
        [`${USERS}/common.network`]: '[Network]',
        [`${ALICE}/b.container`]: container('Network=db.network', 'Network=common.network'),
        'hosts/h1/misc/flat.container': container('Network=db.network'),
      });
      assertNoDiagnostic(diags(`${ALICE}/b.container`), { code: 'cross-user-reference' });
      const flat = diags('hosts/h1/misc/flat.container');
      assertNoDiagnostic(flat, { code: 'cross-user-reference' });
      assertNoDiagnostic(flat, { code: 'unresolved-reference' });
    });

    it('reports a socket that would start another user’s service', () => {
      const { diags } = ws({ ...files(), [`${ALICE_UNITS}/db.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:5432') });
      assertDiagnostic(diags(`${ALICE_UNITS}/db.socket`), { code: 'cross-user-reference', severity: 'error', range: '0:1-0:7', message: /a socket or timer starts units of its own systemd manager only/ });
    });
  });

  describe(`generated-name-reference (${eolName})`, () => {
    it('flags generated and configured object names and rewrites them to the file name', () => {
      const { analysis, diags } = ws({
        [`${ALICE}/app.network`]: '[Network]',
        [`${ALICE}/named.network`]: lines('[Network]', 'NetworkName=custom'),
        [`${ALICE}/data.volume`]: lines('[Volume]', 'VolumeName=alice-data'),
        [`${ALICE}/a.container`]: container('Network=systemd-app:ip=10.89.0.5', 'Network=custom', 'Volume=alice-data:/d', 'PodmanArgs=--network=systemd-app'),
      });
      const path = `${ALICE}/a.container`;
      const d = diags(path);
      const app = assertDiagnostic(d, { code: 'generated-name-reference', severity: 'information', range: '2:8-2:19', message: /^systemd-app is the network Podman creates for app\.network\. .*Requires=\/After= on app-network\.service/ });
      assert.deepEqual(app.related?.map((r) => r.file), [`/ws/${ALICE}/app.network`]);
      assertDiagnostic(d, { code: 'generated-name-reference', range: '3:8-3:14', message: /creates for named\.network/ });
      assertDiagnostic(d, { code: 'generated-name-reference', range: '4:7-4:17', message: /volume Podman creates for data\.volume/ });
      const args = assertDiagnostic(d, { code: 'generated-name-reference', range: '5:21-5:32', message: /Use Network=app\.network instead of the PodmanArgs option/ });
      assert.equal(args.data, undefined);
      const file = analysis.index.getFile(`/ws/${path}`)!;
      const [fix] = quickFixes(file, [app]);
      const change = fix.change!.changes[0];
      assert.ok(change.kind === 'edit');
      assert.equal(applyTextEdits(file.text, change.edits).split(eol)[2], 'Network=app.network:ip=10.89.0.5');
    });

    it('is silent for file names and for names no unit creates', () => {
      const { diags } = ws({ [`${ALICE}/app.network`]: '[Network]', [`${ALICE}/a.container`]: container('Network=app.network', 'Network=systemd-other', 'Network=podman') });
      assertNoDiagnostic(diags(`${ALICE}/a.container`), { code: 'generated-name-reference' });
    });
  });

  describe(`shadowed-unit (${eolName})`, () => {
    it('marks the file that loses its name to an earlier search directory', () => {
      const { diags } = ws({ [`${ALICE}/api.container`]: container(), [`${USERS}/1001/api.container`]: lines('# old copy', '[Container]', 'Image=docker.io/library/alpine:3') });
      const d = assertDiagnostic(diags(`${USERS}/1001/api.container`), { code: 'shadowed-unit', severity: 'information', range: '1:1-1:10', message: 'Not used by user alice (rootless) on host h1: the api.container in home/<user>/.config/containers/systemd is read first and wins, so this file is ignored.' });
      assert.equal(d.related?.[0].file, `/ws/${ALICE}/api.container`);
      assertNoDiagnostic(diags(`${ALICE}/api.container`), { code: 'shadowed-unit' });
    });

    it('tells a users/ file which users override it', () => {
      const { diags } = ws({ [`${ALICE}/tool.container`]: container(), [`${USERS}/tool.container`]: container() });
      assertDiagnostic(diags(`${USERS}/tool.container`), { code: 'shadowed-unit', message: /^Not used for user alice:/ });
    });

    it('leaves a specific drop-in overriding a broad one of the same search directory alone', () => {
      const { diags } = ws({ [`${ALICE}/a.container`]: container(), [`${ALICE}/container.d/10.conf`]: lines('[Container]', 'Label=a=1'), [`${ALICE}/a.container.d/10.conf`]: lines('[Container]', 'Label=a=2') });
      assertNoDiagnostic(diags(`${ALICE}/container.d/10.conf`), { code: 'shadowed-unit' });
    });

    it('marks the same-named drop-in that loses, by the target version’s rule', () => {
      const files = {
        [`${ALICE}/foo-bar.container`]: container(),
        [`${ALICE}/container.d/50.conf`]: lines('[Container]', 'Label=a=home'),
        [`${USERS}/1001/foo-bar.container.d/50.conf`]: lines('[Container]', 'Label=a=uid'),
      };
      const old = ws(files, '5.4');
      assertDiagnostic(old.diags(`${USERS}/1001/foo-bar.container.d/50.conf`), { code: 'shadowed-unit', range: '0:1-0:10', message: 'Not applied to foo-bar.container: the drop-in of the same name in container.d/ (home/<user>/.config/containers/systemd) wins (Podman 5.4 takes the first search directory).' });
      assertNoDiagnostic(old.diags(`${ALICE}/container.d/50.conf`), { code: 'shadowed-unit' });
      const now = ws(files, '5.8');
      assertDiagnostic(now.diags(`${ALICE}/container.d/50.conf`), { code: 'shadowed-unit', message: /Podman 5\.8 takes the most specific drop-in directory/ });
      assertNoDiagnostic(now.diags(`${USERS}/1001/foo-bar.container.d/50.conf`), { code: 'shadowed-unit' });
    });
  });
}
