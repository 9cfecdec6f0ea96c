// `quadlet-ls check`: output formats, exit status, target version, config and suppressions, run
// through the built bin/quadlet-ls on temporary trees.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TempTree, runBin, tempTree } from '../helpers/cli';

const BAD = ['[Container]', 'Image=docker.io/library/nginx:1.27', 'Imgae=x', 'Group=wheel', ''].join('\n');
const CLEAN = ['[Container]', 'Image=docker.io/library/nginx:1.27', 'PublishPort=127.0.0.1:8080:80', ''].join('\n');
const WARN_ONLY = ['[Container]', 'Image=docker.io/library/nginx:1.27', 'RemapUsers=auto', ''].join('\n');

describe('quadlet-ls check: formats', () => {
  let tree: TempTree;
  before(() => {
    tree = tempTree({ 'web.container': BAD, 'sub/ok.container': CLEAN });
  });
  after(() => tree.cleanup());

  it('text: one `file:line:col: severity code: message` line per finding, the tally on stderr', async () => {
    const r = await runBin(['check', '--podman-version', '5.8', '.'], tree.dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, /^[^:\n]+:\d+:\d+: (error|warning|information|hint) [a-z-]+: .+$/);
    assert.deepEqual(lines.map((l) => l.slice(0, l.indexOf(': ', l.indexOf(': ') + 2))), [
      'web.container:3:1: error unknown-key',
      'web.container:4:1: error conflicting-keys',
    ]);
    assert.match(lines[0], /Did you mean "Image"\?$/);
    assert.match(r.stderr, /^2 finding\(s\): 2 error\(s\), 0 warning\(s\), 0 note\(s\)$/m);
  });

  it('json: an array of {file, line, column, endLine, endColumn, severity, code, message}, 1-based', async () => {
    const r = await runBin(['check', '--format', 'json', '--podman-version', '5.8', '.'], tree.dir);
    assert.equal(r.code, 1);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.ok(Array.isArray(list));
    for (const f of list) assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity']);
    assert.deepEqual(list[0], {
      file: 'web.container',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 6,
      severity: 'error',
      code: 'unknown-key',
      message: 'Unknown key "Imgae" in [Container]: Podman refuses the whole file. Did you mean "Image"?',
    });
    assert.deepEqual({ ...list[1], message: undefined }, { file: 'web.container', line: 4, column: 1, endLine: 4, endColumn: 6, severity: 'error', code: 'conflicting-keys', message: undefined });
    assert.equal(r.stderr, '', 'json output has no tally on stderr');
  });

  it('json: an empty array when nothing is found', async () => {
    const r = await runBin(['check', '--format=json', '--podman-version', '5.8', 'sub'], tree.dir);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('sarif: a valid SARIF 2.1.0 log', async () => {
    const r = await runBin(['check', '--format', 'sarif', '--podman-version', '5.8', '.'], tree.dir);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    assert.equal(run.tool.driver.name, 'quadlet-ls');
    assert.equal(typeof run.tool.driver.version, 'string');
    const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
    assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
    for (const rule of run.tool.driver.rules) assert.equal(typeof rule.shortDescription.text, 'string');
    assert.ok(['utf16CodeUnits', 'unicodeCodePoints'].includes(run.columnKind));
    assert.equal(run.results.length, 2);
    for (const res of run.results) {
      assert.ok(ids.includes(res.ruleId), `${res.ruleId} is declared`);
      assert.ok(['none', 'note', 'warning', 'error'].includes(res.level));
      assert.equal(typeof res.message.text, 'string');
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, 'web.container');
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(loc.region[k]) && loc.region[k] >= 1, k);
    }
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 1, endLine: 3, endColumn: 6 });
    assert.equal(run.results[0].ruleId, 'unknown-key');
    assert.equal(run.results[0].level, 'error');
  });
});

describe('quadlet-ls check: exit status', () => {
  let tree: TempTree;
  before(() => {
    tree = tempTree({ 'bad/web.container': BAD, 'clean/ok.container': CLEAN, 'warn/w.container': WARN_ONLY });
  });
  after(() => tree.cleanup());

  const cases: [string, string[], number][] = [
    ['0 when nothing is found', ['check', 'clean'], 0],
    ['0 with warnings only', ['check', 'warn'], 0],
    ['1 with an error', ['check', 'bad'], 1],
    ['1 when one of several paths has an error', ['check', 'clean', 'bad/web.container'], 1],
    ['2 for a missing path', ['check', 'no-such-dir'], 2],
    ['2 without a path', ['check'], 2],
    ['2 for an unknown format', ['check', '--format', 'xml', 'clean'], 2],
    ['2 for an unknown option', ['check', '--colour', 'clean'], 2],
    ['2 for a bad --podman-version', ['check', '--podman-version', 'latest', 'clean'], 2],
    ['2 for a missing --config file', ['check', '--config', 'nope.json', 'clean'], 2],
    ['2 for an unknown command', ['lint', 'clean'], 2],
  ];
  for (const [name, args, code] of cases) {
    it(name, async () => {
      const r = await runBin(args, tree.dir);
      assert.equal(r.code, code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
      if (code === 2) assert.match(r.stderr, /quadlet-ls/);
    });
  }

  it('--version prints the version and exits 0', async () => {
    const r = await runBin(['--version'], tree.dir);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('quadlet-ls check: target version, config, suppressions', () => {
  let tree: TempTree;
  before(() => {
    tree = tempTree({
      'v/mem.container': ['[Container]', 'Image=docker.io/library/nginx:1.27', 'Memory=512m', ''].join('\n'),
      'cfg/web.container': BAD,
      'cfg/.quadlet-ls.json': JSON.stringify({ severity: { 'conflicting-keys': 'off', 'unknown-key': 'warning' } }),
      'other/web.container': BAD,
      'settings/strict.json': JSON.stringify({ severity: { 'unknown-key': 'information' }, podmanVersion: '5.4' }),
      'sup/web.container': ['[Container]', 'Image=docker.io/library/nginx:1.27', '# quadlet-ls-disable-next-line unknown-key', 'Imgae=x', 'Group=wheel', ''].join('\n'),
      'supfile/web.container': ['# quadlet-ls-disable conflicting-keys,unknown-key', ...BAD.split('\n')].join('\n'),
      'ign/.quadlet-ls.json': JSON.stringify({ ignore: ['old/**'] }),
      'ign/old/web.container': BAD,
      'ign/new/ok.container': CLEAN,
    });
  });
  after(() => tree.cleanup());

  it('--podman-version decides which keys exist', async () => {
    const old = await runBin(['check', '--format', 'json', '--podman-version', '5.4', 'v'], tree.dir);
    assert.equal(old.code, 1);
    const list = JSON.parse(old.stdout);
    assert.deepEqual(list.map((f: { code: string; line: number; column: number; endColumn: number }) => [f.code, f.line, f.column, f.endColumn]), [['version', 3, 1, 7]]);
    assert.match(list[0].message, /Memory= needs Podman 5\.5/);
    const current = await runBin(['check', '--podman-version', '5.8', 'v'], tree.dir);
    assert.equal(current.code, 0);
    assert.equal(current.stdout, '');
  });

  it('--podman-version accepts a full version such as 5.4.2', async () => {
    const r = await runBin(['check', '--podman-version', '5.4.2', 'v'], tree.dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /mem\.container:3:1: error version:/);
  });

  it('a .quadlet-ls.json above the files overrides severities ("off" silences a code)', async () => {
    const r = await runBin(['check', '--podman-version', '5.8', 'cfg'], tree.dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [`cfg/web.container:3:1: warning unknown-key: Unknown key "Imgae" in [Container]: Podman refuses the whole file. Did you mean "Image"?`]);
  });

  it('--config FILE is used instead, including its podmanVersion', async () => {
    const r = await runBin(['check', '--format', 'json', '--config', 'settings/strict.json', 'other'], tree.dir);
    assert.equal(r.code, 1);
    const list = JSON.parse(r.stdout);
    assert.deepEqual(list.map((f: { code: string; severity: string }) => `${f.code}:${f.severity}`), ['unknown-key:information', 'conflicting-keys:error']);
  });

  it('an invalid --config file is a usage error', async () => {
    const bad = tempTree({ 'bad.json': '{"severity": {"unknown-key": "loud"}}', 'web.container': CLEAN });
    try {
      const r = await runBin(['check', '--config', 'bad.json', '.'], bad.dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /severity of "unknown-key" must be one of/);
    } finally {
      bad.cleanup();
    }
  });

  it('a found .quadlet-ls.json that is not JSON stops the run instead of being ignored', async () => {
    const bad = tempTree({ '.quadlet-ls.json': '{ nope', 'web.container': BAD });
    try {
      const r = await runBin(['check', '--podman-version', '5.8', '.'], bad.dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /not valid JSON/);
    } finally {
      bad.cleanup();
    }
  });

  it('# quadlet-ls-disable-next-line CODE silences that code on the next line only', async () => {
    const r = await runBin(['check', '--podman-version', '5.8', 'sup'], tree.dir);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n').map((l) => l.split(': ').slice(0, 2).join(': ')), ['sup/web.container:5:1: error conflicting-keys']);
  });

  it('# quadlet-ls-disable CODE,CODE silences them in the whole file', async () => {
    const r = await runBin(['check', '--podman-version', '5.8', 'supfile'], tree.dir);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
  });

  it('"ignore" globs of the config skip files', async () => {
    const r = await runBin(['check', '--podman-version', '5.8', 'ign'], tree.dir);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(r.stdout, '');
  });
});
