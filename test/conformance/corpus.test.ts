// Conformance against Podman's own quadlet test fixtures, labelled by the real 5.4.2 and 5.8.6
// generators (../shared/corpus/podman-e2e/MANIFEST.tsv). The bar, per target version:
// every fixture the generator accepts gets zero errors, and at least 98% of those it refuses get an
// error in that file. The figures and every miss are printed. A miss whose rule is not registered
// on this branch (another branch writes it) turns the overall bar into a visible TODO, never a pass;
// misses of rules that are present always fail.

import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CORPUS, ManifestRow, corpusAvailable, corpusUnitFiles, readManifest } from './corpus';
import { GENERATOR, Measurement, Target, measure, pendingCodes, report } from './measure';

const TARGETS: Target[] = ['5.8', '5.4'];
const BAR = 0.98;

if (!corpusAvailable()) {
  const why = `SKIPPED: ${CORPUS}/MANIFEST.tsv is absent (no ../shared next to the repository), so the conformance figures were NOT measured.`;
  console.log(why);
  describe('conformance against the real generator', () => {
    it('measures the corpus', { skip: why }, () => {});
  });
} else {
  describe('conformance against the real generator', () => {
    let rows: ManifestRow[] = [];
    const results = new Map<Target, Measurement>();

    before(async () => {
      rows = readManifest();
      for (const t of TARGETS) {
        const m = await measure(rows, t);
        results.set(t, m);
        console.log(report(m));
      }
    });

    it('the manifest labels every fixture of the corpus', () => {
      const listed = new Set(rows.map((r) => r.file));
      const unlisted = corpusUnitFiles().filter((f) => !listed.has(f));
      assert.deepEqual(unlisted, [], 'corpus files without a verdict');
      assert.ok(rows.length > 300, `only ${rows.length} rows`);
    });

    for (const t of TARGETS) {
      it(`Podman ${t}: every fixture the ${GENERATOR[t]} generator accepts gets no error`, () => {
        const m = results.get(t)!;
        assert.ok(m.accepted > 0);
        const misses = m.misses.filter((x) => x.kind === 'accepted-with-errors');
        assert.deepEqual(misses.map((x) => `${x.fixture}: ${x.detail}`), [], `accepted-clean ${m.acceptedClean}/${m.accepted}`);
      });

      it(`Podman ${t}: every refusal maps to a rule, and the rules on this branch catch ${BAR * 100}% of theirs`, () => {
        const m = results.get(t)!;
        const unknown = m.misses.filter((x) => x.kind === 'rejected-unflagged' && !x.attribution);
        assert.deepEqual(unknown.map((x) => `${x.fixture}: ${x.detail}`), [], 'generator messages no rule is known for (extend attribution.ts)');
        const pending = m.misses.filter((x) => x.pending).length;
        const considered = m.rejected - pending;
        assert.ok(m.rejectedFlagged >= BAR * considered, `rejected-flagged ${m.rejectedFlagged}/${considered} (excluding ${pending} awaiting other rules) is below ${BAR * 100}%`);
      });

      it(`Podman ${t}: at least ${BAR * 100}% of the fixtures the ${GENERATOR[t]} generator refuses get an error (the issue's bar)`, (ctx) => {
        const m = results.get(t)!;
        const codes = pendingCodes(m);
        if (codes.length) ctx.todo(`bar not reachable on this branch: misses await ${codes.join(', ')}; re-run after merging`);
        assert.ok(m.rejectedFlagged >= BAR * m.rejected, `rejected-flagged ${m.rejectedFlagged}/${m.rejected} is below ${BAR * 100}%`);
      });
    }
  });
}
