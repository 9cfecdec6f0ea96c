// Generated names, as the 5.4.2 and 5.8.6 generators write them (docs/generator-facts.md §8).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { identifyFile } from '../../server/src/catalog/filetypes';
import { NameSource, generatedNames, nameHints } from '../../server/src/workspace/names';

function source(name: string, values: Record<string, string[]> = {}): NameSource {
  return {
    type: identifyFile(name).type,
    name,
    lastValue: (_s, k) => values[k]?.[values[k].length - 1],
    allValues: (_s, k) => values[k] ?? [],
  };
}

const names = (name: string, version: string, values?: Record<string, string[]>) => {
  const n = generatedNames(source(name, values), version);
  return n && `${n.service} ${n.object ? `${n.object.kind}:${n.object.name}` : '-'}`;
};

describe('generated names', () => {
  it('names plain files per type', () => {
    assert.equal(names('c.container', '5.8'), 'c.service container:systemd-c');
    assert.equal(names('v.volume', '5.8'), 'v-volume.service volume:systemd-v');
    assert.equal(names('n.network', '5.8'), 'n-network.service network:systemd-n');
    assert.equal(names('p.pod', '5.8'), 'p-pod.service pod:systemd-p');
    assert.equal(names('i.image', '5.8', { Image: ['docker.io/library/redis:7'] }), 'i-image.service image:docker.io/library/redis:7');
    assert.equal(names('i.image', '5.8', { Image: ['docker.io/library/redis:7'], ImageTag: ['localhost/redis:mine'] }), 'i-image.service image:localhost/redis:mine');
    assert.equal(names('b.build', '5.8', { ImageTag: ['localhost/app:1', 'localhost/app:latest'] }), 'b-build.service image:localhost/app:1');
    assert.equal(names('k.kube', '5.8'), 'k.service -');
    assert.equal(names('a.artifact', '5.8', { Artifact: ['quay.io/x/y:1'] }), 'a-artifact.service artifact:quay.io/x/y:1');
    assert.equal(generatedNames(source('x.socket'), '5.8'), undefined);
  });

  it('honours ServiceName= and the name keys', () => {
    // Checked with both generators: ServiceName=mynet on a network gives mynet.service, network still systemd-n.
    assert.equal(names('n.network', '5.4', { ServiceName: ['mynet'] }), 'mynet.service network:systemd-n');
    assert.equal(names('c.container', '5.4', { ServiceName: ['foo'] }), 'foo.service container:systemd-foo');
    assert.equal(names('c.container', '5.8', { ContainerName: ['web'] }), 'c.service container:web');
    assert.equal(names('v.volume', '5.8', { VolumeName: ['data'] }), 'v-volume.service volume:data');
    assert.equal(names('p.pod', '5.8', { PodName: ['pp'], ServiceName: ['pp'] }), 'pp.service pod:pp');
  });

  it('names templates and instances as each version does', () => {
    assert.equal(names('web@.container', '5.4'), 'web@.service container:systemd-%p_%i');
    assert.equal(names('web@dev.container', '5.8'), 'web@dev.service container:systemd-%p_%i');
    assert.equal(names('vol@.volume', '5.4'), 'vol@-volume.service volume:systemd-vol@');
    assert.equal(names('vol@.volume', '5.8'), 'vol-volume@.service volume:systemd-vol-%i');
    assert.equal(names('net@inst.network', '5.4'), 'net@inst-network.service network:systemd-net@inst');
    assert.equal(names('net@inst.network', '5.8'), 'net@inst-network.service network:systemd-net@ins-%i');
    assert.equal(names('pod@.pod', '5.8'), 'pod-pod@.service pod:systemd-pod@');
    assert.equal(names('img@.image', '5.4', { Image: ['x'] }), 'img@-image.service image:x');
    assert.equal(names('img@.image', '5.8', { Image: ['x'] }), 'img-image@.service image:x');
  });

  it('files every name a unit may have in some version', () => {
    const hints = nameHints(source('vol@.volume', { VolumeName: ['a', 'b'], ServiceName: ['s1', 's2'] }));
    assert.deepEqual(hints.services.sort(), ['s1.service', 's2.service']);
    assert.deepEqual(hints.objects.map((o) => o.name).sort(), ['a', 'b']);
    const tpl = nameHints(source('vol@.volume'));
    assert.deepEqual(tpl.services.sort(), ['vol-volume@.service', 'vol@-volume.service']);
  });
});
