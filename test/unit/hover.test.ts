import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { registerHoverProvider } from '../../server/src/features/hover';
import { EOLS, cursor, lines, withEol } from '../helpers/text';
import { serviceWith, userDir, userSystemdDir } from '../helpers/service';
import { fmtRange } from '../helpers/diagnostics';

const DIR = userDir('alice');
const SYSTEMD_DIR = userSystemdDir('alice');

function hoverAt(path: string, textWithBar: string, eol: string, settings = {}) {
  const { text, position } = cursor(withEol(textWithBar, eol));
  return serviceWith({ [path]: text }, settings).hover(path, position);
}

for (const [eolName, eol] of EOLS) {
  describe(`hover (${eolName})`, () => {
    const web = `${DIR}/web.container`;

    it('explains a key: description, podman flag, since, repeatable, docs link for the target version', () => {
      const h = hoverAt(web, lines('[Container]', 'Image=x', 'Publish|Port=127.0.0.1:80:80'), eol, { podmanVersion: '5.4' })!;
      assert.equal(fmtRange(h.range!), '2:0-2:11');
      assert.match(h.contents, /^\*\*PublishPort=\*\* in `\[Container\]`/);
      assert.match(h.contents, /podman flag `--publish`/);
      assert.match(h.contents, /since Podman 4\.4/);
      assert.match(h.contents, /repeatable/);
      assert.match(h.contents, /\(https:\/\/docs\.podman\.io\/en\/v5\.4\.0\/markdown\/podman-systemd\.unit\.5\.html#/);
    });

    it('says when the target version lacks the key', () => {
      const h = hoverAt(web, lines('[Container]', 'Image=x', 'Reload|Signal=SIGHUP'), eol, { podmanVersion: '5.4' })!;
      assert.match(h.contents, /since Podman 5\.5 — \*\*not in the target Podman 5\.4\*\*/);
    });

    it('explains systemd keys with a link to their man page', () => {
      const h = hoverAt(`${SYSTEMD_DIR}/x.socket`, lines('[Socket]', 'Acc|ept=no'), eol)!;
      assert.match(h.contents, /\*\*Accept=\*\*/);
      assert.match(h.contents, /freedesktop\.org\/software\/systemd\/man\/latest\/systemd\.socket\.html#Accept=/);
    });

    it('explains enum values, built-in network modes, capabilities and signals', () => {
      const pull = hoverAt(web, lines('[Container]', 'Image=x', 'Pull=nev|er'), eol)!;
      assert.match(pull.contents, /^`never`: /);
      assert.equal(fmtRange(pull.range!), '2:5-2:10');
      const net = hoverAt(web, lines('[Container]', 'Image=x', 'Network=pa|sta:--map-gw'), eol)!;
      assert.match(net.contents, /^`pasta`: /);
      assert.equal(fmtRange(net.range!), '2:8-2:13');
      const cap = hoverAt(web, lines('[Container]', 'Image=x', 'AddCapability=CAP_CHOWN NET_AD|MIN'), eol)!;
      assert.match(cap.contents, /^`CAP_NET_ADMIN`: configure interfaces/);
      assert.equal(fmtRange(cap.range!), '2:24-2:33');
      const sig = hoverAt(web, lines('[Container]', 'Image=x', 'StopSignal=SIGQ|UIT'), eol)!;
      assert.match(sig.contents, /^`SIGQUIT`: /);
    });

    it('explains specifiers (and says what the generator does with them)', () => {
      const h = hoverAt(web, lines('[Container]', 'Image=x', 'Volume=%|h/data:/data'), eol)!;
      assert.match(h.contents, /^`%h` — home directory/);
      assert.match(h.contents, /copies it unchanged/);
      assert.equal(fmtRange(h.range!), '2:7-2:9');
      const bad = hoverAt(web, lines('[Container]', 'Image=x', 'Exec=echo %|z'), eol)!;
      assert.match(bad.contents, /`%z` is not a systemd specifier/);
    });

    it('explains a value on a continuation line', () => {
      const h = hoverAt(web, lines('[Container]', 'Image=x', 'Exec=/bin/sh \\', '  %|t/run'), eol)!;
      assert.match(h.contents, /^`%t` — runtime root/);
      assert.equal(fmtRange(h.range!), '3:2-3:4');
    });

    it('explains section headers, and says when a section does not belong to the file type', () => {
      const h = hoverAt(web, lines('[Con|tainer]', 'Image=x'), eol)!;
      assert.match(h.contents, /^\*\*\[Container\]\*\*\n\n/);
      assert.equal(fmtRange(h.range!), '0:0-0:11');
      const misplaced = hoverAt(`${DIR}/v.volume`, lines('[Volume]', '[Sock|et]'), eol)!;
      assert.match(misplaced.contents, /Not a section of a \.volume file/);
    });

    it('shows nothing on blank lines and comments', () => {
      assert.equal(hoverAt(web, lines('[Container]', '# Ima|ge=x'), eol), undefined);
      assert.equal(hoverAt(web, lines('[Container]', '|', 'Image=x'), eol), undefined);
    });
  });
}

describe('hover providers', () => {
  it('combines contributions of registered providers after the built-in ones', () => {
    registerHoverProvider(({ located }) => (located.place.kind === 'value' && located.place.entry.key === 'Network' ? { contents: 'from the workspace feature' } : undefined));
    const { text, position } = cursor(lines('[Container]', 'Image=x', 'Network=host|'));
    const h = serviceWith({ [`${DIR}/w.container`]: text }).hover(`${DIR}/w.container`, position)!;
    assert.match(h.contents, /^`host`: .*\n\n---\n\nfrom the workspace feature$/s);
  });
});
