// IP=, IP6=, Gateway=, Subnet=, IPRange=, DNS=, AddHost= and Network=.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAddHost, parseCidrValue, parseDnsValue, parseIpRange, parseIpValue } from '../../server/src/catalog/values/addresses';
import { parseNetwork } from '../../server/src/catalog/values/network';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

describe('values: addresses', () => {
  it('checks IP families', () => {
    assertValid((v) => parseIpValue(v, 4), ['10.88.0.5', '192.168.1.1']);
    assertValid((v) => parseIpValue(v, 6), ['fd00::5', '::1', '2001:db8::1']);
    assertValid((v) => parseIpValue(v, 'any'), ['10.0.0.1', 'fe80::1']);
    assertProblems((v) => parseIpValue(v, 4), { 'fd00::5': ['error:fd00::5'], '10.0.0.256': ['error:10.0.0.256'], '010.0.0.1': ['error:010.0.0.1'] });
    assertProblems((v) => parseIpValue(v, 6), { '10.0.0.1': ['error:10.0.0.1'] });
    assertMessage((v) => parseIpValue(v, 4), 'fd00::5', /use IP6=/);
  });
  it('checks subnets and ranges', () => {
    assertValid(parseCidrValue, ['10.89.0.0/24', 'fd00:1::/64', '10.89.0.1/24']);
    assertProblems(parseCidrValue, { '10.89.0.0': ['error:10.89.0.0'], '10.89.0.0/33': ['error:10.89.0.0/33'], garbage: ['error:garbage'] });
    assertMessage(parseCidrValue, '10.89.0.0', /prefix length/);
    assertValid(parseIpRange, ['10.89.0.128/25', '10.89.0.100-10.89.0.200']);
    assertProblems(parseIpRange, { '10.89.0.100-10.89.0.x': ['error:10.89.0.x'], '10.89.0.200-10.89.0.100': ['error:10.89.0.200-10.89.0.100'], '10.0.0.1-fd00::1': ['error:10.0.0.1-fd00::1'], 'a-b': ['error:a'] });
  });
  it('checks DNS= (none only outside .network files)', () => {
    assertValid((v) => parseDnsValue(v, true), ['none', '1.1.1.1', '2606:4700::1111']);
    assertProblems((v) => parseDnsValue(v, false), { none: ['error:none'] });
    assertProblems((v) => parseDnsValue(v, true), { 'dns.example.com': ['error:dns.example.com'] });
  });
  it('checks AddHost= (host-gateway and several names allowed)', () => {
    assertValid(parseAddHost, ['db.internal:10.0.0.5', 'host.containers.internal:host-gateway', 'a;b:10.0.0.1', 'v6:fd00::1']);
    assertProblems(parseAddHost, { 'db.internal': ['error:db.internal'], 'db:10.0.0.x': ['error:10.0.0.x'], ';b:10.0.0.1': ['error:;b'], ':10.0.0.1': ['error::10.0.0.1'] });
  });
});

describe('values: Network=', () => {
  const net58 = (v: string) => parseNetwork(v, '5.8');
  it('accepts built-in modes, Quadlet units and names', () => {
    assertValid(net58, [
      'none', 'host', 'private', 'bridge', 'pasta', 'pasta:--map-host-loopback,10.0.2.2', 'slirp4netns:allow_host_loopback=true',
      'container:web', 'ns:/run/netns/blue', 'app.network', 'app.network:ip=10.89.0.5,alias=web', 'db.container', 'mynet', 'my_net.2',
      'mynet:ip=10.89.0.5,mac=92:d0:c6:0a:29:33,interface_name=eth1', 'bridge:ip=10.88.0.9', 'net@.network',
    ]);
  });
  it('refuses what the generator or podman refuses', () => {
    assertProblems(net58, {
      'db.container:ip=10.0.0.1': ['error::ip=10.0.0.1'],
      'host:foo': ['error::foo'],
      'container:': ['error:container:'],
      'ns:netns/blue': ['error:ns:netns/blue'],
      'my net': ['error:my net'],
      'mynet:ip=10.0.0.300': ['error:10.0.0.300'],
      'app.network:mac=zz': ['error:zz'],
      ':ip=10.0.0.1': ['error::ip=10.0.0.1'],
    });
    assertMessage(net58, 'db.container:ip=10.0.0.1', /refuses options when joining another container/);
  });
  it('reports Network=X.container as a version problem before 5.3 (oracle source: isContainerUnit first appears in v5.3.0)', () => {
    assertProblems((v) => parseNetwork(v, '5.2'), { 'db.container': ['error:db.container@5.3'] });
    assertValid((v) => parseNetwork(v, '5.3'), ['db.container']);
  });
  it('classifies the target', () => {
    assert.deepEqual(net58('app.network:ip=10.89.0.5').target, { kind: 'quadlet-network', unit: 'app.network' });
    assert.deepEqual(net58('container:web').target, { kind: 'container', name: 'web' });
    assert.deepEqual(net58('pasta:-T,8080').target, { kind: 'mode', mode: 'pasta' });
  });
});
