// Our verdict on tricky syntax equals the generators' (recorded in syntax-cases.ts and re-checked
// against the live binaries by test/conformance/oracle.test.ts): an error exactly when they refuse.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check } from '../helpers/workspace';
import { SYNTAX_CASES } from '../conformance/syntax-cases';

describe('syntax verdicts match the generator', () => {
  for (const [name, c] of Object.entries(SYNTAX_CASES)) {
    for (const version of ['5.4', '5.8']) {
      it(`${name} (Podman ${version}: ${c.generator})`, () => {
        const errors = check('a.container', c.text, { podmanVersion: version }).filter((d) => d.severity === 'error');
        assert.equal(errors.length > 0, c.generator === 'fail', errors.map((d) => `${d.code}: ${d.message}`).join('\n') || 'no errors');
      });
    }
  }
});
