// Every grammar survives any text: no exception, and every problem lies inside the value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allQuadletKeys, allSystemdKeys } from '../../server/src/catalog/keys';
import { checkValue } from '../../server/src/catalog/values/index';

const KEYS = [...allQuadletKeys(), ...allSystemdKeys()];
const TYPES = { Container: 'container', Pod: 'pod', Kube: 'kube', Network: 'network', Volume: 'volume', Build: 'build', Image: 'image', Artifact: 'artifact' } as const;

/** Text made of the characters value grammars care about. */
const valueText = fc
  .array(fc.constantFrom(...'09az:/.,=-_ "\'\\%$[]{}@+*\tAZ#;!~'.split(''), '%h', '::', '8080', '\u00e9'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('values: robustness', () => {
  it('never throws and keeps every problem inside the value, for every key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), valueText, fc.constantFrom('4.4', '5.4', '5.8'), (info, value, version) => {
        const type = TYPES[info.section as keyof typeof TYPES] ?? (info.origin === 'systemd' ? 'service' : 'container');
        for (const inQuadlet of [true, false]) {
          for (const p of checkValue(info, value, { version, type, section: info.section, key: info.key }, inQuadlet)) {
            assert.ok(p.start >= 0 && p.start <= p.end && p.end <= value.length, `${info.section}.${info.key}=${JSON.stringify(value)}: ${p.start}-${p.end}`);
            assert.ok(p.message.length > 0);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('handles a very long value in every grammar (a hang would time the test out)', () => {
    const long = `${'a:'.repeat(5000)}8080/${'x'.repeat(10000)}`;
    for (const info of KEYS) {
      for (const p of checkValue(info, long, { version: '5.8', type: 'container', section: info.section, key: info.key }, true)) assert.ok(p.end <= long.length);
    }
  });
});
