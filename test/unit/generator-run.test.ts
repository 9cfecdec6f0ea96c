// Running the generator with fake binaries: the staged temp directory is removed after success,
// failure, crash, timeout and a binary that cannot start; a hung generator is stopped in time.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Analysis } from '../../server/src/features/analysis';
import { WorkspaceIndex } from '../../server/src/workspace/index';
import { validateScope } from '../../server/src/features/generator/validate';
import { GeneratorRunner } from '../../server/src/features/generator/runner';
import { writeScript } from '../helpers/oracle';
import { tempTree } from '../helpers/cli';

const ROOT = '/ws/hosts/h1/home/alice/.config/containers/systemd';

function workspace(files: Record<string, string>): WorkspaceIndex {
  const index = new WorkspaceIndex({ roots: ['/ws'], config: {} });
  const analysis = new Analysis(index);
  for (const [rel, text] of Object.entries(files)) analysis.setFile(`${ROOT}/${rel}`, { text });
  return index;
}

/** A fake generator that records its staged directories and arguments in `record`, then runs `then`. */
function fakeGenerator(dir: string, then: string): { bin: string; record: string } {
  const record = join(dir, 'record');
  const bin = writeScript(join(dir, 'quadlet'), `printf '%s\\n' "$QUADLET_UNIT_DIRS" "$*" > '${record}'\n${then}`);
  return { bin, record };
}

function recorded(record: string): { dirs: string[]; args: string } {
  const [dirs, args] = readFileSync(record, 'utf8').split('\n');
  return { dirs: dirs.split(':'), args };
}

const index = () =>
  workspace({
    'web.container': '[Container]\nImage=quay.io/x/web\nFoo=1\n',
    'sub/db.volume': '[Volume]\n',
    'web.container.d/10.conf': '[Container]\nLabel=a=b\n',
  });
const scope = { host: 'h1', owner: 'alice', rootless: true };

describe('generator runs with a fake binary', () => {
  it('stages the scope (sub-directories and drop-ins kept), passes -dryrun -user, removes the temp dir after success', async () => {
    const t = tempTree({});
    try {
      const { bin, record } = fakeGenerator(
        t.dir,
        `D="$QUADLET_UNIT_DIRS"; test -f "$D/web.container" && test -f "$D/sub/db.volume" && test -f "$D/web.container.d/10.conf" || exit 7
printf -- '---web.service---\\n[Unit]\\nSourcePath=%s/web.container\\n\\n' "$D"`,
      );
      const run = await validateScope(index(), scope, { binary: bin, timeoutMs: 5000 });
      const { dirs, args } = recorded(record);
      assert.equal(args, '-dryrun -user');
      assert.equal(dirs.length, 1);
      assert.equal(run.exitCode, 0, run.general.join('\n'));
      assert.deepEqual(run.units.map((u) => [u.name, u.sourcePath]), [['web.service', `${ROOT}/web.container`]]);
      assert.match(run.units[0].text, new RegExp(`SourcePath=${ROOT}/web.container\n`));
      assert.equal(existsSync(dirs[0]), false, 'staged dir removed');
    } finally {
      t.cleanup();
    }
  });

  it('root scopes run without -user', async () => {
    const t = tempTree({});
    try {
      const { bin, record } = fakeGenerator(t.dir, 'exit 0');
      const rootIndex = new WorkspaceIndex({ roots: ['/ws'], config: {} });
      new Analysis(rootIndex).setFile('/ws/hosts/h1/etc/containers/systemd/proxy.container', { text: '[Container]\nImage=quay.io/x/p\n' });
      await validateScope(rootIndex, { host: 'h1', owner: 'root', rootless: false }, { binary: bin, timeoutMs: 5000 });
      assert.equal(recorded(record).args, '-dryrun');
    } finally {
      t.cleanup();
    }
  });

  it('reads a failure onto the file and key, and removes the temp dir', async () => {
    const t = tempTree({});
    try {
      const { bin, record } = fakeGenerator(
        t.dir,
        `echo "quadlet-generator[1]: converting \\"web.container\\": unsupported key 'Foo' in group 'Container' in $QUADLET_UNIT_DIRS/web.container" >&2; exit 1`,
      );
      const run = await validateScope(index(), scope, { binary: bin, timeoutMs: 5000 });
      assert.equal(run.diagnostics.length, 1);
      const d = run.diagnostics[0];
      assert.equal(d.file, `${ROOT}/web.container`);
      assert.deepEqual(d.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } });
      assert.equal(d.message, `unsupported key 'Foo' in group 'Container' in ${ROOT}/web.container`, 'staged path rewritten to the real one');
      assert.equal(existsSync(recorded(record).dirs[0]), false);
    } finally {
      t.cleanup();
    }
  });

  it('reads a panic (exit 2) as one error naming the crash, and removes the temp dir', async () => {
    const t = tempTree({});
    try {
      const { bin, record } = fakeGenerator(
        t.dir,
        `printf 'panic: runtime error: index out of range [0] with length 0\\n\\ngoroutine 1 [running]:\\ngithub.com/containers/podman/pkg/systemd/quadlet.ConvertContainer(0x1)\\n\\tgithub.com/containers/podman/pkg/systemd/quadlet/quadlet.go:1895 +0x2d7\\n' >&2; exit 2`,
      );
      const run = await validateScope(index(), scope, { binary: bin, timeoutMs: 5000 });
      assert.equal(run.exitCode, 2);
      assert.equal(run.diagnostics.length, 1);
      const d = run.diagnostics[0];
      assert.equal(d.file, `${ROOT}/web.container`, 'the only container that was not generated');
      assert.equal(d.severity, 'error');
      assert.match(d.message, /crashed \(panic: runtime error: index out of range \[0\] with length 0, at quadlet\.go:1895 in ConvertContainer\)/);
      assert.equal(existsSync(recorded(record).dirs[0]), false);
    } finally {
      t.cleanup();
    }
  });

  it('stops a hung generator at the timeout (its children too) and removes the temp dir', async () => {
    const t = tempTree({});
    try {
      const { bin, record } = fakeGenerator(t.dir, 'sleep 30');
      const started = Date.now();
      const run = await validateScope(index(), scope, { binary: bin, timeoutMs: 300 });
      const elapsed = Date.now() - started;
      assert.equal(run.timedOut, true);
      assert.equal(run.failed, true);
      assert.ok(elapsed < 5000, `took ${elapsed} ms`);
      assert.match(run.general[0], /did not finish within 0\.3 s/);
      assert.equal(existsSync(recorded(record).dirs[0]), false);
    } finally {
      t.cleanup();
    }
  });

  it('reports a binary that cannot start, and leaves no temp dir behind', async () => {
    const t = tempTree({});
    try {
      const parent = join(t.dir, 'stage');
      mkdirSync(parent);
      const run = await validateScope(index(), scope, { binary: join(t.dir, 'missing-quadlet'), timeoutMs: 5000, stageParent: parent });
      assert.equal(run.failed, true);
      assert.match(run.general[0], /could not run .*ENOENT/);
      assert.deepEqual(readdirSync(parent), []);
    } finally {
      t.cleanup();
    }
  });
});

describe('GeneratorRunner (the one gate)', () => {
  it('runs nothing while untrusted, not even -version, and starts once trusted', async () => {
    const t = tempTree({});
    try {
      const marker = join(t.dir, 'ran');
      const bin = writeScript(join(t.dir, 'quadlet'), `echo "$*" >> '${marker}'\n[ "$1" = -version ] && echo 5.8.6\nexit 0`);
      let trusted = false;
      const runner = new GeneratorRunner(index(), { trusted: () => trusted, configuredPath: () => bin });
      assert.equal((await runner.status()).trusted, false);
      assert.match(((await runner.validate(`${ROOT}/web.container`)) as { refused: string }).refused, /not trusted/);
      assert.match(((await runner.preview(`${ROOT}/web.container`)) as { refused: string }).refused, /not trusted/);
      assert.equal(existsSync(marker), false);
      trusted = true;
      assert.equal((await runner.status()).version, '5.8.6');
      const run = await runner.validate(`${ROOT}/web.container`);
      assert.ok(!('refused' in run));
      assert.deepEqual(readFileSync(marker, 'utf8').trim().split('\n'), ['-version', '-dryrun -user']);
    } finally {
      t.cleanup();
    }
  });

  it('explains, without running anything, why a template or .quadlets file has no generated unit', async () => {
    const t = tempTree({});
    try {
      const marker = join(t.dir, 'ran');
      const bin = writeScript(join(t.dir, 'quadlet'), `touch '${marker}'`);
      const idx = workspace({ 'web.container.j2': '[Container]\nImage={{ image }}\n', 'app.quadlets': '# FileName=a\n[Container]\nImage=quay.io/x/a:1\n' });
      const runner = new GeneratorRunner(idx, { trusted: () => true, configuredPath: () => bin });
      assert.match(((await runner.preview(`${ROOT}/web.container.j2`)) as { refused: string }).refused, /does not read templates/);
      assert.match(((await runner.preview(`${ROOT}/app.quadlets`)) as { refused: string }).refused, /podman quadlet install/);
      assert.equal(existsSync(marker), false);
    } finally {
      t.cleanup();
    }
  });
});
