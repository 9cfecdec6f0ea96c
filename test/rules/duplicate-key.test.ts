// `duplicate-key`: a single-valued key set twice in one file. The rule searches the keys seen so far
// linearly and switches to a table past 64 distinct keys: both must give the same findings.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keysOf } from '../../server/src/catalog/keys';
import { check } from '../helpers/workspace';
import { assertDiagnostic, assertNoDiagnostic } from '../helpers/diagnostics';
import { EOLS, lines, withEol } from '../helpers/text';

for (const [name, eol] of EOLS) {
  describe(`duplicate-key (${name})`, () => {
    it('flags the overridden assignment, pointing at the key', () => {
      const list = check('web.container', withEol(lines('[Container]', 'Image=a', 'Image=b', ''), eol));
      assertDiagnostic(list, { code: 'duplicate-key', severity: 'warning', range: '1:0-1:5', message: /^Image= is set again on line 3/ });
    });

    it('accepts a reset, repeatable keys and the same key in another section', () => {
      const list = check('web.container', withEol(lines('[Container]', 'Image=', 'Image=b', 'Label=a=1', 'Label=b=2', '[Service]', 'Restart=always', '[Unit]', 'Description=x', ''), eol));
      assertNoDiagnostic(list, { code: 'duplicate-key' });
    });
  });
}

describe('duplicate-key on many distinct keys (past the linear search)', () => {
  it('flags each key set twice, in [Container] and [Service] alike', () => {
    const container = keysOf('container', 'Container').filter((k) => !k.repeatable).map((k) => k.key);
    const service = keysOf('container', 'Service').filter((k) => !k.repeatable).map((k) => k.key).slice(0, 40);
    assert.ok(container.length + service.length > 64, 'enough distinct keys to pass the linear limit');
    const text = ['[Container]', ...container.map((k) => `${k}=1`), ...container.map((k) => `${k}=2`), '[Service]', ...service.map((k) => `${k}=1`), ...service.map((k) => `${k}=2`), ''].join('\n');
    const found = check('many.container', text).filter((d) => d.code === 'duplicate-key');
    assert.equal(found.length, container.length + service.length);
    // Each finding is on the first assignment and names the line of the second.
    const first = found.find((d) => d.message.startsWith(`${container[0]}=`))!;
    assert.equal(first.range.start.line, 1);
    assert.match(first.message, new RegExp(`set again on line ${container.length + 2};`));
    const lastService = found.find((d) => d.message.startsWith(`${service[service.length - 1]}=`))!;
    assert.equal(lastService.range.start.line, 2 + 2 * container.length + service.length - 1);
  });
});
