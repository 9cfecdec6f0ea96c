import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyse } from '../helpers/workspace';
import { lines } from '../helpers/text';
import { Analysis } from '../../server/src/features/analysis';

const ALICE = '/ws/hosts/h1/home/alice/.config/containers/systemd';
const BOB = '/ws/hosts/h1/home/bob/.config/containers/systemd';
const CONFIG = { hosts: { h1: { users: { alice: 1001, bob: 1002 } } } };

function workspace(): Analysis {
  const a = analyse(
    {
      [`${BOB}/db.network`]: '[Network]',
      [`${BOB}/db.container`]: lines('[Container]', 'Image=docker.io/library/postgres:16'),
      [`${ALICE}/worker.container`]: lines('[Unit]', 'Requires=db.service', '[Container]', 'Image=docker.io/library/alpine:3', 'Network=db.network'),
      [`${ALICE}/other.container`]: lines('[Container]', 'Image=docker.io/library/alpine:3'),
      [`${BOB}/cache.container`]: lines('[Container]', 'Image=docker.io/library/redis:7'),
    },
    { podmanVersion: '5.8' },
    CONFIG,
  );
  a.allDiagnostics(); // everything analysed once, as after the initial scan
  return a;
}

const codes = (a: Analysis, path: string) => a.diagnostics(path).map((d) => `${d.range.start.line}:${d.code}`);

describe('incremental re-analysis across files', () => {
  it('re-checks the referrer, and only the units that asked, when the target appears and disappears', () => {
    const a = workspace();
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['1:cross-user-reference', '4:cross-user-reference']);
    const before = a.stats.unitRuns;
    const affected = a.setFile(`${ALICE}/db.network`, { text: '[Network]' });
    assert.ok(affected.includes(`${ALICE}/worker.container`), 'the referrer is reported as affected');
    assert.ok(!affected.includes(`${BOB}/cache.container`));
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['1:cross-user-reference']);
    for (const p of affected) a.diagnostics(p);
    const reran = a.stats.unitRuns - before;
    // worker.container and the new db.network itself; bob's db.network also asked about its own name.
    assert.ok(reran >= 2 && reran <= 3, `re-ran ${reran} units`);
    a.removeFile(`${ALICE}/db.network`);
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['1:cross-user-reference', '4:cross-user-reference']);
  });

  it('follows generated service names: ServiceName= in the target or in its drop-in', () => {
    const a = workspace();
    a.setFile(`${ALICE}/db.container`, { text: lines('[Container]', 'Image=docker.io/library/postgres:16', 'ServiceName=pg') });
    // alice's db.container generates pg.service, so db.service is still only bob's.
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['1:cross-user-reference', '4:cross-user-reference']);
    a.setFile(`${ALICE}/db.container.d/name.conf`, { text: lines('[Container]', 'ServiceName=db') });
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['4:cross-user-reference']);
    a.removeFile(`${ALICE}/db.container.d/name.conf`);
    assert.deepEqual(codes(a, `${ALICE}/worker.container`), ['1:cross-user-reference', '4:cross-user-reference']);
  });

  it('does not re-run unrelated units', () => {
    const a = workspace();
    const before = a.stats.unitRuns;
    const affected = a.setFile(`${ALICE}/other.container`, { text: lines('[Container]', 'Image=docker.io/library/alpine:3.20') });
    for (const p of affected) a.diagnostics(p);
    a.diagnostics(`${ALICE}/worker.container`);
    assert.deepEqual(affected, [`${ALICE}/other.container`]);
    assert.equal(a.stats.unitRuns - before, 1);
  });
});
