// Property tests of every rule through the analysis: a random or mutated file of any kind, placed
// in a small multi-user host, never makes a rule throw (the engine would catch it: here any caught
// crash fails the test), never takes long, and every diagnostic range lies inside its file. The
// incremental analysis after a series of edits equals a fresh analysis of the final texts.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RuleCrash, setRuleCrashLogger } from '../../server/src/rules/engine';
import { ALL_RULES } from '../../server/src/rules/registry';
import { FILE_NAMES, SEED, corpusOrSkip, mutatedArb, unitTextArb, withinTime } from './inputs';
import { ALICE, NEIGHBOURS, analysisWith, checkedDiagnostics, signatureOf } from './workspace';

const crashes: RuleCrash[] = [];
const VERSIONS = ['4.4', '5.0', '5.4', '5.8'];
const settingsArb = fc.record({ podmanVersion: fc.constantFrom(...VERSIONS), hardening: fc.constantFrom('off' as const, 'recommend' as const) });

function checkFile(name: string, text: string, settings: { podmanVersion: string; hardening: 'off' | 'recommend' }): void {
  const analysis = analysisWith({ ...NEIGHBOURS, [`${ALICE}/${name}`]: text }, settings);
  withinTime(1500, `analysis of ${name}`, () => checkedDiagnostics(analysis));
  assert.deepEqual(crashes, [], `a rule crashed on ${name}: ${JSON.stringify(text).slice(0, 300)}`);
}

describe('every rule through the analysis', () => {
  before(() => setRuleCrashLogger((c) => crashes.push(c)));
  after(() => setRuleCrashLogger(() => undefined));

  it(`covers the registered rules (${ALL_RULES.length})`, () => {
    assert.ok(ALL_RULES.length >= 15, 'the rule registry is loaded');
  });

  it('random unit-shaped files of every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILE_NAMES), unitTextArb, settingsArb, (name, text, settings) => checkFile(name, text, settings)),
      { seed: SEED, numRuns: 700 },
    );
  });

  it('arbitrary strings as .container and drop-in', () => {
    fc.assert(
      fc.property(fc.constantFrom('x.container', 'container.d/99.conf', 'x.socket', 'x.quadlets'), fc.string({ maxLength: 300 }), settingsArb, (name, text, settings) => checkFile(name, text, settings)),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("Podman's fixtures, whole and mutated", (t) => {
    const corpus = corpusOrSkip(t);
    if (!corpus) return;
    const named = corpus.filter((c) => /\.(container|pod|network|volume|kube|image|build|artifact|quadlets|conf)$/.test(c.name));
    for (const c of named) checkFile(c.name.split('/').pop()!.replace(/\.conf$/, '.container.d/x.conf'), c.text, { podmanVersion: '5.8', hardening: 'recommend' });
    fc.assert(
      fc.property(fc.constantFrom('web.container', 'db.pod', 'app.network', 'site.kube', 'web.container.d/10-x.conf'), mutatedArb(named.map((c) => c.text)), settingsArb, (name, text, settings) => checkFile(name, text, settings)),
      { seed: SEED, numRuns: 600 },
    );
  });

  it('incremental analysis after a series of edits equals a fresh analysis of the final texts', () => {
    const edit = fc.tuple(fc.constantFrom('web.container', 'db.pod', 'container.d/50.conf', 'web.container.d/1.conf', 'app.network'), fc.option(unitTextArb, { nil: undefined }));
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        const incremental = analysisWith(NEIGHBOURS, { podmanVersion: '5.8' });
        checkedDiagnostics(incremental); // fill the caches, so the edits must invalidate them
        const final: Record<string, string> = { ...NEIGHBOURS };
        for (const [name, text] of edits) {
          const path = `${ALICE}/${name}`;
          if (text === undefined) {
            incremental.removeFile(path);
            delete final[path];
          } else {
            incremental.setFile(path, { text });
            final[path] = text;
          }
          incremental.diagnostics(path);
        }
        const fresh = analysisWith(final, { podmanVersion: '5.8' });
        assert.deepEqual(signatureOf(checkedDiagnostics(incremental)), signatureOf(checkedDiagnostics(fresh)));
      }),
      { seed: SEED, numRuns: 250 },
    );
    assert.deepEqual(crashes, []);
  });
});
