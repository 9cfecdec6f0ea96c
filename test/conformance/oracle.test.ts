// Re-checks the generator verdicts recorded in our case tables against the real 5.4.2 and 5.8.6
// generators, when ../shared/tools/fetch-quadlet has cached them (CI does); skips, saying so, otherwise.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CONFLICT_CASES } from '../unit/conflicting-keys.cases';
import { SYNTAX_CASES } from './syntax-cases';
import { OracleVersion, oracleBinary, runOracle } from './oracle';

for (const version of ['5.4', '5.8'] as OracleVersion[]) {
  const bin = oracleBinary(version);
  describe(`recorded verdicts vs the real Podman ${version} generator`, () => {
    if (!bin) {
      const why = `SKIPPED: no cached quadlet ${version} binary (run ../shared/tools/fetch-quadlet); the recorded verdicts were NOT re-checked`;
      console.log(why);
      it('re-checks the case tables', { skip: why }, () => {});
      return;
    }
    for (const c of CONFLICT_CASES) {
      it(`${c.code}: ${c.name}`, async () => {
        const files = Object.fromEntries(Object.entries(c.files).map(([n, l]) => [n, l.join('\n') + '\n']));
        const r = await runOracle(bin, files);
        assert.equal(r.verdict, c.generator[version], r.stderr);
      });
    }
    for (const [name, c] of Object.entries(SYNTAX_CASES)) {
      it(`syntax: ${name}`, async () => {
        const r = await runOracle(bin, { 'a.container': c.text });
        assert.equal(r.verdict, c.generator, r.stderr);
      });
    }
  });
}
