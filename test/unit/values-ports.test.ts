// PublishPort= and ExposeHostPort=, including the cases other tools get wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposePort, parsePublishPort, parsePublishPortList } from '../../server/src/catalog/values/ports';
import { assertMessage, assertProblems, assertValid } from '../helpers/values';

const list = (v: string) => parsePublishPortList(v).flatMap((s) => s.problems);

describe('values: PublishPort', () => {
  it('accepts every form podman accepts (no false positives)', () => {
    assertValid(list, [
      '80', '8080:80', '127.0.0.1:8080:80', '127.0.0.1::80', '0.0.0.0::94', '[::]:8080:80', '[::1]:8080:80', '[::1]::80',
      '8080:80/tcp', '53:53/udp', '9000:9000/sctp', '80/TCP', '8000-8010:8000-8010', '8000-8010', '127.0.0.1:8000-8001:9000-9001/udp',
      '8080:80,8443:443', '[1.2.3.4]:80:80',
    ]);
  });
  it('refuses an empty host address, which podman rejects (":80:92", "::95"; the generator passes them)', () => {
    assertProblems(list, { ':80:92': ['error::'], '::95': ['error::'] });
  });
  it('points at the bad piece', () => {
    assertProblems(list, {
      'abc': ['error:abc'],
      '8080:abc': ['error:abc'],
      '1.2.3:8080:80': ['error:1.2.3'],
      '8080:80/tpc': ['error:tpc'],
      '70000:80': ['error:70000'],
      '0:80': ['error:0'],
      '8010-8000:80': ['error:8010-8000'],
      '8080-8080:80-80': ['error:8080-8080', 'error:80-80'],
      '8000-8010:80': ['error:8000-8010:80'],
      '8080:': ['error::'],
      '::1:8080:80': ['error:::1:8080:80'],
      '80/tcp/udp': ['error:/tcp/udp'],
      '80/': ['error:/'],
    });
  });
  it('explains that podman splits at commas ("53:53/tcp,udp" publishes a bogus "udp")', () => {
    assertProblems(list, { '53:53/tcp,udp': ['error:udp'], '53:53/tcp,': ['error:,'], '80:80/tcp,udp/udp': ['error:udp/udp'] });
    assertMessage(list, '53:53/tcp,udp', /second PublishPort= line for udp/);
  });
  it('describes what it parsed', () => {
    const s = parsePublishPort('[::1]:8080-8081:80-81/udp');
    assert.deepEqual(s.hostPorts, { from: 8080, to: 8081 });
    assert.deepEqual(s.containerPorts, { from: 80, to: 81 });
    assert.deepEqual(s.protocols, ['udp']);
    assert.equal(s.address.kind, 'ip');
    assert.deepEqual(s.hostPiece, { start: 6, end: 15 });
    assert.equal(parsePublishPort('127.0.0.1::93').hostPorts, undefined);
    assert.deepEqual(parsePublishPort('0.0.0.0:80:80').address, { kind: 'any', family: 4 });
    const second = parsePublishPortList('80,9090:90')[1];
    assert.deepEqual(second.hostPiece, { start: 3, end: 7 });
  });
});

describe('values: ExposeHostPort', () => {
  it('accepts what the generator and podman accept (oracle: "80,81" and "foo80" pass the 5.4.2/5.8.6 generator)', () => {
    assertValid(parseExposePort, ['80', '2000-3000/udp', '8080/tcp', ' 80 ', '80,81']);
  });
  it('refuses what the generator refuses (oracle: "80/sctp" → invalid port format)', () => {
    assertProblems(parseExposePort, { '80/sctp': ['error:80/sctp'], '80/TCP': ['error:80/TCP'], http: ['error:http'] });
    assertMessage(parseExposePort, '80/sctp', /only \/tcp or \/udp/);
  });
  it('refuses what passes the generator but not podman', () => {
    assertProblems(parseExposePort, { foo80: ['error:foo80'], '3000-2000': ['error:3000-2000'] });
  });
});
