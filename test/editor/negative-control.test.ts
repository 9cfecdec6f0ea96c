// Negative control of the editor-test harness: against a deliberately broken extension (QLS_EDITOR_BROKEN=1: a server
// that publishes nothing and offers nothing, a grammar without patterns; see
// test/editor-tooling/lib/extension-under-test.mjs) every layer must FAIL, and for the right reason.
// Opt-in, it roughly doubles the editor time: QLS_EDITOR_NEGATIVE_CONTROL=1 node scripts/run-tests.mjs editor/

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYERS, runLayer, tailOf } from './layers';

const enabled = /^(1|true)$/i.test(process.env.QLS_EDITOR_NEGATIVE_CONTROL ?? '');
// shorter waits: against the broken extension every wait runs into its timeout
const BROKEN_ENV = { QLS_EDITOR_BROKEN: '1', QLS_EXT_TESTS_WAIT_MS: '4000', QLS_E2E_STEP_TIMEOUT: '8', QLS_NVIM_WAIT_MS: '3000' };

for (const layer of LAYERS) {
  test(`negative control: ${layer.title} fails against a broken extension`,
    { skip: enabled ? false : 'opt-in: set QLS_EDITOR_NEGATIVE_CONTROL=1', timeout: layer.timeoutMs + 10_000 }, async (t) => {
      const r = await runLayer(layer, { ...process.env, ...BROKEN_ENV }, '-broken');
      if (r.skipped) { t.skip(r.skipped); return; }
      assert.notEqual(r.code, 0, `${layer.script} PASSED against the broken extension; log: ${r.logFile}\n${tailOf(r.output)}`);
      assert.match(r.output, layer.failProof, `${layer.script} failed, but not in its checks; log: ${r.logFile}\n${tailOf(r.output)}`);
      assert.match(r.output, /NEGATIVE CONTROL/, 'the runner did not use the broken copy');
      t.diagnostic(`${layer.id}: failed as it must (exit ${r.code}) in ${(r.ms / 1000).toFixed(1)} s; log: ${r.logFile}`);
    });
}
