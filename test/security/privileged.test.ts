// privileged: every way of granting host power, with exact ranges, with "\n" and "\r\n"; and the
// lookalikes that are fine.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EOLS, lines, withEol } from '../helpers/text';
import { assertNoDiagnostic, fmtRange } from '../helpers/diagnostics';
import { diagnose } from '../helpers/workspace';
import { sensitiveHostPath } from '../../server/src/catalog/values/host-paths';
import { ALICE, ROOT, container } from '../ports/fixtures';

const CODE = 'privileged';

describe('sensitive host paths', () => {
  it('knows /, /etc and the engine sockets, however written', () => {
    const yes = ['/', '//', '/etc', '/etc/', '/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock', '/var/run/podman/podman.sock', '%t/podman/podman.sock', '/run/user/1000/podman/podman.sock', '/run/user/1001/docker.sock', '/run/./podman/podman.sock'];
    const no = ['/etc/traefik', '/srv', '/run/user/1000', '/var/run/docker.sock.d', '%h/data', 'data', ''];
    assert.deepEqual(yes.filter((p) => !sensitiveHostPath(p)), []);
    assert.deepEqual(no.filter((p) => sensitiveHostPath(p)), []);
  });
});

for (const [eolName, eol] of EOLS) {
  const found = (text: string, file = ALICE + 'web.container') =>
    diagnose({ [file]: withEol(text, eol) }, file)
      .filter((d) => d.code === CODE)
      .map((d) => `${fmtRange(d.range)} ${d.severity}`);

  describe(`privileged (${eolName})`, () => {
    it('flags --privileged, all capabilities and a disabled SELinux label', () => {
      assert.deepEqual(found(container('PodmanArgs=--log-level=info --privileged')), ['2:28-2:40 warning']);
      assert.deepEqual(found(container('PodmanArgs=--privileged=true')), ['2:11-2:28 warning']);
      assert.deepEqual(found(container('AddCapability=NET_ADMIN all')), ['2:24-2:27 warning']);
      assert.deepEqual(found(container('PodmanArgs=--cap-add=ALL')), ['2:21-2:24 warning']);
      assert.deepEqual(found(container('SecurityLabelDisable=true')), ['2:21-2:25 warning']);
      assert.deepEqual(found(container('PodmanArgs=--security-opt label=disable')), ['2:26-2:39 warning']);
    });

    it('flags mounts of /, /etc and the engine sockets (Volume=, Mount=, -v; pods too)', () => {
      assert.deepEqual(found(container('Volume=/:/host:ro')), ['2:7-2:8 warning']);
      assert.deepEqual(found(container('Volume=/etc/:/host-etc')), ['2:7-2:12 warning']);
      assert.deepEqual(found(container('Volume=%t/podman/podman.sock:/run/podman.sock')), ['2:7-2:28 warning']);
      assert.deepEqual(found(container('Mount=type=bind,source=/var/run/docker.sock,destination=/var/run/docker.sock')), ['2:16-2:43 warning']);
      assert.deepEqual(found(container('PodmanArgs=-v /run/user/1000/podman/podman.sock:/sock')), ['2:14-2:47 warning']);
      const pod = ALICE + 'app.pod';
      assert.deepEqual(found(lines('[Pod]', 'Volume=/etc:/etc'), pod), ['1:7-1:11 warning']);
    });

    it('flags published ports that Network=host discards, once per line', () => {
      assert.deepEqual(found(container('Network=host', 'PublishPort=127.0.0.1:8080:80/tcp,udp', 'PublishPort=9090:90')), ['3:12-3:37 warning', '4:12-4:19 warning']);
      const d = diagnose({ [ALICE + 'web.container']: withEol(container('PodmanArgs=--network=host -p 8080:80'), eol) }, ALICE + 'web.container').find((x) => x.code === CODE)!;
      assert.equal(fmtRange(d.range), '2:29-2:36');
      assert.match(d.message, /^Network=host ignores the published port 8080:80: every port the container listens on opens directly on all of the host's interfaces/);
    });

    it('says why and what to do', () => {
      const d = diagnose({ [ALICE + 'web.container']: withEol(container('Volume=/:/host'), eol) }, ALICE + 'web.container').find((x) => x.code === CODE)!;
      assert.equal(d.message, "Mounting / gives the container the host's whole file system, from which it can take over the host (or its owner's account). Mount only the files it needs, read-only.");
    });

    it('is silent for the harmless lookalikes', () => {
      for (const body of [
        'PodmanArgs=--privileged=false',
        'AddCapability=NET_BIND_SERVICE',
        'DropCapability=ALL',
        'SecurityLabelDisable=false',
        'SecurityLabelType=container_runtime_t',
        'Volume=/etc/traefik:/etc/traefik:ro,Z',
        'Volume=data.volume:/etc',
        'Volume=/srv/app:/',
        'Mount=type=volume,source=etc,destination=/etc',
        'Network=host',
        'PublishPort=127.0.0.1:8080:80',
      ]) {
        assertNoDiagnostic(diagnose({ [ALICE + 'web.container']: withEol(container(body), eol) }, ALICE + 'web.container'), { code: CODE });
      }
      // The rootful Traefik of the examples: host network without published ports.
      assertNoDiagnostic(diagnose({ [ROOT + 'traefik.container']: withEol(container('Network=host', 'AddCapability=CAP_NET_BIND_SERVICE'), eol) }, ROOT + 'traefik.container'), { code: CODE });
    });
  });
}
