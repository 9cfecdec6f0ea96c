import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatText } from '../../server/src/features/format';
import { applyTextEdits } from '../../server/src/features/edits';
import { parseUnit } from '../../server/src/syntax/parser';
import { EOLS, lines, withEol } from '../helpers/text';
import { serviceWith } from '../helpers/service';

/** What Podman's parser reads: every (section, key, value) in order. */
function meaning(text: string, template = false) {
  const doc = parseUnit(text, { template });
  return { entries: doc.entries.map((e) => [e.section.name, e.key, e.value]), sections: doc.sections.map((s) => s.name), issues: doc.issues.map((i) => i.kind) };
}

for (const [eolName, eol] of EOLS) {
  const fmt = (path: string, text: string) => formatText(path, withEol(text, eol));
  const same = (path: string, input: string, expected: string) => {
    const out = fmt(path, input);
    assert.equal(out, withEol(expected, eol));
    assert.equal(fmt(path, out), out, 'formatting twice changes nothing');
    assert.deepEqual(meaning(out, path.endsWith('.j2')), meaning(withEol(input, eol), path.endsWith('.j2')), 'Podman reads the same');
  };

  describe(`formatting (${eolName})`, () => {
    it('normalises Key = value, indentation, trailing blanks, blank lines and the final newline', () => {
      same(
        'a.container',
        lines('', '  [Unit]  ', 'Description = Web  ', '', '', '', 'After=network-online.target', '[Container]', '  Image =  docker.io/x/y:1', '\t', 'Exec=a b', '', ''),
        lines('[Unit]', 'Description=Web', '', 'After=network-online.target', '', '[Container]', 'Image=docker.io/x/y:1', '', 'Exec=a b', ''),
      );
    });

    it('keeps the comments above a section with it, and comments and order everywhere', () => {
      same(
        'a.container',
        lines('# file comment', '[Container]', 'Image=x', '; about the unit section', '# (two lines)', '[Unit]', '  # indented note', 'Description=x'),
        lines('# file comment', '[Container]', 'Image=x', '', '; about the unit section', '# (two lines)', '[Unit]', '  # indented note', 'Description=x', ''),
      );
    });

    it('leaves continuation lines, and blank or comment lines inside a continuation, where they are', () => {
      const input = lines('[Container]', 'Image=x', 'Exec=/bin/sh -c \\', '', '  # inside', '    "echo hi" \\', '    done', '[Unit]');
      same('a.container', input, lines('[Container]', 'Image=x', 'Exec=/bin/sh -c \\', '', '  # inside', '    "echo hi" \\', '    done', '', '[Unit]', ''));
      // `Key = \` keeps its meaning as `Key=\`.
      same('a.container', lines('[Container]', 'Exec = \\', '  a b'), lines('[Container]', 'Exec=\\', '  a b', ''));
    });

    it('keeps trailing blanks after a final backslash (systemd would then see no continuation)', () => {
      same('x.service', lines('[Service]', 'ExecStart=/bin/echo a \\  ', 'b'), lines('[Service]', 'ExecStart=/bin/echo a \\  ', 'b', ''));
    });

    it('never drops blank lines that an unfinished continuation at the end of the file runs over', () => {
      // Podman discards "Exec=foo \" here; removing the blank line would make it the last line and keep it.
      const input = 'a.container'.length ? withEol(lines('[Container]', 'Image=x', 'Exec=foo \\', '', ''), eol) : '';
      const out = formatText('a.container', input);
      assert.deepEqual(meaning(out), meaning(input));
      assert.equal(formatText('a.container', out), out);
    });

    it('does not remove non-breaking spaces (systemd does not treat them as blanks)', () => {
      same('x.socket', lines('[Socket]', 'ListenStream=1\u00a0', 'Accept\u00a0=no'), lines('[Socket]', 'ListenStream=1\u00a0', 'Accept\u00a0=no', ''));
    });

    it('never touches template lines or templated entries of .j2 files', () => {
      const input = lines('{% if web %}', '[Container]  ', 'Image = {{ image }}', '{#  comment  #}  ', '{% endif %}', '', '', '{{ extra_section }}', 'Label = a=b  ');
      same('web.container.j2', input, lines('{% if web %}', '[Container]', 'Image = {{ image }}', '{#  comment  #}  ', '{% endif %}', '', '', '{{ extra_section }}', 'Label=a=b', ''));
    });

    it('leaves a BOM line alone and files with bare CR line ends untouched', () => {
      const bom = withEol('\ufeff[Container] \nImage = x\n', eol);
      assert.equal(formatText('a.container', bom), withEol('\ufeff[Container] \nImage=x\n', eol));
      const cr = '[Container]\rImage = x\r';
      assert.equal(formatText('a.container', cr), cr);
    });

    it('formats each part of a .quadlets file and keeps the separators', () => {
      same(
        'app.quadlets',
        lines('# FileName=web.container', '[Container]', 'Image = x', '---', '', '# FileName=data.volume', '[Volume]', '[Unit]', 'Description = d'),
        lines('# FileName=web.container', '[Container]', 'Image=x', '---', '', '# FileName=data.volume', '[Volume]', '', '[Unit]', 'Description=d', ''),
      );
    });

    it('keeps the line ending of the file', () => {
      const out = fmt('a.container', lines('[Unit]', 'Description = x', '[Container]', 'Image=x'));
      assert.equal(out.includes('\r\n'), eol === '\r\n');
      assert.equal(out.replace(/\r\n/g, '').includes('\r'), false);
    });

    it('returns no edits for a formatted file, and edits only the lines of a range', () => {
      const path = '/ws/a.container';
      const text = withEol(lines('[Unit]', 'Description = x  ', '[Container]', 'Image = x', 'Exec = y'), eol);
      const service = serviceWith({ [path]: text });
      const ranged = service.format(path, { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } });
      assert.equal(applyTextEdits(text, ranged), withEol(lines('[Unit]', 'Description = x  ', '[Container]', 'Image=x', 'Exec = y'), eol));
      const header = service.format(path, { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } });
      assert.equal(applyTextEdits(text, header), withEol(lines('[Unit]', 'Description = x  ', '', '[Container]', 'Image = x', 'Exec = y'), eol));
      const formatted = applyTextEdits(text, service.format(path));
      service.changeDocument(path, formatted, 2);
      assert.deepEqual(service.format(path), []);
    });
  });
}
