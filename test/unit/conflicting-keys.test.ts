import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../helpers/workspace';
import { fmtRange } from '../helpers/diagnostics';
import { EOLS, withEol } from '../helpers/text';
import { CONFLICT_CASES, RuleCase } from './conflicting-keys.cases';

/** Every diagnostic of every file of the case. */
function run(c: RuleCase, version: '5.4' | '5.8', eol: string) {
  const files = Object.fromEntries(Object.entries(c.files).map(([name, l]) => [name, withEol(l.join('\n') + '\n', eol)]));
  return Object.keys(c.files).flatMap((f) => diagnose(files, f, { podmanVersion: version }));
}

for (const [eolName, eol] of EOLS) {
  describe(`conflicting-keys and missing-key (${eolName})`, () => {
    for (const c of CONFLICT_CASES) {
      for (const version of ['5.4', '5.8'] as const) {
        it(`${c.name} — Podman ${version} (generator: ${c.generator[version]})`, () => {
          const all = run(c, version, eol);
          const found = all.filter((d) => d.code === c.code);
          const expected = c.expect[version] ?? [];
          const show = found.map((d) => `${d.file.split('/').pop()} ${fmtRange(d.range)} ${d.severity}: ${d.message}`).join('\n');
          assert.equal(found.length, expected.length, `expected ${expected.length} ${c.code}, got:\n${show || '(none)'}`);
          for (const e of expected) {
            const d = found.find((x) => fmtRange(x.range) === e.range && e.message.test(x.message) && x.file.endsWith(e.file ?? Object.keys(c.files)[0]));
            assert.ok(d, `no ${c.code} at ${e.range} matching ${e.message} in ${e.file ?? Object.keys(c.files)[0]}; got:\n${show}`);
            assert.equal(d.severity, 'error');
            if (e.related) assert.equal(d.related && fmtRange(d.related[0].range), e.related, 'related range');
            else assert.equal(d.related, undefined, 'no related information expected');
          }
          // The verdicts agree with the generator: a refused file always gets an error of some rule.
          const errors = all.filter((d) => d.severity === 'error');
          assert.equal(errors.length > 0, c.generator[version] === 'fail', `generator says ${c.generator[version]}, errors: ${errors.map((d) => `${d.code} ${d.message}`).join('; ') || 'none'}`);
        });
      }
    }
  });
}
