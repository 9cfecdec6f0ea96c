// Volume=, Tmpfs= and Mount=.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTmpfs, parseVolume } from '../../server/src/catalog/values/volume';
import { parseCsvRecord, parseMount } from '../../server/src/catalog/values/mount';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

const vol58 = (v: string) => parseVolume(v, '5.8');
const mount58 = (v: string) => parseMount(v, '5.8');
const mount54 = (v: string) => parseMount(v, '5.4');

describe('values: Volume=', () => {
  it('accepts paths, specifiers, names, Quadlet volumes and options', () => {
    assertValid(vol58, [
      '/data', '%h/data:/data', '%h/data:/data:Z', '/srv/app:/app:ro,z', './data:/data', '../shared:/shared:U', 'data:/var/lib/data',
      'app.volume:/data', 'cache.artifact:/models', '${HOME}/x:/x', '/a:/b:idmap=uids=0-1000-10', '/a:/b:O', '/a:/b:cached,rw', '/a:%h',
    ]);
  });
  it('refuses what podman refuses', () => {
    assertProblems(vol58, {
      'data:relative': ['error:relative'],
      'data/db:/data': ['error:data/db'],
      '~/data:/data': ['error:~/data'],
      '/a:/b:rw,ro': ['error:ro'],
      '/a:/b:bogus': ['error:bogus'],
      '/a:/b:ro:extra': ['error:/a:/b:ro:extra'],
      'relative': ['error:relative'],
      '/a:': ['error:'],
    });
    assertMessage(vol58, 'data/db:/data', /\.\/data\/db/);
    assertMessage(vol58, '~/data:/data', /%h\/data/);
  });
  it('warns about an empty source (oracle: Volume=:/data:ro → -v /data, options dropped)', () => {
    assertProblems(vol58, { ':/data:ro': ['warning::'] });
    assertMessage(vol58, ':/data:ro', /drops the options/);
  });
  it('warns that .image is not resolved in Volume=', () => {
    assertProblems(vol58, { 'tools.image:/tools': ['warning:tools.image'] });
  });
  it('reports X.artifact as a version warning before 5.7 (the older generator accepts it silently)', () => {
    assertProblems((v) => parseVolume(v, '5.4'), { 'cache.artifact:/models': ['warning:cache.artifact@5.7'] });
  });
  it('classifies the source', () => {
    assert.deepEqual(vol58('app.volume:/data').source, { kind: 'quadlet', unit: 'app.volume' });
    assert.deepEqual(vol58('%h/data:/data').source, { kind: 'path', path: '%h/data' });
    assert.deepEqual(vol58('/data').source, { kind: 'none' });
  });
  it('checks Tmpfs= destinations', () => {
    assertValid(parseTmpfs, ['/tmp', '/run:rw,size=64m,mode=1777']);
    assertProblems(parseTmpfs, { 'tmp:rw': ['error:tmp'] });
  });
});

describe('values: Mount=', () => {
  it('accepts every documented form', () => {
    assertValid(mount58, [
      'type=bind,source=/srv/a,destination=/a', 'type=bind,src=%h/a,dst=/a,ro', 'type=volume,source=app.volume,target=/data',
      'type=tmpfs,destination=/tmp,tmpfs-size=64m', 'type=image,source=fedora,destination=/img,rw=true', 'type=devpts,destination=/dev/pts',
      'type=glob,src=/usr/lib/lib*.so,ro', 'type=bind,source=/a,destination=/a,bind-propagation=rslave,relabel=private',
      'type=artifact,source=quay.io/x/model:1,destination=/model', 'type=volume,source=v,destination=/d,volume-opt=o=x',
      'type=bind,\\"source=/a,b\\",destination=/x', 'source=vol,destination=/x', 'type=bind,source=/a,dest=/a',
    ]);
  });
  it('refuses a missing source: 5.8 generator error, 5.4 generator crash (oracle: mount-source-missing.container → 5.4.2 exit 2 panic; 5.8.6 "source cannot be empty")', () => {
    assertProblems(mount58, { 'type=volume,destination=/path': ['error:type=volume,destination=/path'], 'type=bind,source=,destination=/x': ['error:source='] });
    assertMessage(mount58, 'type=volume,destination=/x', /source cannot be empty/);
    assertMessage(mount54, 'type=volume,destination=/x', /crashes/);
    assertProblems(mount58, { 'type=bind,source,destination=/x': ['error:source'] });
  });
  it('refuses unknown types, options and a missing or relative destination', () => {
    assertProblems(mount58, {
      'type=nfs,source=/a,destination=/b': ['error:nfs'],
      'type=bind,source=/a,destination=/b,bogus': ['error:bogus'],
      'type=image,source=fedora,destination=/img,ro': ['error:ro'],
      'type=bind,source=/a': ['error:type=bind,source=/a'],
      'type=bind,source=/a,destination=b': ['error:b'],
      'type=tmpfs,source=/a,destination=/t': ['error:source=/a'],
    });
  });
  it('reports values that need a newer Podman as version problems (oracle: Mount=source=vol,destination=/x → 5.4.2 "incorrect mount format", 5.8.6 accepts)', () => {
    assertProblems(mount54, {
      'source=vol,destination=/x': ['error:source=vol,destination=/x@5.6'],
      'type=bind,source=/a,dest=/a': ['error:dest@5.6'],
      'type=artifact,source=x,destination=/m': ['error:artifact@5.5'],
    });
  });
  it('treats each blank-separated word as a mount', () => {
    const r = mount58('type=bind,source=/a b,destination=/x');
    assert.equal(r.mounts.length, 2);
    assert.ok(r.problems.every((p) => /separate mount/.test(p.message)));
  });
  it('reports CSV errors', () => {
    // The exec-style split removes unescaped quotes first (oracle mq in docs/generator-facts.md), so
    // a CSV-quoted field needs escaped quotes; an escaped quote inside a field is a CSV error.
    assertProblems(mount58, { 'type=bind,source=/a\\"b,destination=/x': ['error:type=bind,source=/a\\"b,destination=/x'] });
    assertProblems(mount58, { 'type=bind,"source=/a,b",destination=/x': ['error:type=bind,"source=/a,b",destination=/x'] });
    assert.deepEqual(parseCsvRecord('a,"b,c",d').fields.map((f) => f.text), ['a', 'b,c', 'd']);
    assert.deepEqual(parseCsvRecord('"a""b"').fields.map((f) => f.text), ['a"b']);
  });
});
