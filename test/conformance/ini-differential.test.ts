// Differential check of our parser against the `ini` package, only where `ini` is exact for unit
// files: files with no repeated key in a section, no continuation line, no repeated section and no
// line Podman would refuse; and only values `ini` leaves untouched (it cuts at `;`/`#`, decodes
// backslashes and quotes, and turns true/false/null into JSON values). There our last value per key
// must equal `ini.parse`. Everything else is out of `ini`'s depth — which is why it is not our parser.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ini from 'ini';
import { parseUnit } from '../../server/src/syntax/parser';
import { CORPUS, corpusAvailable } from './corpus';

function unitFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...unitFiles(p));
    else if (!['MANIFEST.tsv', 'SOURCE.txt'].includes(name)) out.push(p);
  }
  return out;
}

/** Why `ini` cannot be compared on this file (decided on the raw text, not by our parser), or undefined. */
export function outOfIniDepth(text: string): string | undefined {
  const sections = new Set<string>();
  let keys = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.endsWith('\\')) return 'continuation line';
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      if (raw !== line) return 'indented section header';
      if (sections.has(header[1])) return 'repeated section';
      sections.add(header[1]);
      keys = new Set();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) return 'a line Podman refuses';
    if (sections.size === 0) return 'key before any section';
    const key = line.slice(0, eq).trim();
    if (keys.has(key)) return 'repeated key';
    keys.add(key);
  }
  return undefined;
}

/** `ini` returns these values unchanged (its `unsafe()` is the identity on them, no JSON literal). */
function iniKeepsValue(s: string): boolean {
  return !/[;#\\]/.test(s) && !/^(["']).*\1$/.test(s) && !['true', 'false', 'null'].includes(s);
}

/** Keys ending in `[]` become arrays. */
const iniKeepsKey = (k: string) => iniKeepsValue(k) && !k.endsWith('[]');

/** Section names with dots become nested objects. */
const iniKeepsSection = (s: string) => iniKeepsValue(s) && !s.includes('.');

describe('why ini is not the parser', () => {
  it('disagrees with Podman on comments in values, continuations, quotes and booleans', () => {
    const text = ['[Container]', 'Exec=sh -c "a ; b" # kept by Podman', 'Environment=A=1 \\', '  B=2', 'Label="x"', 'ReadOnly=true', ''].join('\n');
    const ours = Object.fromEntries(parseUnit(text).entries.map((e) => [e.key, e.value]));
    const theirs = ini.parse(text).Container;
    assert.equal(ours.Exec, 'sh -c "a ; b" # kept by Podman');
    assert.equal(theirs.Exec, 'sh -c "a');
    assert.equal(ours.Environment, 'A=1 B=2');
    assert.equal(theirs.Environment, 'A=1 \\');
    assert.equal(ours.Label, '"x"');
    assert.equal(theirs.Label, 'x');
    assert.equal(theirs.ReadOnly, true);
    assert.equal(outOfIniDepth(text), 'continuation line');
    assert.equal(outOfIniDepth('[A]\nK=1\nK=2\n'), 'repeated key');
    assert.equal(outOfIniDepth('[A]\nK=1\n[A]\nJ=2\n'), 'repeated section');
    assert.equal(outOfIniDepth('[A]\nK=1\n'), undefined);
  });
});

if (!corpusAvailable()) {
  describe('parser vs ini (differential)', () => {
    it('compares on the corpus', { skip: `SKIPPED: ${CORPUS} is absent, nothing to compare` }, () => {});
  });
} else {
  describe('parser vs ini (differential)', () => {
    it('our last value per key equals ini.parse on the files and values where ini is exact', () => {
      let files = 0;
      let values = 0;
      let skippedValues = 0;
      const skippedFiles = new Map<string, number>();
      for (const path of unitFiles(CORPUS)) {
        const text = readFileSync(path, 'utf8');
        const why = outOfIniDepth(text);
        if (why) {
          skippedFiles.set(why, (skippedFiles.get(why) ?? 0) + 1);
          continue;
        }
        files++;
        const name = relative(CORPUS, path);
        const doc = parseUnit(text);
        assert.deepEqual(doc.issues, [], `${name}: our parser found syntax issues in a file the raw scan accepts`);
        const theirs = ini.parse(text) as Record<string, Record<string, unknown>>;
        const ours = new Map<string, Map<string, string>>();
        for (const e of doc.entries) {
          const section = ours.get(e.section.name) ?? new Map<string, string>();
          section.set(e.key, e.value);
          ours.set(e.section.name, section);
        }
        for (const [section, entries] of ours) {
          if (!iniKeepsSection(section)) continue;
          assert.ok(theirs[section], `${name}: ini has no [${section}]`);
          for (const [key, value] of entries) {
            if (!iniKeepsKey(key) || !iniKeepsValue(value)) {
              skippedValues++;
              continue;
            }
            values++;
            assert.equal(theirs[section][key], value, `${name}: [${section}] ${key}`);
          }
        }
      }
      console.log(`parser vs ini: compared ${values} values in ${files} files; skipped ${skippedValues} values ini would transform; files out of ini's depth: ${[...skippedFiles].map(([w, n]) => `${n} (${w})`).join(', ')}`);
      assert.ok(files > 150 && values > 400, `too little was compared (${files} files, ${values} values)`);
    });
  });
}
