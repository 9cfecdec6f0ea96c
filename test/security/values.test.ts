// The small grammars the security rules read: loopback endpoints in free text, env files, and the
// PodmanArgs options the privileged rule understands.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loopbackEndpoints } from '../../server/src/catalog/values/endpoints';
import { parseEnvFile } from '../../server/src/catalog/values/env-file';
import { formatIp } from '../../server/src/catalog/values/net';
import { maskTemplateExpressions } from '../../server/src/syntax/template';

describe('loopbackEndpoints', () => {
  const show = (text: string) => loopbackEndpoints(text).map((e) => `${text.slice(e.start, e.end)}@${e.start} ${e.addresses.map(formatIp).join(',')}`);

  it('finds loopback host:port pieces in URLs and arguments, with offsets', () => {
    assert.deepEqual(show('postgres://app@127.0.0.1:5432/app'), ['127.0.0.1:5432@15 127.0.0.1']);
    assert.deepEqual(show('http://LOCALHOST:8080/x --dns [::1]:53'), ['LOCALHOST:8080@7 127.0.0.1,::1', '[::1]:53@30 ::1']);
    assert.deepEqual(show('redis=127.0.0.2:6379,127.1.2.3:1'), ['127.0.0.2:6379@6 127.0.0.2', '127.1.2.3:1@21 127.1.2.3']);
  });

  it('skips other addresses, glued names, bad ports and bare hosts', () => {
    for (const text of ['10.127.0.0.1:80', 'mylocalhost:80', 'localhost.localdomain:80', '10.0.0.1:5432', '127.0.0.1', 'localhost:', '127.0.0.1:0', '127.0.0.1:65536', '127.0.0.1:123456', '[::2]:53', '[127.0.0.1]:80', '999.0.0.1:80']) {
      assert.deepEqual(show(text), [], text);
    }
  });
});

describe('parseEnvFile', () => {
  it('reads NAME=value lines raw, skipping comments and blank lines, with CRLF', () => {
    const lines = parseEnvFile('# c\r\n\r\n  A="x y"\r\nB=\r\nC\r\n\tD=1=2');
    assert.deepEqual(
      lines.map((l) => [l.line, l.name, l.value, l.valueStart]),
      [
        [2, 'A', '"x y"', 4],
        [3, 'B', '', 2],
        [4, 'C', undefined, 1],
        [5, 'D', '1=2', 3],
      ],
    );
  });
});

describe('maskTemplateExpressions', () => {
  it('keeps offsets and hides what templates fill in', () => {
    const s = 'A={{ x }} B=1 {% if y %}C{% endif %} {# note';
    const m = maskTemplateExpressions(s);
    assert.equal(m.length, s.length);
    assert.equal(m.replace(/\u0001/g, '_'), 'A=_______ B=1 __________C___________ _______');
  });
});
