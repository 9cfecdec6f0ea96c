// Hostile input on disk: binary files, NUL bytes, invalid UTF-8, a 50 MB file, a 100,000-character
// line, 10,000 sections, deep drop-in trees, symlink loops, an unreadable file (a link to
// /proc/self/mem, which fails with EIO even for root, who ignores chmod 000), a FIFO, a device, a
// dangling link, Kubernetes YAML that names a device or FIFO, and files deleted while being read.
// Each gets a clear diagnostic or is skipped with one information message; the loader never blocks;
// the CLI finishes with 0 or 1 (2 is for its own usage and I/O errors); the server keeps serving.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findUnitFilesSync, readInputSync } from '../../server/src/workspace/loader';
import { BIN, runBin } from '../helpers/cli';
import { LspClient, LspDiagnostic } from '../helpers/lsp';
import { withinTime } from './inputs';

const USER = 'hosts/h1/home/alice/.config/containers/systemd';
const GOOD = '[Container]\nImage=docker.io/library/nginx:1.27\nImgae=typo\n';
const HUGE_BYTES = 50 * 1024 * 1024;
const LONG = 100_000;
const DEEP = 60;

/** The tree: relative path → what it is. */
function buildTree(dir: string): void {
  const put = (rel: string, data: string | Buffer) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), data);
  };
  const link = (rel: string, target: string) => {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    symlinkSync(target, join(dir, rel));
  };
  put(`${USER}/good.container`, GOOD);
  put(`${USER}/binary.container`, Buffer.from([0x5b, 0x43, 0x00, 0x01, 0xff, 0x00, 0x7f, 0x45, 0x4c, 0x46, 0x00]));
  put(`${USER}/latin1.container`, Buffer.concat([Buffer.from('[Container]\nImage=docker.io/library/nginx:1\nEnvironment=NAME=Jos'), Buffer.from([0xe9, 0xff]), Buffer.from('\n')]));
  put(`${USER}/late-nul.container`, `[Container]\nImage=docker.io/library/nginx:1\n# ${'x'.repeat(9000)}\nEnvironment=A=\u0000b\n`);
  const huge = Buffer.alloc(HUGE_BYTES, 0x61);
  huge.write('[Container]\nImage=docker.io/library/nginx:1\nEnvironment=A=');
  put(`${USER}/huge.container`, huge);
  put(
    `${USER}/long-line.container`,
    `[Container]\nImage=docker.io/library/nginx:1\nEnvironment=A=${'x'.repeat(LONG)}\nPublishPort=${'1:'.repeat(LONG / 2)}80\nLabel=${'"'.repeat(LONG)}\nVolume=${'%'.repeat(LONG)}\nPodmanArgs=${'-p 1:1 '.repeat(LONG / 7)}\n${'K'.repeat(LONG)}=1\n`,
  );
  put(`${USER}/sections.container`, Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `[Container]\nImage=docker.io/library/nginx:${i}\nPublishPort=${(i % 60000) + 1024}:80` : `[X-Section${i}]\nKey${i}=v`)).join('\n') + '\n');
  put(`${USER}/deep.container`, GOOD);
  // Podman reads the .conf files directly inside a .d directory; the nested ones are not drop-ins.
  put(`${USER}/deep.container.d/10-direct.conf`, '[Container]\nLabel=direct=1\n');
  put(`${USER}/deep.container.d/${Array.from({ length: DEEP }, (_, i) => `d${i}`).join('/')}/10-deep.conf`, '[Container]\nLabel=deep=1\n');
  const dashed = Array.from({ length: 50 }, (_, i) => `p${i}`).join('-');
  put(`${USER}/${dashed}.container`, GOOD);
  put(`${USER}/p0-.container.d/10-x.conf`, '[Container]\nLabel=x=1\n');
  link(`${USER}/loop`, '.');
  link(`${USER}/sub/up`, '..');
  link(`${USER}/unreadable.container`, '/proc/self/mem');
  link(`${USER}/zero.container`, '/dev/zero');
  link(`${USER}/dangling.container`, '/nonexistent/quadlet-ls-test');
  execFileSync('mkfifo', [join(dir, USER, 'fifo.container')]);
  execFileSync('mkfifo', [join(dir, USER, 'app.yaml')]);
  put(`${USER}/app.kube`, '[Kube]\nYaml=app.yaml\nYaml=/dev/zero\n');
}

/** The CLI with room for a long report (the hostile tree has ~20,000 findings). */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, PATH: '' } }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return fail(err);
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

const SKIPPED = ['binary.container', 'huge.container', 'fifo.container', 'zero.container', 'unreadable.container'];

describe('hostile files on disk', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-hostile-'));
    buildTree(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the loader lists every unit-named entry once, through loops, without blocking', () => {
    const { files, errors } = withinTime(5000, 'findUnitFilesSync', () => findUnitFilesSync([dir]));
    const names = files.map((f) => f.slice(dir.length + 1));
    assert.deepEqual(errors, []);
    for (const n of ['good', 'binary', 'latin1', 'huge', 'long-line', 'sections', 'fifo', 'zero', 'unreadable', 'deep']) assert.equal(names.filter((x) => x === `${USER}/${n}.container`).length, 1, `${n}.container listed once`);
    assert.ok(names.includes(`${USER}/deep.container.d/10-direct.conf`), 'the drop-in is found');
    assert.ok(!names.some((n) => n.endsWith('/10-deep.conf')), `a .conf ${DEEP} directories down is not a drop-in`);
    assert.ok(!names.some((n) => n.includes('/loop/') || n.includes('/up/')), 'symlinked loops are not walked twice');
    assert.ok(!names.some((n) => n.includes('dangling')), 'a dangling link is not listed');
  });

  it('reading never blocks and says why a file is skipped', () => {
    const read = (name: string) => withinTime(2000, `reading ${name}`, () => readInputSync(join(dir, USER, name)));
    assert.equal(read('fifo.container').skipped?.kind, 'special');
    assert.match(read('fifo.container').skipped!.message, /a FIFO, not a regular file/);
    assert.match(read('zero.container').skipped!.message, /a character device/);
    assert.equal(read('unreadable.container').skipped?.kind, 'unreadable');
    assert.match(read('unreadable.container').skipped!.message, /EIO/);
    assert.equal(read('binary.container').skipped?.kind, 'binary');
    const huge = read('huge.container');
    assert.equal(huge.skipped?.kind, 'too-large');
    assert.match(huge.skipped!.message, new RegExp(`${HUGE_BYTES} bytes`));
    assert.equal(read('latin1.container').decodeProblem, 'invalid byte sequence on line 3');
    assert.equal(read('dangling.container').skipped?.kind, 'gone');
  });

  it('a file deleted between listing and reading is gone, not an error', () => {
    const sub = join(dir, 'vanishing');
    mkdirSync(sub);
    for (let i = 0; i < 20; i++) writeFileSync(join(sub, `v${i}.container`), GOOD);
    const { files } = findUnitFilesSync([sub]);
    for (const f of files.filter((_, i) => i % 2 === 0)) unlinkSync(f);
    const kinds = files.map((f) => readInputSync(f).skipped?.kind ?? 'read');
    assert.deepEqual(kinds, files.map((_, i) => (i % 2 === 0 ? 'gone' : 'read')));
    rmSync(sub, { recursive: true, force: true });
  });

  it('the CLI checks the tree, reports each skipped file once, and exits with 1 (errors found), not 2', async () => {
    const r = await run(['check', '--podman-version', '5.8', dir]);
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n');
    for (const name of SKIPPED) {
      const found = lines.filter((l) => l.includes(`/${name}:`) && l.includes('skipped-file'));
      assert.equal(found.length, 1, `${name}: one skipped-file line, got ${JSON.stringify(found)}`);
      assert.ok(!lines.some((l) => l.includes(`/${name}:`) && !l.includes('skipped-file')), `${name}: nothing else reported`);
    }
    assert.ok(lines.some((l) => l.includes('/good.container:3:1: error unknown-key')), 'the good file is still analysed');
    assert.ok(lines.some((l) => l.includes('/latin1.container:') && /not valid UTF-8/.test(l)), 'invalid UTF-8 is reported');
    assert.ok(lines.some((l) => l.includes('/long-line.container:')), 'the long lines are analysed');
    assert.ok(lines.filter((l) => l.includes('/sections.container:')).length >= 5000, 'the 10,000 sections are analysed');
    assert.ok(!lines.some((l) => l.includes('dangling')), 'a dangling link is not a finding');
    assert.doesNotMatch(r.stderr, /TypeError|RangeError|at .*\.js:\d+/, 'no crash trace');
  });

  it('the CLI exits 2 for its own usage and I/O errors only', async () => {
    assert.equal((await runBin(['check', '--format', 'bogus', dir], dir)).code, 2);
    assert.equal((await runBin(['check', join(dir, 'does-not-exist')], dir)).code, 2);
    assert.equal((await runBin(['check', '--podman-version', '5.8', join(dir, USER, 'good.container')], dir)).code, 1);
  });

  it('the language server indexes the tree, opens hostile texts, and keeps serving', async () => {
    const client = new LspClient();
    try {
      await client.initialize(dir);
      const uri = (name: string) => LspClient.uri(join(dir, USER, name));
      const has = (code: string) => (l: LspDiagnostic[]) => l.some((d) => d.code === code);
      await client.diagnostics(uri('good.container'), has('unknown-key'), 60_000, 'the good file after indexing');
      for (const name of SKIPPED) {
        const list = await client.diagnostics(uri(name), has('skipped-file'), 10_000, `${name} skipped`);
        assert.equal(list.length, 1, `${name}: only the skipped-file message`);
        assert.equal(list[0].severity, 3, 'information');
      }
      // Hostile texts typed into the editor: NUL bytes, a 100,000-character line, 50 MB.
      await client.open(uri('typed.container'), `[Container]\nImage=\u0000\u0000\nEnvironment=A=${'y'.repeat(LONG)}\n`, 1);
      await client.diagnostics(uri('typed.container'), (l) => l.length > 0, 10_000, 'the typed file');
      await client.open(uri('pasted.container'), 'x'.repeat(HUGE_BYTES), 1);
      const pasted = await client.diagnostics(uri('pasted.container'), has('skipped-file'), 30_000, 'the 50 MB paste');
      assert.equal(pasted.length, 1);
      const rows = await client.connection.sendRequest<{ rows: unknown[] }>('quadletLs/ports');
      assert.ok(Array.isArray(rows.rows), 'the server still answers requests');
    } finally {
      const code = await client.close();
      assert.equal(code, 0, `server exit code; stderr: ${client.stderr.join('').slice(0, 2000)}`);
      assert.doesNotMatch(client.stderr.join(''), /rule .* failed|TypeError|RangeError/);
    }
  });

  it('the language server survives files deleted while it indexes them', async () => {
    const root = join(dir, 'racing');
    const users = Array.from({ length: 4 }, (_, u) => join(root, `hosts/h1/home/u${u}/.config/containers/systemd`));
    const paths = users.flatMap((d) => Array.from({ length: 400 }, (_, i) => join(d, `c${i}.container`)));
    for (const d of users) mkdirSync(d, { recursive: true });
    for (const p of paths) writeFileSync(p, GOOD);
    const client = new LspClient();
    try {
      const init = client.initialize(root);
      // Delete half of the files while the server walks and reads the tree.
      await new Promise<void>((resolve) => setImmediate(resolve));
      paths.forEach((p, i) => i % 2 === 1 && unlinkSync(p));
      await init;
      const kept = LspClient.uri(paths[paths.length - 2]);
      await client.diagnostics(kept, (l) => l.some((d) => d.code === 'unknown-key'), 60_000, 'a surviving file');
      const rows = await client.connection.sendRequest<{ rows: unknown[] }>('quadletLs/ports');
      assert.ok(Array.isArray(rows.rows));
    } finally {
      const code = await client.close();
      assert.equal(code, 0, `server exit code; stderr: ${client.stderr.join('').slice(0, 2000)}`);
      assert.doesNotMatch(client.stderr.join(''), /ENOENT|rule .* failed|TypeError/);
    }
  });
});
