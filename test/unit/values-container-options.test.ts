// UserNS=, UIDMap=/GIDMap=, AddDevice=, Secret=, Ulimit=, image references and names.
import { describe, it } from 'node:test';
import { parseIdMaps, parseUserNs } from '../../server/src/catalog/values/userns';
import { parseDevices } from '../../server/src/catalog/values/device';
import { parseSecrets } from '../../server/src/catalog/values/secret';
import { parseUlimit } from '../../server/src/catalog/values/ulimit';
import { isFullyQualified, parseImageRef } from '../../server/src/catalog/values/images';
import { parsePodmanName, parseServiceName, parseTimezone } from '../../server/src/catalog/values/names';
import { parseHealthCmd, parseHealthLogDestination } from '../../server/src/catalog/values/health';
import assert from 'node:assert/strict';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

describe('values: user namespaces and ID maps', () => {
  it('accepts every UserNS mode', () => {
    assertValid(parseUserNs, ['auto', 'auto:size=65536', 'auto:uidmapping=0:1000:1,size=1024', 'host', 'keep-id', 'keep-id:uid=1000,gid=1000', 'nomap', 'private', 'ns:/proc/1/ns/user', 'container:other']);
  });
  it('refuses unknown modes and options', () => {
    assertProblems(parseUserNs, {
      'keepid': ['error:keepid'],
      'keep-id:uid=abc': ['error:abc'],
      'keep-id:user=1000': ['error:user'],
      'auto:size': ['error:size'],
      'host:x': ['error:host:x'],
      'ns:relative': ['error:ns:relative'],
    });
  });
  it('checks ID maps', () => {
    assertValid(parseIdMaps, ['0:1000:1', '0:100000:65536 1:1:1', '+u0:@1000:1', '0:1000', 'g0:1:1,1:2:1']);
    assertProblems(parseIdMaps, { '0:1000:x': ['error:0:1000:x'], '0:1:1 abc': ['error:abc'], '0:1:1:2': ['error:0:1:1:2'] });
  });
});

describe('values: devices, secrets, ulimits', () => {
  it('checks AddDevice=', () => {
    assertValid(parseDevices, ['/dev/fuse', '-/dev/dri', '/dev/sda:/dev/xvda', '/dev/sda:/dev/xvda:rwm', '/dev/fuse:rw', 'nvidia.com/gpu=all']);
    assertProblems(parseDevices, { '/dev/sda:xyz': ['error:xyz'], '/dev/sda:/dev/xvda:rx': ['error:rx'], '-': ['error:-'], '/a:/b:rw:x': ['error:/a:/b:rw:x'] });
  });
  it('checks Secret=', () => {
    assertValid(parseSecrets, ['dbpass', 'dbpass,type=env,target=DB_PASSWORD', 'tls,type=mount,target=/run/tls,uid=1000,mode=0400', 'a b,type=env']);
    assertProblems(parseSecrets, {
      'dbpass,type=file': ['error:file'],
      'dbpass,owner=me': ['error:owner'],
      'dbpass,ro': ['error:ro'],
      'dbpass,type=env,uid=0': ['error:dbpass,type=env,uid=0'],
      'type=env,target=X': ['error:type=env,target=X'],
      'dbpass,mode=999': ['error:999'],
    });
  });
  it('checks Ulimit=', () => {
    assertValid(parseUlimit, ['nofile=65536:65536', 'nproc=1024', 'host', 'NOFILE=10:20', 'RLIMIT_NOFILE=10', 'memlock=-1:-1', 'core=0:-1']);
    assertProblems(parseUlimit, { 'files=10': ['error:files'], 'nofile': ['error:nofile'], 'nofile=20:10': ['error:20:10'], 'nofile=a': ['error:a'], 'nofile=-1:10': ['error:-1:10'] });
  });
});

describe('values: image references', () => {
  const image = (v: string) => parseImageRef(v, true);
  it('accepts qualified references, IDs, transports and Quadlet units', () => {
    assertValid(image, [
      'quay.io/podman/hello', 'docker.io/library/nginx:1.27', 'localhost/app:dev', 'registry.example.com:5000/team/app@sha256:' + 'a'.repeat(64),
      'sha256:' + 'b'.repeat(64), 'c'.repeat(64), 'web.image', 'app.build', 'docker://quay.io/x/y', 'oci-archive:/tmp/img.tar', 'Registry.Example.com/app',
    ]);
  });
  it('refuses what podman refuses', () => {
    assertProblems(image, {
      'quay.io/Podman/Hello': ['error:Podman'],
      'quay.io/x/y:bad tag': ['error:quay.io/x/y:bad tag'],
      'quay.io/x/y:-tag': ['error:-tag'],
      'quay.io/x/y@sha256:zz': ['error:sha256:zz'],
    });
  });
  it('adds a hint for short names, like the generator\'s warning', () => {
    assertProblems(image, { nginx: ['hint:nginx'], 'library/nginx:latest': ['hint:library/nginx:latest'] });
    assertMessage(image, 'nginx', /docker\.io\/library\/nginx/);
    assertValid((v) => parseImageRef(v, false), ['nginx']);
    assert.equal(isFullyQualified('localhost/x'), true);
    assert.equal(isFullyQualified('library/x'), false);
  });
});

describe('values: names and other strings', () => {
  it('checks podman names, with specifiers allowed', () => {
    assertValid((v) => parsePodmanName(v, 'ContainerName'), ['web', 'systemd-%N', 'web_1.blue', '%i', 'a%%b']);
    assertProblems((v) => parsePodmanName(v, 'ContainerName'), { 'my web': ['error:my web'], '-web': ['error:-web'], 'RemoveQuotes"Name': ['error:RemoveQuotes"Name'] });
  });
  it('warns about ServiceName= with .service or bad characters', () => {
    assertValid(parseServiceName, ['web', 'web@', 'my-app.v2']);
    assertProblems(parseServiceName, { 'web.service': ['warning:web.service'], 'my web': ['warning:my web'] });
  });
  it('checks Timezone=, HealthCmd= and HealthLogDestination=', () => {
    assertValid(parseTimezone, ['local', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5']);
    assertProblems(parseTimezone, { 'Europe Berlin': ['error:Europe Berlin'] });
    assertValid(parseHealthCmd, ['curl -f http://localhost/', 'none', '["CMD", "curl", "-f", "http://localhost/"]']);
    assertProblems(parseHealthCmd, { "['CMD', 'true']": ["warning:['CMD', 'true']"] });
    assertValid(parseHealthLogDestination, ['local', 'events_logger', '/var/log/health', '%t/health']);
    assertProblems(parseHealthLogDestination, { 'logs/health': ['error:logs/health'] });
  });
});
