import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUADLET_TYPES } from '../../server/src/catalog/filetypes';
import { SNIPPETS, skeletonsFor } from '../../server/src/catalog/snippets';
import { serviceWith, userDir, userSystemdDir } from '../helpers/service';
import { expandSnippet } from '../helpers/snippets';

const REPO = join(__dirname, '..', '..', '..');
const DIR = userDir('postgres');
const SYSTEMD_DIR = userSystemdDir('postgres');

describe('snippets', () => {
  it('snippets/*.code-snippets are generated from the catalogue data', () => {
    execFileSync(process.execPath, ['scripts/gen-snippets.mjs', '--check'], { cwd: REPO, stdio: 'pipe' });
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    for (const s of pkg.contributes.snippets) {
      const file = JSON.parse(readFileSync(join(REPO, s.path), 'utf8'));
      const language = s.language === 'quadlet' ? 'quadlet' : 'systemd';
      assert.deepEqual(Object.keys(file).sort(), SNIPPETS.filter((x) => x.language === language).map((x) => x.name).sort());
    }
  });

  it('has a skeleton for every quadlet type, a plain socket, an activator pair, a network with subnet and a loopback PublishPort', () => {
    for (const type of QUADLET_TYPES) assert.ok(skeletonsFor(type).length > 0, `skeleton for .${type}`);
    assert.deepEqual(skeletonsFor('socket').map((s) => s.prefix[0]), ['socket', 'activator-socket']);
    assert.deepEqual(skeletonsFor('service').map((s) => s.prefix[0]), ['activator-service']);
    assert.ok(skeletonsFor('network').some((s) => s.body.some((l) => l.startsWith('Subnet='))));
    const port = SNIPPETS.find((s) => s.prefix.includes('publishport-loopback'))!;
    assert.equal(expandSnippet(port.body.join('\n')), 'PublishPort=127.0.0.1:8080:80');
  });

  it('uses well-formed tab stops (numbered from 1, each default given once)', () => {
    for (const s of SNIPPETS) {
      const body = s.body.join('\n');
      const stops = [...body.matchAll(/\$\{(\d+)[:|]/g)].map((m) => Number(m[1]));
      assert.ok(stops.length > 0, `${s.name} has tab stops`);
      assert.equal(Math.min(...stops), 1, s.name);
      assert.ok(!/\$\{[^}]*$/m.test(body), `${s.name}: unbalanced braces`);
      assert.ok(!expandSnippet(body).includes('${'), `${s.name} expands fully`);
    }
  });

  for (const version of ['5.4', '5.8']) {
    it(`every skeleton, expanded with its defaults, is a clean file for Podman ${version}`, () => {
      for (const s of SNIPPETS.filter((x) => x.skeleton)) {
        for (const type of s.types ?? []) {
          if (type === 'artifact' && version === '5.4') continue;
          const path = s.language === 'quadlet' ? `${DIR}/new.${type}` : `${SYSTEMD_DIR}/new.${type}`;
          // A socket starts the service of its name: give it one.
          const companion = type === 'socket' ? { [`${SYSTEMD_DIR}/new.service`]: '[Service]\nExecStart=/bin/true\n' } : {};
          const service = serviceWith({ ...companion, [path]: expandSnippet(s.body.join('\n')) }, { podmanVersion: version });
          assert.deepEqual(service.diagnostics(path).map((d) => `${d.code}: ${d.message}`), [], `${s.name} as .${type}`);
        }
      }
    });
  }

  it('the activator pair fits the postgres example: socket, proxy service and the container it starts', () => {
    const socket = SNIPPETS.find((s) => s.prefix[0] === 'activator-socket')!;
    const service = SNIPPETS.find((s) => s.prefix[0] === 'activator-service')!;
    const files = {
      [`${DIR}/db.container`]: '[Container]\nImage=docker.io/library/postgres:16\nPublishPort=127.0.0.1:15432:5432\n',
      [`${SYSTEMD_DIR}/db-activator.socket`]: expandSnippet(socket.body.join('\n')),
      [`${SYSTEMD_DIR}/db-activator.service`]: expandSnippet(service.body.join('\n')),
    };
    const ws = serviceWith(files);
    for (const path of Object.keys(files)) assert.deepEqual(ws.diagnostics(path).map((d) => `${d.code}: ${d.message}`), [], path);
    assert.match(files[`${SYSTEMD_DIR}/db-activator.service`], /^Requires=db-activator\.socket db\.service$/m);
    assert.match(files[`${SYSTEMD_DIR}/db-activator.socket`], /^Accept=no$/m);
  });
});
