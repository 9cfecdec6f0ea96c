import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuadletService } from '../../server/src/features/service';
import { definition, documentLinks, findReferences, navContext, referenceHover, workspaceSymbols } from '../../server/src/features/navigation';
import { prepareRename, renameUnit } from '../../server/src/features/rename';
import { applyTextEdits } from '../../server/src/features/edits';
import { EOLS, cursor, lines, withEol } from '../helpers/text';
import { fmtRange } from '../helpers/diagnostics';

const A = '/ws/hosts/h1/home/alice/.config/containers/systemd';
const AU = '/ws/hosts/h1/home/alice/.config/systemd/user';
const B = '/ws/hosts/h1/home/bob/.config/containers/systemd';

for (const [eolName, eol] of EOLS) {
  /** Files with at most one `|` cursor; returns the service and the cursor's file and position. */
  function setup(files: Record<string, string>) {
    const service = new QuadletService({ scope: { roots: ['/ws'], config: { hosts: { h1: { users: { alice: 1001, bob: 1002 } } } } }, settings: { podmanVersion: '5.8' } });
    let at: { path: string; position: { line: number; character: number } } | undefined;
    for (const [path, raw] of Object.entries(files)) {
      let text = withEol(raw, eol);
      if (text.includes('|')) {
        const c = cursor(text);
        text = c.text;
        at = { path, position: c.position };
      }
      service.openDocument(path, text, 1);
    }
    return { service, at: at! };
  }
  const base = () => ({
    [`${A}/app.network`]: lines('[Network]', 'Subnet=10.89.0.0/24'),
    [`${A}/app.network.d/10.conf`]: lines('[Network]', 'Label=x=y'),
    [`${A}/api.container`]: lines('[Unit]', 'After=app-network.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=app.network'),
    [`${A}/gen.container`]: lines('[Container]', 'Image=docker.io/library/alpine:3', 'Network=systemd-app'),
    [`${A}/web@.container`]: lines('[Container]', 'Image=docker.io/library/alpine:3'),
    [`${B}/db.container`]: lines('[Container]', 'Image=docker.io/library/postgres:16'),
    [`${AU}/api.socket`]: lines('[Socket]', 'ListenStream=127.0.0.1:9000'),
  });

  describe(`navigation (${eolName})`, () => {
    it('goes to the definition of file, service, object and template references', () => {
      const cases: Array<[string, string, string]> = [
        [`${A}/api.container`, lines('[Container]', 'Image=docker.io/library/alpine:3', 'Network=app.ne|twork'), `${A}/app.network`],
        [`${A}/x.container`, lines('[Container]', 'Image=docker.io/library/alpine:3', 'Network=systemd-a|pp'), `${A}/app.network`],
        [`${A}/x.container`, lines('[Unit]', 'Wants=web@r|ed.service', '[Container]', 'Image=docker.io/library/alpine:3'), `${A}/web@.container`],
        [`${A}/x.container`, lines('[Unit]', 'Requires=d|b.service', '[Container]', 'Image=docker.io/library/alpine:3'), `${B}/db.container`],
      ];
      for (const [path, text, target] of cases) {
        const { service, at } = setup({ ...base(), [path]: text });
        const locs = definition(navContext(service), at.path, at.position);
        assert.deepEqual(locs.map((l) => l.path), [target], text);
      }
      const { service, at } = setup({ ...base(), [`${A}/x.container`]: lines('[Container]', 'Image=docker.io/library/alpine:3', '|Network=app.network') });
      assert.deepEqual(definition(navContext(service), at.path, at.position), [], 'the key itself is not a reference');
      const [loc] = definition(navContext(service), at.path, { line: 2, character: 9 });
      assert.equal(fmtRange(loc.range), '0:1-0:8');
    });

    it('finds every referring line in the scope, from the target file or from a reference', () => {
      const { service, at } = setup({ ...base(), [`${A}/app.network`]: lines('[Net|work]', 'Subnet=10.89.0.0/24') });
      const refs = findReferences(navContext(service), at.path, at.position, false).map((l) => `${l.path.split('/').pop()} ${fmtRange(l.range)}`).sort();
      assert.deepEqual(refs, ['api.container 1:6-1:25', 'api.container 4:8-4:19', 'gen.container 2:8-2:19']);
      const fromRef = findReferences(navContext(service), `${A}/api.container`, { line: 4, character: 10 }, true).map((l) => l.path.split('/').pop());
      assert.deepEqual(fromRef.sort(), ['api.container', 'api.container', 'app.network', 'gen.container']);
      // The socket's implicit reference to api.service is found from api.container.
      const toApi = findReferences(navContext(service), `${A}/api.container`, { line: 3, character: 0 }, false);
      assert.deepEqual(toApi.map((l) => `${l.path.split('/').pop()} ${fmtRange(l.range)}`), ['api.socket 0:1-0:7']);
    });

    it('renames a quadlet: file, drop-in directory, every reference and generated name, in one change', () => {
      const { service, at } = setup({ ...base(), [`${A}/api.container`]: lines('[Unit]', 'After=app-network.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=app|.network:ip=10.89.0.5') });
      const prep = prepareRename(navContext(service), at.path, at.position);
      assert.ok(!('error' in prep));
      assert.equal(fmtRange(prep.range!), '4:8-4:19');
      const result = renameUnit(navContext(service), at.path, at.position, 'backend');
      assert.ok('change' in result, JSON.stringify(result));
      const edited: Record<string, string> = {};
      const renames: string[] = [];
      for (const c of result.change.changes) {
        if (c.kind === 'edit') edited[c.path] = applyTextEdits(service.text(c.path)!, c.edits);
        else if (c.kind === 'rename') renames.push(`${c.from.split('/').pop()} -> ${c.to.split('/').pop()}`);
      }
      assert.equal(edited[`${A}/api.container`], withEol(lines('[Unit]', 'After=backend-network.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=backend.network:ip=10.89.0.5'), eol));
      assert.equal(edited[`${A}/gen.container`], withEol(lines('[Container]', 'Image=docker.io/library/alpine:3', 'Network=systemd-backend'), eol));
      assert.deepEqual(renames, ['app.network -> backend.network', 'app.network.d -> backend.network.d']);
      const kinds = result.change.changes.map((c) => c.kind);
      assert.ok(kinds.lastIndexOf('edit') < kinds.indexOf('rename'), 'text edits come before the renames');
    });

    it('keeps a socket pointing at a renamed container’s service', () => {
      const { service } = setup(base());
      const result = renameUnit(navContext(service), `${A}/api.container`, { line: 2, character: 1 }, 'api2.container');
      assert.ok('change' in result);
      const socket = result.change.changes.find((c) => c.kind === 'edit' && c.path === `${AU}/api.socket`);
      assert.ok(socket && socket.kind === 'edit');
      assert.equal(applyTextEdits(service.text(socket.path)!, socket.edits), withEol(lines('[Socket]', 'Service=api2.service', 'ListenStream=127.0.0.1:9000'), eol));
    });

    it('refuses a name that exists, and names that are not file names', () => {
      const { service } = setup({ ...base(), [`${A}/taken.network`]: '[Network]' });
      const pos = { line: 0, character: 2 };
      assert.match((renameUnit(navContext(service), `${A}/app.network`, pos, 'taken') as { error: string }).error, /taken\.network already exists/);
      assert.match((renameUnit(navContext(service), `${A}/app.network`, pos, 'a/b') as { error: string }).error, /not a valid unit file name/);
      assert.match((prepareRename(navContext(service), `${A}/x.container`, pos) as { error: string }).error, /cursor/);
    });

    it('hovers a reference with the target file, scope and generated names', () => {
      const { service, at } = setup({ ...base(), [`${A}/x.container`]: lines('[Container]', 'Image=docker.io/library/alpine:3', 'Network=app.net|work') });
      const hover = referenceHover(navContext(service), at.path, at.position)!;
      assert.equal(fmtRange(hover.range), '2:8-2:19');
      assert.match(hover.markdown, /\*\*app\.network\*\*/);
      assert.match(hover.markdown, new RegExp(`File: \`${A}/app.network\``));
      assert.match(hover.markdown, /Scope: user alice \(rootless\) on host h1/);
      assert.match(hover.markdown, /Generated unit: `app-network\.service`/);
      assert.match(hover.markdown, /Podman network: `systemd-app`/);
      assert.equal(referenceHover(navContext(service), at.path, { line: 1, character: 2 }), undefined);
    });

    it('lists document links and workspace symbols', () => {
      const { service } = setup(base());
      assert.deepEqual(documentLinks(navContext(service), `${A}/api.container`).map((l) => `${fmtRange(l.range)} ${l.target.split('/').pop()}`), ['1:6-1:25 app.network', '4:8-4:19 app.network']);
      const syms = workspaceSymbols(navContext(service), 'systemd-app');
      assert.deepEqual(syms.map((s) => [s.name, s.kind, s.location.path.split('/').pop()]), [['systemd-app', 'object', 'app.network']]);
      const all = workspaceSymbols(navContext(service), '').map((s) => s.name);
      for (const n of ['app.network', 'app-network.service', 'api.container', 'api.service', 'systemd-api', 'db.container', 'api.socket']) assert.ok(all.includes(n), n);
    });
  });
}
