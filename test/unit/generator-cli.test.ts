// `quadlet-ls check --generator PATH`: one run per scope (rootless with -user), Podman's findings in
// the output next to ours, the generator's version as the target when none is set.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { CliIo } from '../../server/src/cli/io';
import { requireOracles, writeScript } from '../helpers/oracle';
import { tempTree } from '../helpers/cli';

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', version: 'test', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

const ALICE = 'hosts/h1/home/alice/.config/containers/systemd';
const ROOT = 'hosts/h1/etc/containers/systemd';

describe('check --generator', () => {
  it('runs once per scope: rootless with -user, root without', async () => {
    const t = tempTree({ [`${ALICE}/web.container`]: '[Container]\nImage=quay.io/x/web:1\n', [`${ROOT}/proxy.container`]: '[Container]\nImage=quay.io/x/proxy:1\n' });
    try {
      const log = join(t.dir, 'calls');
      const bin = writeScript(join(t.dir, 'quadlet'), `[ "$1" = -version ] && { echo 5.8.6; exit 0; }\nls "$QUADLET_UNIT_DIRS" | tr '\\n' ' ' >> '${log}'; echo "$*" >> '${log}'`);
      const io = capture();
      const code = await runCli(['check', '--generator', bin, '--podman-version', '5.8', join(t.dir, 'hosts')], io);
      assert.equal(code, 0, io.stdout + io.stderr);
      const calls = readFileSync(log, 'utf8').trim().split('\n').sort();
      assert.deepEqual(calls, ['proxy.container -dryrun', 'web.container -dryrun -user']);
    } finally {
      t.cleanup();
    }
  });

  it('refuses a path that is not an executable file (exit 2)', async () => {
    const io = capture();
    assert.equal(await runCli(['check', '--generator', '/nonexistent/quadlet', '.'], io), 2);
    assert.match(io.stderr, /--generator \/nonexistent\/quadlet: not an executable file/);
  });

  for (const oracle of requireOracles()) {
    it(`${oracle.version}: Podman's findings join ours, on the right line; its version is the target`, async () => {
      const t = tempTree({ [`${ALICE}/web.container`]: '[Container]\nImage=quay.io/x/web:1\nHttpProxy=false\n' });
      try {
        const io = capture();
        const code = await runCli(['check', '--format', 'json', '--generator', oracle.path, join(t.dir, 'hosts')], io);
        const findings = JSON.parse(io.stdout) as { file: string; line: number; code: string; message: string }[];
        const podman = findings.filter((f) => f.code === 'podman');
        if (oracle.version === '5.4') {
          assert.equal(code, 1);
          assert.deepEqual(podman.map((f) => [f.line, f.message]), [[3, `unsupported key 'HttpProxy' in group 'Container' in ${join(t.dir, ALICE, 'web.container')}`]]);
          assert.ok(findings.some((f) => f.code === 'version' && f.line === 3), 'target version taken from quadlet -version');
        } else {
          assert.equal(code, 0, io.stdout);
          assert.deepEqual(podman, []);
          assert.equal(findings.some((f) => f.code === 'version'), false);
        }
      } finally {
        t.cleanup();
      }
    });
  }
});
