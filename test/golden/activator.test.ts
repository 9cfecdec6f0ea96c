// Golden files of the socket-activator generator: test/fixtures/activator/<case>/input → expected.
// Each case is also held against the real tools: Podman's generators (5.4, 5.8) accept the edited
// quadlet and publish what it says, `systemd-analyze verify` (system mode) accepts the generated units
// next to the container's real generated service, `quadlet-ls check` finds no error in the result,
// and generating again changes nothing. UPDATE_GOLDEN=1 rewrites the expected trees (review the diff!).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { planActivator, ActivatorOptions } from '../../server/src/features/activator/plan';
import { activatorCodeActions } from '../../server/src/features/activator/actions';
import { runCli } from '../../server/src/cli/main';
import { MAIN_SECTION, QuadletType } from '../../server/src/catalog/filetypes';
import { UnitView } from '../../server/src/workspace/unit-view';
import { EOLS, withEol } from '../helpers/text';
import { applyChange, envOf, prefixed, readTree, unprefixed, workspace } from '../helpers/activator';
import { ORACLES, SYSTEMD_ANALYZE, generatorProblems, need, quadletDryRun, splitDryRun, verifyUnits } from '../helpers/systemd-tools';

const FIXTURES = join(__dirname, '../../../test/fixtures/activator');
const ROOT = '/fx';

interface Case {
  file: string;
  options: ActivatorOptions;
  podmanVersion: string;
  about: string;
}

function planFor(files: Record<string, string>, c: Case) {
  const analysis = workspace(prefixed(files, ROOT), ROOT, {}, c.podmanVersion);
  const unit = analysis.index.getFile(`${ROOT}/${c.file}`)!.units()[0];
  return { analysis, unit, result: planActivator(unit, { ...c.options, onExisting: 'refuse' }, envOf(analysis)) };
}

function writeTree(dir: string, files: Record<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
}

for (const name of readdirSync(FIXTURES).sort()) {
  const dir = join(FIXTURES, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  const input = readTree(join(dir, 'input'));
  const expectedDir = join(dir, 'expected');

  describe(`activator golden: ${name}`, () => {
    for (const [eolName, eol] of EOLS) {
      it(`produces the expected files (${eolName})`, () => {
        const files = Object.fromEntries(Object.entries(input).map(([p, t]) => [p, withEol(t, eol)]));
        const { result } = planFor(files, c);
        assert.equal(result.kind, 'plan', result.kind === 'plan' ? '' : result.message);
        if (result.kind !== 'plan') return;
        const after = unprefixed(applyChange(prefixed(files, ROOT), result.change), ROOT);
        if (process.env.UPDATE_GOLDEN === '1' && eol === '\n') writeTree(expectedDir, after);
        // Generated files use "\n"; files that came from the input keep their own line ending.
        const expected = Object.fromEntries(Object.entries(readTree(expectedDir)).map(([p, t]) => [p, p in input ? withEol(t, eol) : t]));
        assert.deepEqual(after, expected);
      });
    }

    it('changes nothing when run again (plan and code actions)', () => {
      const expected = readTree(expectedDir);
      const { analysis, unit, result } = planFor(expected, c);
      assert.equal(result.kind, 'up-to-date', result.kind === 'refused' ? result.message : 'planned again');
      const env = envOf(analysis);
      // No action anywhere in the quadlets of the scope (the pod's too, when the case names a member container).
      for (const file of analysis.index.allFiles()) {
        if (!file.path.startsWith(`${ROOT}/${dirname(c.file)}/`)) continue;
        for (let line = 0; line < file.text.split('\n').length; line++) {
          const actions = activatorCodeActions(file, { start: { line, character: 0 }, end: { line, character: 0 } }, env);
          assert.deepEqual(actions.map((a) => a.title), [], `${file.path}:${line + 1}`);
        }
      }
      assert.ok(unit);
    });

    it('the real generators (5.4 and 5.8) accept the edited quadlet and publish what it says', async (t) => {
      const quadletDir = join(expectedDir, dirname(c.file));
      const user = c.file.includes('home/');
      const { analysis } = planFor(readTree(expectedDir), c);
      const target = analysis.index.getFile(`${ROOT}/${c.file}`)!.units()[0];
      for (const oracle of ORACLES) {
        if (!need(t, `the Podman ${oracle.version} generator (run ../shared/tools/fetch-quadlet)`, !!oracle.bin)) return;
        const r = await quadletDryRun(oracle.bin!, quadletDir, user);
        assert.equal(r.code, 0, `${oracle.version}: ${r.stderr}`);
        assert.deepEqual(generatorProblems(r.stderr), [], `${oracle.version} complained`);
        const services = splitDryRun(r.stdout);
        // The unit that publishes: the pod when the container joins one.
        for (const file of analysis.index.allFiles()) {
          for (const u of file.units()) {
            if (!u.file.path.startsWith(`${ROOT}/${dirname(c.file)}/`) || (u.type !== 'container' && u.type !== 'pod')) continue;
            const view = new UnitView(u, analysis.index.dropinsFor(u));
            const service = [...services.entries()].find(([, text]) => text.includes(`SourcePath=${join(quadletDir, u.name)}`));
            assert.ok(service, `${oracle.version}: no service generated for ${u.name}`);
            const exec = service[1].split('\n').filter((l) => l.startsWith('ExecStart') && l.includes('podman')).join('\n');
            for (const p of view.values(MAIN_SECTION[u.type as QuadletType], 'PublishPort')) assert.match(exec, new RegExp(`--publish ${p.entry.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`), `${oracle.version}: ${u.name}`);
            if (view.last('Container', 'Notify')?.entry.value === 'healthy') assert.match(exec, /--sdnotify=healthy/);
          }
        }
        if (c.options.strategy === 'native') {
          const service = [...services.entries()].find(([, text]) => text.includes(`SourcePath=${join(quadletDir, target.name)}`))!;
          assert.doesNotMatch(service[1], /--publish/, 'native: the container no longer publishes the port');
        }
      }
    });

    it('systemd-analyze verify (system mode) accepts the generated units next to the real generated services', async (t) => {
      const oracle = ORACLES[1];
      if (!need(t, 'systemd-analyze', !!SYSTEMD_ANALYZE) || !need(t, `the Podman ${oracle.version} generator (run ../shared/tools/fetch-quadlet)`, !!oracle.bin)) return;
      const expected = readTree(expectedDir);
      const created = Object.keys(expected).filter((p) => !(p in input));
      assert.ok(created.length > 0);
      const dry = await quadletDryRun(oracle.bin!, join(expectedDir, dirname(c.file)), false);
      assert.equal(dry.code, 0, dry.stderr);
      const units: Record<string, string> = Object.fromEntries(splitDryRun(dry.stdout));
      for (const p of created) units[p.split('/').pop()!] = expected[p];
      const tmp = mkdtempSync(join(tmpdir(), 'qls-verify-'));
      try {
        const r = await verifyUnits(tmp, units, created.map((p) => p.split('/').pop()!));
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.deepEqual(r.problems, []);
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });

    it('quadlet-ls check finds no error in the result, and nothing at all in the generated files', async () => {
      let out = '';
      const io = { out: (s: string) => (out += s), err: () => undefined, version: 'test' };
      const code = await runCli(['check', '--format', 'json', '--podman-version', c.podmanVersion, expectedDir], io);
      const findings = JSON.parse(out) as Array<{ file: string; severity: string; code: string; message: string }>;
      assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
      assert.equal(code, 0);
      const created = Object.keys(readTree(expectedDir)).filter((p) => !(p in input));
      assert.deepEqual(findings.filter((f) => created.some((p) => f.file.endsWith(p))), []);
    });
  });
}
