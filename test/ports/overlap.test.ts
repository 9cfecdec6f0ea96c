// Address, port range and protocol overlap, and the dependency keys built on it.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseIp } from '../../server/src/catalog/values/net';
import { BindAddress, toBindAddress } from '../../server/src/catalog/values/ports';
import { addressesOverlap, bindsOverlap, rangesOverlap } from '../../server/src/workspace/ports/overlap';
import { queryKeys, touchedKeys } from '../../server/src/workspace/ports/keys';
import { isPrivateBind } from '../../server/src/workspace/ports/checks';

const ALL: BindAddress = { kind: 'all' };
const ANY4: BindAddress = { kind: 'any', family: 4 };
const ANY6: BindAddress = { kind: 'any', family: 6 };
const ANY6_ONLY: BindAddress = { kind: 'any', family: 6, v6only: true };
const ip = (s: string): BindAddress => toBindAddress(parseIp(s)!);

describe('address overlap', () => {
  const cases: Array<[string, BindAddress, BindAddress, boolean]> = [
    ['equal IPv4', ip('127.0.0.1'), ip('127.0.0.1'), true],
    ['different IPv4', ip('127.0.0.1'), ip('127.0.0.2'), false],
    ['equal IPv6 written differently', ip('::1'), ip('0:0:0:0:0:0:0:1'), true],
    ['IPv4-mapped IPv6 equals IPv4', ip('::ffff:10.0.0.1'), ip('10.0.0.1'), true],
    ['IPv4 vs IPv6 loopback', ip('127.0.0.1'), ip('::1'), false],
    ['every interface vs IPv4', ALL, ip('127.0.0.1'), true],
    ['every interface vs IPv6', ALL, ip('::1'), true],
    ['0.0.0.0 vs IPv4', ANY4, ip('192.168.1.5'), true],
    ['0.0.0.0 vs IPv6', ANY4, ip('::1'), false],
    ['0.0.0.0 vs [::] dual-stack', ANY4, ANY6, true],
    ['0.0.0.0 vs [::] IPv6-only', ANY4, ANY6_ONLY, false],
    ['[::] dual-stack vs IPv4', ANY6, ip('127.0.0.1'), true],
    ['[::] IPv6-only vs IPv4', ANY6_ONLY, ip('127.0.0.1'), false],
    ['[::] IPv6-only vs IPv6', ANY6_ONLY, ip('fd00::5'), true],
    ['[::] IPv6-only vs every interface', ANY6_ONLY, ALL, true],
  ];
  for (const [name, a, b, expected] of cases) {
    it(name, () => {
      assert.equal(addressesOverlap(a, b), expected);
      assert.equal(addressesOverlap(b, a), expected, 'symmetric');
    });
  }
});

describe('bind overlap (ports and protocols)', () => {
  const r = (from: number, to = from) => ({ from, to });
  it('needs the same protocol', () => {
    assert.equal(bindsOverlap({ address: ALL, ports: r(53), protocol: 'udp' }, { address: ALL, ports: r(53), protocol: 'tcp' }), false);
    assert.equal(bindsOverlap({ address: ALL, ports: r(53), protocol: 'udp' }, { address: ALL, ports: r(53), protocol: 'udp' }), true);
    assert.equal(bindsOverlap({ address: ALL, ports: r(9), protocol: 'sctp' }, { address: ALL, ports: r(9), protocol: 'tcp' }), false);
  });
  it('compares ranges', () => {
    assert.equal(rangesOverlap(r(8000, 8010), r(8010, 8020)), true);
    assert.equal(rangesOverlap(r(8000, 8010), r(8011, 8020)), false);
    assert.equal(rangesOverlap(r(8005), r(8000, 8010)), true);
    assert.equal(bindsOverlap({ address: ip('127.0.0.1'), ports: r(8000, 8010), protocol: 'tcp' }, { address: ANY4, ports: r(8005), protocol: 'tcp' }), true);
  });
  it('never for random host ports', () => {
    assert.equal(bindsOverlap({ address: ALL, protocol: 'tcp' }, { address: ALL, ports: r(80), protocol: 'tcp' }), false);
    assert.equal(bindsOverlap({ address: ALL, protocol: 'tcp' }, { address: ALL, protocol: 'tcp' }), false);
  });
  it('needs overlapping addresses', () => {
    assert.equal(bindsOverlap({ address: ip('127.0.0.1'), ports: r(80), protocol: 'tcp' }, { address: ip('10.0.0.1'), ports: r(80), protocol: 'tcp' }), false);
  });
});

describe('port dependency keys', () => {
  const port = fc.integer({ min: 1, max: 65535 });
  const range = fc.tuple(port, fc.integer({ min: 0, max: 3000 })).map(([from, len]) => ({ from, to: Math.min(65535, from + len) }));
  it('a change to overlapping ports always touches a key the question depends on', () => {
    fc.assert(
      fc.property(range, fc.nat(), fc.integer({ min: 0, max: 3000 }), (a, pick, len) => {
        // b starts somewhere in a (or before it) and reaches into it.
        const from = Math.max(1, a.from - len + (pick % (a.to - a.from + len + 1)));
        const b = { from, to: Math.min(65535, Math.max(from + len, a.from)) };
        assert.ok(rangesOverlap(a, b));
        const touched = new Set(touchedKeys('h', 'tcp', a));
        assert.ok(queryKeys('h', 'tcp', b).some((k) => touched.has(k)));
      }),
      { numRuns: 2000 },
    );
  });
  it('two single ports share no key unless equal; other hosts and protocols never', () => {
    fc.assert(
      fc.property(port, port, (a, b) => {
        const touched = new Set(touchedKeys('h', 'tcp', { from: a, to: a }));
        assert.equal(queryKeys('h', 'tcp', { from: b, to: b }).some((k) => touched.has(k)), a === b);
        assert.ok(!queryKeys('h2', 'tcp', { from: a, to: a }).some((k) => touched.has(k)));
        assert.ok(!queryKeys('h', 'udp', { from: a, to: a }).some((k) => touched.has(k)));
      }),
    );
  });
  it('stays small for a full-range listener', () => {
    assert.ok(touchedKeys('h', 'tcp', { from: 1, to: 65535 }).length <= 2 * 256);
  });
});

describe('private binds (loopback or trusted)', () => {
  it('loopback is private, wildcards and other addresses are not', () => {
    assert.equal(isPrivateBind(ip('127.0.0.1'), []), true);
    assert.equal(isPrivateBind(ip('127.3.2.1'), []), true);
    assert.equal(isPrivateBind(ip('::1'), []), true);
    assert.equal(isPrivateBind(ip('10.10.0.2'), []), false);
    assert.equal(isPrivateBind(ALL, []), false);
    assert.equal(isPrivateBind(ANY4, []), false);
  });
  it('trusted addresses and CIDRs', () => {
    assert.equal(isPrivateBind(ip('10.10.0.2'), ['10.10.0.2']), true);
    assert.equal(isPrivateBind(ip('10.10.0.7'), ['10.10.0.0/24']), true);
    assert.equal(isPrivateBind(ip('fd00::7'), ['fd00::/8']), true);
    assert.equal(isPrivateBind(ip('10.10.1.7'), ['10.10.0.0/24']), false);
    assert.equal(isPrivateBind(ANY4, ['0.0.0.0']), true);
    assert.equal(isPrivateBind(ALL, ['0.0.0.0']), false);
    assert.equal(isPrivateBind(ANY6_ONLY, ['::']), true);
  });
});
