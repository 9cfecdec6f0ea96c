// The security rules and their grammars survive any text: no exception, offsets inside the text,
// masks of the same length; a unit full of odd values yields diagnostics, never a crash.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loopbackEndpoints } from '../../server/src/catalog/values/endpoints';
import { parseEnvFile } from '../../server/src/catalog/values/env-file';
import { looksLikeCredential, secretNameFor } from '../../server/src/catalog/values/credentials';
import { sensitiveHostPath } from '../../server/src/catalog/values/host-paths';
import { PODMAN_NAME } from '../../server/src/catalog/values/volume';
import { maskTemplateExpressions } from '../../server/src/syntax/template';
import { setRuleCrashLogger } from '../../server/src/rules/engine';
import { diagnose } from '../helpers/workspace';
import { ALICE } from '../ports/fixtures';

const text = fc
  .array(fc.constantFrom(...'0179az:/.,=-_ "\'\\%$[]{}@#\t\r\n'.split(''), '127.0.0.1', 'localhost', '[::1]', ':5432', '{{', '}}', '{%', '%}', 'PASSWORD', '\u00e9'), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('security grammars: robustness', () => {
  it('never throw and keep offsets inside the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const e of loopbackEndpoints(t)) assert.ok(e.start >= 0 && e.start < e.end && e.end <= t.length && e.port >= 1 && e.port <= 65535);
        for (const l of parseEnvFile(t)) assert.ok(l.valueStart <= l.text.length);
        assert.equal(maskTemplateExpressions(t).length, t.length);
        looksLikeCredential(t);
        sensitiveHostPath(t);
        assert.match(secretNameFor(`${t}.container`, t), PODMAN_NAME);
      }),
      { numRuns: 3000 },
    );
  });

  it('rules never crash on a container made of odd values', () => {
    const crashes: string[] = [];
    setRuleCrashLogger((c) => crashes.push(`${c.code}: ${String(c.error)}`));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('Environment', 'Exec', 'PodmanArgs', 'EnvironmentFile', 'Volume', 'Mount', 'AddCapability', 'Network', 'PublishPort', 'SecurityLabelDisable', 'ReadOnly'), text), { maxLength: 6 }), (entries) => {
        const body = entries.map(([k, v]) => `${k}=${v.replace(/[\r\n]/g, ' ')}`).join('\n');
        diagnose({ [ALICE + 'web.container']: `[Container]\nImage=docker.io/library/nginx:1\n${body}\n`, [ALICE + 'db.container']: '[Container]\nImage=x\nPublishPort=127.0.0.1:5432:5432\n' }, ALICE + 'web.container', { hardening: 'recommend' });
      }),
      { numRuns: 300 },
    );
    assert.deepEqual(crashes, []);
  });
});
