// docs/rules.md documents every diagnostic code: a `## code` heading per rule and extra code, each
// with a wrong example. SARIF helpUri and LSP codeDescription link to these anchors.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_RULES, EXTRA_CODES } from '../../server/src/rules/registry';

const DOC = readFileSync(join(resolve(__dirname, '..', '..', '..'), 'docs', 'rules.md'), 'utf8');

/** Section bodies by `## heading`. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = md.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return out;
}

describe('docs/rules.md', () => {
  const docs = sections(DOC);
  const codes = [...ALL_RULES.map((r) => r.code), ...Object.keys(EXTRA_CODES)];

  it('has a `## code` section for every rule and extra code', () => {
    const missing = codes.filter((c) => !docs.has(c));
    assert.deepEqual(missing, [], 'codes without a section in docs/rules.md');
  });

  it('says when, at which severity, and shows a wrong example and the fix for each', () => {
    for (const c of codes) {
      const body = docs.get(c) ?? '';
      assert.match(body, /\*\*When\*\*/, `${c}: "When"`);
      assert.match(body, /\*\*Severity\*\*/, `${c}: "Severity"`);
      assert.match(body, /^Wrong/m, `${c}: a wrong example`);
      assert.match(body, /^Fix/m, `${c}: the fix`);
    }
  });

  it('documents no code that does not exist', () => {
    const unknown = [...docs.keys()].filter((h) => !codes.includes(h));
    assert.deepEqual(unknown, []);
  });
});
