// Quick fixes of the port rules (exact edits, applied and re-checked) and nextFreePort.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { fmtRange } from '../helpers/diagnostics';
import { ROOT as WS, analyse } from '../helpers/workspace';
import { Analysis } from '../../server/src/features/analysis';
import { quickFixes } from '../../server/src/features/quick-fixes';
import { CodeAction, applyTextEdits } from '../../server/src/features/edits';
import { nextFreePort } from '../../server/src/workspace/ports/checks';
import { parseIp } from '../../server/src/catalog/values/net';
import { toBindAddress } from '../../server/src/catalog/values/ports';
import { ALICE, BOB, BOB_SYSTEMD, ROOT, container, socket } from './fixtures';

const abs = (p: string) => `${WS}/${p}`;

function fixesFor(a: Analysis, file: string, code: string): CodeAction[] {
  const list = a.diagnostics(abs(file)).filter((d) => d.code === code);
  assert.equal(list.length, 1, `one ${code} in ${file}`);
  return quickFixes(a.index.getFile(abs(file))!, list, a.index);
}

/** The single edit of an action, as "range → text", and the file text after applying it. */
function applied(a: Analysis, action: CodeAction): { edit: string; file: string; text: string } {
  assert.equal(action.change?.changes.length, 1);
  const c = action.change!.changes[0];
  assert.equal(c.kind, 'edit');
  if (c.kind !== 'edit') throw new Error('not an edit');
  assert.equal(c.edits.length, 1);
  const e = c.edits[0];
  return { edit: `${fmtRange(e.range)} → ${e.newText}`, file: c.path, text: applyTextEdits(a.index.getFile(c.path)!.text, c.edits) };
}

for (const [eolName, eol] of EOLS) {
  const build = (files: Record<string, string>) => analyse(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, withEol(t, eol)])));

  describe(`port-conflict quick fix (${eolName})`, () => {
    it('moves to the lowest free port above the current one on that address', () => {
      const a = build({
        [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80'),
        [BOB + 'b.container']: container('PublishPort=8080:9100'),
        [ROOT + 'r.container']: container('PublishPort=127.0.0.1:8081:80', 'PublishPort=10.0.0.1:8082:80'),
      });
      const [fixA] = fixesFor(a, ALICE + 'a.container', 'port-conflict');
      assert.equal(fixA.title, 'Use the next free port (8082)');
      assert.equal(fixA.isPreferred, true);
      const r = applied(a, fixA);
      assert.equal(r.edit, '2:22-2:26 → 8082');
      assert.equal(r.text, withEol(container('PublishPort=127.0.0.1:8082:80'), eol));
      // Every interface overlaps 10.0.0.1:8082 too.
      const [fixB] = fixesFor(a, BOB + 'b.container', 'port-conflict');
      assert.equal(applied(a, fixB).edit, '2:12-2:16 → 8083');
    });

    it('keeps a range length, and finds a port free for every protocol of the line', () => {
      const a = build({
        [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8000-8002:8000-8002'),
        [BOB + 'b.container']: container('PublishPort=127.0.0.1:8001:80', 'PublishPort=127.0.0.1:8003:80'),
      });
      assert.equal(applied(a, fixesFor(a, ALICE + 'a.container', 'port-conflict')[0]).edit, '2:22-2:31 → 8004-8006');
      const b = build({
        [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80/tcp,udp'),
        [BOB + 'b.container']: container('PublishPort=127.0.0.1:8080:80', 'PublishPort=127.0.0.1:8081:53/udp'),
      });
      const actions = fixesFor(b, ALICE + 'a.container', 'port-conflict');
      assert.equal(actions.length, 1);
      assert.equal(applied(b, actions[0]).edit, '2:22-2:26 → 8082');
    });

    it('edits sockets and Kubernetes YAML', () => {
      const a = build({
        [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80'),
        [BOB_SYSTEMD + 's.socket']: socket('ListenStream=127.0.0.1:8080'),
        [BOB + 'k.kube']: lines('[Kube]', 'Yaml=k.yaml'),
        [BOB + 'k.yaml']: lines('kind: Pod', 'spec:', '  containers:', '    - ports:', '        - containerPort: 80', '          hostPort: 8080'),
      });
      const s = applied(a, fixesFor(a, BOB_SYSTEMD + 's.socket', 'port-conflict')[0]);
      assert.equal(s.edit, '1:23-1:27 → 8081');
      const k = applied(a, fixesFor(a, BOB + 'k.kube', 'port-conflict')[0]);
      assert.equal(k.file, abs(BOB + 'k.yaml'));
      assert.equal(k.edit, '5:20-5:24 → 8081');
    });

    it('offers nothing for a stale diagnostic', () => {
      const a = build({ [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80'), [BOB + 'b.container']: container('PublishPort=8080:9100') });
      const d = a.diagnostics(abs(ALICE + 'a.container')).find((x) => x.code === 'port-conflict')!;
      const file = a.index.getFile(abs(ALICE + 'a.container'))!;
      assert.deepEqual(quickFixes(file, [{ ...d, data: { listener: 'gone' } }], a.index), []);
      // Without data (a client that drops it) the range still finds the listener.
      assert.equal(quickFixes(file, [{ ...d, data: undefined }], a.index).length, 1);
    });
  });

  describe(`public-bind quick fixes (${eolName})`, () => {
    const cases: Array<[string, string, string, string]> = [
      // spec, edit for 127.0.0.1, edit for [::1], resulting 127.0.0.1 value
      ['6379:6379', '2:12-2:12 → 127.0.0.1:', '2:12-2:12 → [::1]:', '127.0.0.1:6379:6379'],
      ['80', '2:12-2:12 → 127.0.0.1::', '2:12-2:12 → [::1]::', '127.0.0.1::80'],
      ['0.0.0.0:80:80/udp', '2:12-2:19 → 127.0.0.1', '2:12-2:19 → [::1]', '127.0.0.1:80:80/udp'],
      ['[::]:8080:80', '2:12-2:16 → 127.0.0.1', '2:12-2:16 → [::1]', '127.0.0.1:8080:80'],
    ];
    for (const [spec, v4, v6, result] of cases) {
      it(`rebinds PublishPort=${spec}`, () => {
        const a = build({ [ALICE + 'a.container']: container(`PublishPort=${spec}`) });
        const actions = fixesFor(a, ALICE + 'a.container', 'public-bind');
        assert.deepEqual(actions.map((x) => x.title), ['Bind to 127.0.0.1', 'Bind to [::1]']);
        const four = applied(a, actions[0]);
        assert.equal(four.edit, v4);
        assert.equal(applied(a, actions[1]).edit, v6);
        assert.equal(four.text, withEol(container(`PublishPort=${result}`), eol));
        // The fixed text is clean.
        const after = build({ [ALICE + 'a.container']: four.text });
        assert.equal(after.diagnostics(abs(ALICE + 'a.container')).filter((d) => d.code === 'public-bind').length, 0);
      });
    }

    it('rebinds sockets, PodmanArgs and Kubernetes YAML (replacing or adding hostIP)', () => {
      const a = build({
        [BOB_SYSTEMD + 's.socket']: socket('ListenStream=8080'),
        [BOB_SYSTEMD + 't.socket']: socket('ListenStream=[::]:8080'),
        [ALICE + 'p.container']: container('PodmanArgs=--publish=8080:80'),
        [BOB + 'k.kube']: lines('[Kube]', 'Yaml=k.yaml'),
        [BOB + 'k.yaml']: lines('kind: Pod', 'spec:', '  containers:', '    - ports:', '        - containerPort: 80', '          hostPort: 8080'),
        [BOB + 'm.kube']: lines('[Kube]', 'Yaml=m.yaml'),
        [BOB + 'm.yaml']: lines('kind: Pod', 'spec:', '  containers:', '    - ports:', '        - {containerPort: 80, hostPort: 8080, hostIP: 0.0.0.0}'),
      });
      assert.equal(applied(a, fixesFor(a, BOB_SYSTEMD + 's.socket', 'public-bind')[0]).edit, '1:13-1:13 → 127.0.0.1:');
      assert.equal(applied(a, fixesFor(a, BOB_SYSTEMD + 't.socket', 'public-bind')[1]).edit, '1:13-1:17 → [::1]');
      assert.equal(applied(a, fixesFor(a, ALICE + 'p.container', 'public-bind')[0]).edit, '2:21-2:21 → 127.0.0.1:');
      const k = applied(a, fixesFor(a, BOB + 'k.kube', 'public-bind')[1]);
      assert.equal(k.file, abs(BOB + 'k.yaml'));
      assert.equal(k.edit, `5:24-5:24 → ${eol}          hostIP: "::1"`);
      assert.ok(k.text.endsWith(`hostPort: 8080${eol}          hostIP: "::1"`));
      assert.equal(applied(a, fixesFor(a, BOB + 'm.kube', 'public-bind')[0]).edit, '4:54-4:61 → 127.0.0.1');
    });

    it('offers no edit when the offsets are not exact (quoted PodmanArgs word)', () => {
      const a = build({ [ALICE + 'p.container']: container('PodmanArgs="--publish=8080:80"') });
      assert.deepEqual(fixesFor(a, ALICE + 'p.container', 'public-bind'), []);
    });
  });
}

describe('nextFreePort', () => {
  const a = analyse({
    [ALICE + 'a.container']: container('PublishPort=127.0.0.1:8080:80', 'PublishPort=127.0.0.1:8081-8083:81-83', 'PublishPort=127.0.0.1::90'),
    [BOB + 'b.container']: container('PublishPort=[::1]:8084:80', 'PublishPort=8090:80/udp'),
    [BOB + 'p.container']: container('Pod=x.pod', 'PublishPort=127.0.0.1:8084:80'),
    ['hosts/h2/etc/containers/systemd/x.container']: container('PublishPort=127.0.0.1:8084:80'),
  });
  const lo = toBindAddress(parseIp('127.0.0.1')!);
  it('skips taken ports on that host and address and ignores other hosts, families, protocols and discarded mappings', () => {
    assert.equal(nextFreePort(a.index, 'h1', lo, 'tcp', 8079), 8084);
    assert.equal(nextFreePort(a.index, 'h1', lo, 'tcp', 8080), 8084);
    assert.equal(nextFreePort(a.index, 'h1', { kind: 'all' }, 'tcp', 8080), 8085);
    assert.equal(nextFreePort(a.index, 'h1', lo, 'udp', 8089), 8091);
    assert.equal(nextFreePort(a.index, 'h1', lo, 'udp', 8080), 8081);
  });
  it('finds runs for ranges and gives up at 65535', () => {
    assert.equal(nextFreePort(a.index, 'h1', lo, 'tcp', 8078, { length: 3 }), 8084);
    assert.equal(nextFreePort(a.index, 'h1', { kind: 'all' }, 'tcp', 8077, { length: 3 }), 8085);
    assert.equal(nextFreePort(a.index, 'h1', lo, 'tcp', 65535), undefined);
    assert.equal(nextFreePort(a.index, 'h1', lo, 'tcp', 65533, { length: 3 }), undefined);
  });
});
