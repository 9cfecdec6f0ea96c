import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnit } from '../../server/src/syntax/parser';
import { valuePieceRange } from '../../server/src/syntax/model';
import { splitWords } from '../../server/src/syntax/words';
import { splitQuadletsParts } from '../../server/src/syntax/multi';
import { EOLS, lines, withEol } from '../helpers/text';
import { fmtRange } from '../helpers/diagnostics';

for (const [eolName, eol] of EOLS) {
  const parse = (text: string, opts = {}) => parseUnit(withEol(text, eol), opts);

  describe(`parser (${eolName})`, () => {
    it('reads sections, keys, values and comments with exact ranges', () => {
      const doc = parse(lines('# top comment', '[Unit]', 'Description=Web app', '', '[Container]', '  Image = docker.io/nginx  ', '; semi'));
      assert.equal(doc.eol, eol);
      assert.deepEqual(doc.sections.map((s) => s.name), ['Unit', 'Container']);
      assert.equal(fmtRange(doc.sections[1].nameRange), '4:1-4:10');
      assert.equal(fmtRange(doc.sections[1].headerRange), '4:0-4:11');
      const image = doc.entries[1];
      assert.equal(image.key, 'Image');
      assert.equal(image.value, 'docker.io/nginx');
      assert.equal(fmtRange(image.keyRange), '5:2-5:7');
      assert.equal(fmtRange(image.eqRange), '5:8-5:9');
      assert.equal(fmtRange(image.valueRange), '5:10-5:25');
      assert.deepEqual(doc.comments.map((c) => c.text), ['# top comment', '; semi']);
      assert.equal(doc.issues.length, 0);
    });

    it('joins continuation lines like Podman (backslash dropped, pieces concatenated) and skips comments inside', () => {
      const doc = parse(lines('[Container]', 'Exec=/bin/sh -c \\', '  # a comment inside', '  "echo hi" \\', 'done', 'Image=x'));
      const exec = doc.entries[0];
      assert.equal(exec.value, '/bin/sh -c "echo hi" done');
      assert.equal(exec.line, 1);
      assert.equal(exec.endLine, 4);
      assert.equal(doc.entries[1].key, 'Image');
      assert.equal(doc.comments[0].insideContinuation, true);
      // A piece of the value on the third physical line maps back to it.
      const at = exec.value.indexOf('"echo hi"');
      assert.equal(fmtRange(valuePieceRange(exec, at, at + 9)), '3:2-3:11');
    });

    it('keeps an empty value (a reset) with an empty range right after "="', () => {
      const doc = parse(lines('[Container]', 'Volume=', 'Volume = '));
      assert.equal(doc.entries[0].value, '');
      assert.equal(fmtRange(doc.entries[0].valueRange), '1:7-1:7');
      assert.equal(doc.entries[1].value, '');
    });

    it('keeps repeated keys and repeated sections in order', () => {
      const doc = parse(lines('[Container]', 'Label=a=1', 'Label=b=2', '[Unit]', 'After=x', '[Container]', 'Label=c=3'));
      assert.deepEqual(doc.entries.map((e) => e.value), ['a=1', 'b=2', 'x', 'c=3']);
      assert.equal(doc.sections.length, 3);
    });

    it('reports a key before any section', () => {
      const doc = parse(lines('Image=x', '[Container]'));
      assert.equal(doc.issues.length, 1);
      assert.equal(doc.issues[0].kind, 'key-outside-section');
      assert.equal(fmtRange(doc.issues[0].range), '0:0-0:5');
    });

    it('reports lines that are neither header, key=value nor comment', () => {
      for (const bad of ['foo', '=value', '[Foo]]', '[Foo] trailing']) {
        const doc = parse(lines('[Container]', bad));
        assert.equal(doc.issues.length, 1, bad);
        assert.equal(doc.issues[0].kind, 'not-key-value', bad);
        assert.equal(fmtRange(doc.issues[0].range), `1:0-1:${bad.length}`);
      }
    });

    it('accepts blanks after "]" and reports an empty section name', () => {
      assert.equal(parse('[Container]  \t').issues.length, 0);
      assert.equal(parse('[]').issues[0].kind, 'invalid-section-name');
    });

    it('reports a UTF-8 BOM and still parses the rest', () => {
      const doc = parse('\uFEFF[Container]\nImage=x');
      assert.equal(doc.issues[0].kind, 'bom');
      assert.equal(fmtRange(doc.issues[0].range), '0:0-0:1');
      assert.equal(doc.sections[0].name, 'Container');
      assert.equal(fmtRange(doc.sections[0].nameRange), '0:2-0:11');
    });

    it('counts UTF-16 columns (astral characters take two)', () => {
      const doc = parse(lines('[Unit]', 'Description=🚀 app', 'After=x'));
      assert.equal(fmtRange(doc.entries[0].valueRange), '1:12-1:18');
    });

    it('treats a backslash on the last line as the end of the value', () => {
      const doc = parse(lines('[Container]', 'Exec=a \\'));
      assert.equal(doc.entries[0].value, 'a ');
      assert.equal(doc.issues.length, 0);
    });

    it('handles half-typed lines without throwing', () => {
      for (const t of ['[', '[Cont', 'Ima', '[Container]\nImage', '[Container]\n=', '\\', '[Container]\nA=\\']) {
        const doc = parse(t);
        assert.ok(Array.isArray(doc.issues));
      }
    });

    it('makes template statements opaque in .j2 files and marks templated values', () => {
      const doc = parse(lines('{# managed by ansible #}', '[Container]', '{% if tls %}', 'Image={{ image }}', '{% endif %}', '{{ extra_lines }}', 'Label=a=b'), { template: true });
      assert.equal(doc.issues.length, 0);
      assert.equal(doc.entries[0].templated, true);
      assert.equal(doc.entries[1].templated, false);
      assert.deepEqual([...doc.templateLines].sort(), [0, 2, 4, 5]);
    });

    it('rejects template syntax in a plain file, as the generator does', () => {
      const doc = parse(lines('[Container]', '{{#if x}}', 'Image=x'));
      assert.equal(doc.issues[0].kind, 'not-key-value');
    });

    it('parses suppression comments', () => {
      const doc = parse(lines('# quadlet-ls-disable public-bind', '[Container]', '# quadlet-ls-disable-next-line unknown-key,version', 'Imag=x', 'Foo=y'));
      assert.ok(doc.suppressions.file.has('public-bind'));
      assert.deepEqual([...(doc.suppressions.lines.get(3) ?? [])].sort(), ['unknown-key', 'version']);
      assert.equal(doc.suppressions.lines.get(4), undefined);
    });

    it('splits .quadlets files into named parts', () => {
      const text = withEol(lines('# FileName=web.container', '[Container]', 'Image=x', '---', '# FileName=app.network', '[Network]'), eol);
      const parts = splitQuadletsParts(text);
      assert.deepEqual(parts.map((p) => [p.fileName, p.firstLine, p.lastLine]), [['web.container', 0, 2], ['app.network', 4, 5]]);
      const doc = parseUnit(text, { firstLine: parts[1].firstLine, lastLine: parts[1].lastLine });
      assert.equal(doc.sections[0].name, 'Network');
      assert.equal(doc.sections[0].line, 5);
    });
  });
}

describe('splitWords', () => {
  it('splits on blanks, honours quotes and reports offsets', () => {
    const { words, problems } = splitWords(`a "b c" 'd e'f  g\\x41`);
    assert.deepEqual(words.map((w) => w.text), ['a', 'b c', 'd ef', 'gA']);
    assert.deepEqual(words.map((w) => [w.start, w.end]), [[0, 1], [2, 7], [8, 14], [16, 21]]);
    assert.equal(problems.length, 0);
  });

  it('reports unbalanced quotes and unsupported escapes', () => {
    const { problems } = splitWords(`"abc \\q`);
    assert.deepEqual(problems.map((p) => p.message).sort(), ['unbalanced double quote', 'unsupported escape "\\q"']);
  });
});
