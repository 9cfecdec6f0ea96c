// Half-typed and hostile values never crash reference extraction or the reference rules, and every
// range stays inside the document.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyse } from '../helpers/workspace';
import { extractReferences } from '../../server/src/workspace/references';
import { RuleCrash, setRuleCrashLogger } from '../../server/src/rules/engine';

const KEYS = ['Network', 'Volume', 'Mount', 'Pod', 'Image', 'PodmanArgs', 'Requires', 'After', 'Service'];
const PIECES = ['a.network', 'b.volume', 'c.pod', 'd.image', 'e.build', 'systemd-a', 'x.container', ':', ',', '=', '"', "'", '\\', ' ', 'source=', 'type=volume', '--network', '--net=', '@', '%i', '.', 'é', '😀', '\t'];

describe('reference extraction on arbitrary values', () => {
  it('never throws and keeps ranges inside the text', () => {
    const crashes: RuleCrash[] = [];
    setRuleCrashLogger((c) => crashes.push(c));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.array(fc.constantFrom(...PIECES), { maxLength: 8 })), { maxLength: 6 }),
        fc.constantFrom('\n', '\r\n'),
        (entries, eol) => {
          const body = entries.map(([k, parts]) => `${k}=${parts.join('')}`);
          const text = ['[Unit]', ...body.filter((l) => /^(Requires|After)=/.test(l)), '[Container]', 'Image=docker.io/library/alpine:3', ...body.filter((l) => !/^(Requires|After|Service)=/.test(l)), '[Socket]', ...body.filter((l) => l.startsWith('Service='))].join(eol);
          const path = '/ws/hosts/h/home/u/.config/containers/systemd/x.container';
          const analysis = analyse({ [path]: text, '/ws/hosts/h/home/u/.config/containers/systemd/a.network': '[Network]' });
          const file = analysis.index.getFile(path)!;
          const lines = file.units()[0].doc.lines;
          for (const ref of extractReferences(analysis.view(file.units()[0]), '5.8')) {
            for (const p of [ref.range.start, ref.range.end]) {
              assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line}`);
              assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `character ${p.character} on "${lines[p.line]}"`);
            }
          }
          analysis.diagnostics(path);
        },
      ),
      { numRuns: 300 },
    );
    assert.deepEqual(crashes.map((c) => `${c.code}: ${String(c.error)}`), []);
  });
});
