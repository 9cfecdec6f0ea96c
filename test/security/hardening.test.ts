// hardening: off by default, one summary per file when the setting says recommend, exact ranges
// with "\n" and "\r\n", and one quick fix per missing line.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertDiagnostic, assertNoDiagnostic } from '../helpers/diagnostics';
import { ROOT as WS, analyse, diagnose } from '../helpers/workspace';
import { settingsFromConfig } from '../../server/src/features/settings';
import { quickFixes } from '../../server/src/features/quick-fixes';
import { applyTextEdits } from '../../server/src/features/edits';
import { ALICE, container } from '../ports/fixtures';

const CODE = 'hardening';
const WEB = ALICE + 'web.container';
const ON = { hardening: 'recommend' as const };

describe('hardening setting', () => {
  it('is off by default and read from the config', () => {
    assertNoDiagnostic(diagnose({ [WEB]: container() }, WEB), { code: CODE });
    assert.equal(settingsFromConfig({}).hardening, 'off');
    assert.equal(settingsFromConfig({ hardening: 'recommend' }).hardening, 'recommend');
    assertDiagnostic(diagnose({ [WEB]: container() }, WEB, settingsFromConfig({ hardening: 'recommend' })), { code: CODE });
    // A severity override still silences it.
    assertNoDiagnostic(diagnose({ [WEB]: container() }, WEB, { ...ON, severity: { hardening: 'off' } }), { code: CODE });
  });
});

for (const [eolName, eol] of EOLS) {
  const eolFiles = (files: Record<string, string>) => Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)]));
  const diags = (files: Record<string, string>, file = WEB) => diagnose(eolFiles(files), file, ON);

  describe(`hardening (${eolName})`, () => {
    it('gives one summary on the [Container] header, listing what is missing', () => {
      const list = diags({ [WEB]: lines('[Unit]', 'Description=web', '', '[Container]', 'Image=docker.io/library/nginx:1', 'PublishPort=127.0.0.1:8080:80') });
      const d = assertDiagnostic(list, {
        code: CODE,
        severity: 'information',
        range: '3:0-3:11',
        message:
          'Hardening: this container runs without ReadOnly=true (a read-only root file system), NoNewPrivileges=true (no privilege gain through setuid programs), DropCapability=ALL (no Linux capabilities). ' +
          'Each limits what an attacker who takes over the process can do; add them, then give back only what the container needs (AddCapability=, Tmpfs= or volumes for the paths it writes).',
      });
      assert.deepEqual(d.data, { missing: ['ReadOnly', 'NoNewPrivileges', 'DropCapability'] });
      assert.equal(list.filter((x) => x.code === CODE).length, 1);
    });

    it('reads the values as Podman does, drop-ins and templates included', () => {
      const some = assertDiagnostic(diags({ [WEB]: container('ReadOnly=yes', 'NoNewPrivileges=y') }), { code: CODE, range: '0:0-0:11' });
      assert.deepEqual(some.data, { missing: ['NoNewPrivileges', 'DropCapability'] }, 'Podman reads "y" as false');
      const dropin = { [WEB]: container('ReadOnly=true', 'NoNewPrivileges=true'), [ALICE + 'web.container.d/10-caps.conf']: '[Container]\nDropCapability=net_raw all\n' };
      assertNoDiagnostic(diags(dropin), { code: CODE });
      const j2 = ALICE + 'web.container.j2';
      assertNoDiagnostic(diags({ [j2]: container('ReadOnly={{ read_only }}', 'NoNewPrivileges=true', 'DropCapability=ALL') }, j2), { code: CODE });
    });

    it('is only about containers', () => {
      assertNoDiagnostic(diags({ [ALICE + 'app.pod']: '[Pod]\nPodName=app\n' }, ALICE + 'app.pod'), { code: CODE });
      assertNoDiagnostic(diags({ [ALICE + 'app.kube']: '[Kube]\nYaml=app.yaml\n' }, ALICE + 'app.kube'), { code: CODE });
    });
  });

  describe(`hardening quick fixes (${eolName})`, () => {
    const apply = (text: string) => {
      const a = analyse(eolFiles({ [WEB]: text }), ON);
      const file = a.index.getFile(`${WS}/${WEB}`)!;
      const actions = quickFixes(file, a.diagnostics(file.path).filter((d) => d.code === CODE), a.index);
      return actions.map((x) => {
        assert.equal(x.change?.changes.length, 1);
        const c = x.change!.changes[0];
        if (c.kind !== 'edit') throw new Error('not an edit');
        return { title: x.title, text: applyTextEdits(file.text, c.edits) };
      });
    };

    it('adds each missing line at the end of the [Container] section', () => {
      const before = lines('[Container]', 'Image=docker.io/library/nginx:1', '# the app', 'Exec=run', '', '[Service]', 'Restart=always');
      const results = apply(before);
      assert.deepEqual(results.map((r) => r.title), ['Add ReadOnly=true', 'Add NoNewPrivileges=true', 'Add DropCapability=ALL']);
      assert.equal(results[0].text, withEol(lines('[Container]', 'Image=docker.io/library/nginx:1', '# the app', 'Exec=run', 'ReadOnly=true', '', '[Service]', 'Restart=always'), eol));
      assert.equal(results[2].text, withEol(lines('[Container]', 'Image=docker.io/library/nginx:1', '# the app', 'Exec=run', 'DropCapability=ALL', '', '[Service]', 'Restart=always'), eol));
    });

    it('changes a value that says otherwise, and offers only what is missing', () => {
      const results = apply(container('ReadOnly=false', 'NoNewPrivileges=true', 'DropCapability=NET_RAW'));
      assert.deepEqual(results.map((r) => r.title), ['Add ReadOnly=true', 'Add DropCapability=ALL']);
      assert.equal(results[0].text, withEol(container('ReadOnly=true', 'NoNewPrivileges=true', 'DropCapability=NET_RAW'), eol));
      assert.equal(results[1].text, withEol(container('ReadOnly=false', 'NoNewPrivileges=true', 'DropCapability=NET_RAW', 'DropCapability=ALL'), eol));
      const a = analyse(eolFiles({ [WEB]: results[0].text }), ON);
      assert.deepEqual(a.diagnostics(`${WS}/${WEB}`).find((d) => d.code === CODE)?.data, { missing: ['DropCapability'] });
    });
  });
}
