// Properties over generated unit files (half-typed lines, continuations, templates, odd blanks):
// the editing features never throw, completion edits are on the cursor's line and contain it,
// formatting is idempotent and keeps what Podman reads.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatText } from '../../server/src/features/format';
import { parseUnit } from '../../server/src/syntax/parser';
import { serviceWith, userDir } from '../helpers/service';

const LINE = fc.oneof(
  fc.constantFrom('[Container]', '[Unit]', '[Service]', '[Install]', '[X-Mine]', '[Volume]', '  [Network]  ', '[Cont', '[]'),
  fc.constantFrom('Image=docker.io/x/y:1', 'Network = app.network', 'PublishPort=127.0.0.1:80:80', 'Exec=/bin/sh -c \\', '  echo %h \\', 'Label=a=b', 'Pull=', 'Volume=%h/d:/d', 'Mount=type=bind,source=/a,destination=/b', 'AddCapability=NET_ADMIN '),
  fc.constantFrom('', '   ', '\t', '# comment', '; comment \\', '{% if x %}', '{{ var }}', 'Image = {{ image }}', '\u00a0', '---', '# FileName=a.container'),
  fc.string({ maxLength: 12 }),
);

const FILE = fc.record({
  lines: fc.array(LINE, { maxLength: 14 }),
  eol: fc.constantFrom('\n', '\r\n'),
  final: fc.boolean(),
  name: fc.constantFrom('a.container', 'b.volume', 'c.network', 'd.socket', 'e.container.j2', 'f.quadlets', 'a.container.d/x.conf'),
});

function textOf(f: { lines: string[]; eol: string; final: boolean }): string {
  return f.lines.join(f.eol) + (f.final ? f.eol : '');
}

function meaning(path: string, text: string) {
  const doc = parseUnit(text, { template: path.endsWith('.j2') });
  return JSON.stringify([doc.entries.map((e) => [e.section.name, e.key, e.value]), doc.sections.map((s) => s.name), doc.issues.map((i) => i.kind)]);
}

describe('editing features on generated files', () => {
  it('formatting is idempotent and keeps what Podman reads', () => {
    fc.assert(
      fc.property(FILE, (f) => {
        const text = textOf(f);
        const once = formatText(f.name, text);
        assert.equal(formatText(f.name, once), once);
        if (!f.name.endsWith('.quadlets')) assert.equal(meaning(f.name, once), meaning(f.name, text));
      }),
      { numRuns: 400 },
    );
  });

  it('completion, hover, symbols, folding, selection and hints never throw; completion edits contain the cursor', () => {
    fc.assert(
      fc.property(FILE, fc.nat(), fc.nat(), (f, l, c) => {
        const path = `${userDir('alice')}/${f.name}`;
        const text = textOf(f);
        const service = serviceWith({ [path]: text });
        const lines = text.split(/\r?\n/);
        const line = l % lines.length;
        const position = { line, character: c % (lines[line].length + 1) };
        for (const item of service.completion(path, position)) {
          assert.equal(item.range.start.line, position.line);
          assert.equal(item.range.end.line, position.line);
          assert.ok(item.range.start.character <= position.character && position.character <= item.range.end.character, `${item.label} range contains the cursor`);
        }
        service.hover(path, position);
        service.documentSymbols(path);
        service.foldingRanges(path);
        service.selectionRanges(path, [position]);
        service.inlayHints(path);
      }),
      { numRuns: 400 },
    );
  });
});
