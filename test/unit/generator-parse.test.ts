// Reading the generator's stderr (5.4 and 5.8 layouts), splitting its stdout, the escape check and
// finding the binary — without running Podman.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync, readFileSync } from 'node:fs';
import { parseGeneratorStderr } from '../../server/src/features/generator/stderr';
import { splitDryRun } from '../../server/src/features/generator/output';
import { hasUnsupportedEscape } from '../../server/src/features/generator/escapes';
import { locateGenerator } from '../../server/src/features/generator/locate';
import { writeScript } from '../helpers/oracle';
import { tempTree } from '../helpers/cli';

// generator-facts.md §10, example O:ord.
const STDERR_54 = [
  'quadlet-generator[7]: Loading source unit file /q/a.container',
  'quadlet-generator[7]: Loading source unit file /q/sub/c.container',
  'quadlet-generator[7]: Loading source drop-in file /q/a.container.d/x.conf',
  'quadlet-generator[7]: Warning: a.container specifies the image "short" which not a fully qualified image name.',
  'quadlet-generator[7]: error loading "/q/sub/c.container", file contains line 3: “junk” which is not a key-value pair, group, or comment',
  'converting "b.volume": key Type can\'t be used without Device',
  "converting \"a.container\": unsupported key 'Bogus' in group 'Container' in /q/a.container",
  '',
].join('\n');

const STDERR_58 = [
  'quadlet-generator[9]: Loading source unit file /q/a.container',
  'quadlet-generator[9]: error loading "/q/sub/c.container", key file does not start with a group',
  'quadlet-generator[9]: converting "b.volume": key Type can\'t be used without Device',
  'quadlet-generator[9]: Warning: using key User in the Service group is not supported - use at your own risk',
  'quadlet-generator[9]: unsupported escape char',
  'quadlet-generator[9]: processing encountered some errors',
  '',
].join('\r\n');

describe('generator stderr', () => {
  it('reads the 5.4 layout (held-back errors without prefix)', () => {
    const p = parseGeneratorStderr(STDERR_54);
    assert.deepEqual(p.loadedUnits, ['/q/a.container', '/q/sub/c.container']);
    assert.deepEqual(p.loadedDropins, ['/q/a.container.d/x.conf']);
    assert.deepEqual(p.messages, [
      { kind: 'warning', subject: 'a.container', text: 'a.container specifies the image "short" which not a fully qualified image name.' },
      { kind: 'load-error', subject: '/q/sub/c.container', text: 'file contains line 3: “junk” which is not a key-value pair, group, or comment', line: 3 },
      { kind: 'convert-error', subject: 'b.volume', text: "key Type can't be used without Device" },
      { kind: 'convert-error', subject: 'a.container', text: "unsupported key 'Bogus' in group 'Container' in /q/a.container" },
    ]);
    assert.equal(p.panic, undefined);
  });

  it('reads the 5.8 layout (every line prefixed, CRLF tolerated, progress lines dropped)', () => {
    const p = parseGeneratorStderr(STDERR_58);
    assert.deepEqual(p.messages.map((m) => [m.kind, m.subject, m.text]), [
      ['load-error', '/q/sub/c.container', 'key file does not start with a group'],
      ['convert-error', 'b.volume', "key Type can't be used without Device"],
      ['warning', undefined, 'using key User in the Service group is not supported - use at your own risk'],
      ['warning', undefined, 'unsupported escape char'],
    ]);
  });

  it('reads a panic and its first Podman frame, ignoring the rest of the trace', () => {
    const p = parseGeneratorStderr(
      'quadlet-generator[1]: Loading source unit file /q/m.container\npanic: runtime error: index out of range [0] with length 0\n\ngoroutine 1 [running]:\n' +
        'github.com/containers/podman/pkg/systemd/quadlet.handleStorageSource(0xc0000c8328?)\n\tgithub.com/containers/podman/pkg/systemd/quadlet/quadlet.go:1895 +0x2d7\n' +
        'github.com/containers/podman/pkg/systemd/quadlet.ConvertContainer(0xc0000a83c0, 0x1)\n\tgithub.com/containers/podman/pkg/systemd/quadlet/quadlet.go:836 +0x3bde\n',
    );
    assert.deepEqual(p.panic, { reason: 'runtime error: index out of range [0] with length 0', where: 'quadlet.go:1895', converter: 'ConvertContainer' });
    assert.deepEqual(p.messages, []);
  });

  it('keeps unknown lines as messages of their own', () => {
    assert.deepEqual(parseGeneratorStderr('something new\n').messages, [{ kind: 'other', text: 'something new' }]);
    assert.deepEqual(parseGeneratorStderr('').messages, []);
  });
});

describe('dry-run stdout', () => {
  it('splits on ---name--- headers, keeps each unit text and its SourcePath', () => {
    const out = '---a.service---\n[Unit]\nSourcePath=/q/a.container\n\n[Service]\nExecStart=x\n\n---b-volume.service---\n[Unit]\nSourcePath=/q/b.volume\n';
    const units = splitDryRun(out);
    assert.deepEqual(units, [
      { name: 'a.service', text: '[Unit]\nSourcePath=/q/a.container\n\n[Service]\nExecStart=x\n', sourcePath: '/q/a.container' },
      { name: 'b-volume.service', text: '[Unit]\nSourcePath=/q/b.volume\n', sourcePath: '/q/b.volume' },
    ]);
    assert.equal(units.map((u) => `---${u.name}---\n${u.text}`).join('\n'), out);
    assert.deepEqual(splitDryRun(''), []);
  });
});

describe('unsupported escapes (generator-facts §2.2)', () => {
  for (const ok of ['a\\tb', '\\x41', '\\101', '\\u00e9', '\\U0001F600', '\\s', 'q\\"q', '\\\\n', 'plain']) {
    it(`accepts ${JSON.stringify(ok)}`, () => assert.equal(hasUnsupportedEscape(ok), false));
  }
  for (const bad of ['\\q', "'test\\.com'", '\\x4', '\\x00', '\\000', '\\u0000', '\\400', '^foo(\\?.*)?$', '\\%']) {
    it(`rejects ${JSON.stringify(bad)}`, () => assert.equal(hasUnsupportedEscape(bad), true));
  }
});

describe('finding the generator', () => {
  it('uses the configured path only when it is an absolute executable, never replacing it', async () => {
    const t = tempTree({});
    try {
      const bin = writeScript(join(t.dir, 'q'), 'exit 0');
      assert.deepEqual((await locateGenerator({ configured: bin, systemPaths: [] })).found, { path: bin, source: 'setting' });
      assert.match((await locateGenerator({ configured: 'rel/quadlet', systemPaths: [bin] })).problem!, /absolute/);
      assert.match((await locateGenerator({ configured: join(t.dir, 'none'), systemPaths: [bin] })).problem!, /not an executable/);
    } finally {
      t.cleanup();
    }
  });

  it('falls back to the system paths, then next to podman on PATH', async () => {
    const t = tempTree({});
    try {
      const system = writeScript(join(t.dir, 'system-quadlet'), 'exit 0');
      assert.deepEqual((await locateGenerator({ systemPaths: [join(t.dir, 'none'), system], pathEnv: '' })).found, { path: system, source: 'system' });
      mkdirSync(join(t.dir, 'bin'));
      mkdirSync(join(t.dir, 'libexec/podman'), { recursive: true });
      writeScript(join(t.dir, 'bin/podman'), 'exit 0');
      const next = writeScript(join(t.dir, 'libexec/podman/quadlet'), 'exit 0');
      assert.deepEqual((await locateGenerator({ systemPaths: [], pathEnv: `relative:${join(t.dir, 'bin')}` })).found, { path: next, source: 'next-to-podman' });
      assert.match((await locateGenerator({ systemPaths: [], pathEnv: '' })).problem!, /not found/);
    } finally {
      t.cleanup();
    }
  });

  it('the client sends the same request names the server serves', () => {
    const client = readFileSync(join(__dirname, '../../../client/src/features/generator.ts'), 'utf8');
    const server = readFileSync(join(__dirname, '../../../server/src/lsp/handlers/generator.ts'), 'utf8');
    for (const name of ['quadletLs/generatorStatus', 'quadletLs/validateWithPodman', 'quadletLs/generatedUnit', 'quadletLs/generatorPath']) {
      assert.ok(client.includes(`'${name}'`) && server.includes(`'${name}'`), name);
    }
  });
});
