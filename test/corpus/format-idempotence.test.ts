// Formatting every corpus and example file: formatting twice equals formatting once, and Podman's
// parser reads the same sections, keys and values before and after.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatText } from '../../server/src/features/format';
import { parseUnit } from '../../server/src/syntax/parser';
import { isTemplatePath } from '../../server/src/syntax/template';
import { CORPUS } from '../conformance/corpus';
import { REPO } from '../helpers/cli';
import { filesUnder } from '../helpers/files';
import { requireCorpus } from '../helpers/oracle';

function meaning(path: string, text: string) {
  const doc = parseUnit(text, { template: isTemplatePath(path) });
  return { entries: doc.entries.map((e) => [e.section.name, e.key, e.value]), sections: doc.sections.map((s) => s.name), issues: doc.issues.map((i) => i.kind) };
}

function checkTree(root: string, files: string[], t: { diagnostic(msg: string): void }): void {
  let changed = 0;
  for (const rel of files) {
    const text = readFileSync(join(root, rel), 'utf8');
    for (const eol of ['\n', '\r\n']) {
      const input = eol === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
      const once = formatText(rel, input);
      assert.equal(formatText(rel, once), once, `${rel} (${eol === '\n' ? 'LF' : 'CRLF'}): formatting twice differs from once`);
      assert.deepEqual(meaning(rel, once), meaning(rel, input), `${rel}: Podman would read it differently after formatting`);
      if (eol === '\n' && once !== input) changed++;
    }
  }
  t.diagnostic(`${files.length} files, ${changed} changed by formatting`);
  assert.ok(files.length > 0);
}

describe('formatting is idempotent and keeps the meaning', () => {
  if (requireCorpus()) {
    it('on every file of the Podman e2e corpus', (t) => {
        checkTree(CORPUS, filesUnder(CORPUS).filter((f) => !f.endsWith('.tsv') && !f.endsWith('.txt')), t);
    });
  }

  it('on every file of examples/', (t) => {
    const dir = join(REPO, 'examples');
    checkTree(dir, filesUnder(dir).filter((f) => !f.endsWith('.json')), t);
  });
});
