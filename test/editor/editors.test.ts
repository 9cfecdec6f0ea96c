// Every real-editor layer as one node:test test, run one after the other (2-core CI: the editors are heavy).
// Gated steps (test/editor-features.json) show up as skipped tests, never as passes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LAYERS, runLayer, tailOf } from './layers';

for (const layer of LAYERS) {
  test(`editor layer: ${layer.title}`, { timeout: layer.timeoutMs + 10_000 }, async (t) => {
    const r = await runLayer(layer);
    if (r.skipped) {
      t.diagnostic(`log: ${r.logFile}`);
      t.skip(r.skipped);
      return;
    }
    assert.equal(r.code, 0, `${layer.script} failed (exit ${r.code}) after ${r.ms} ms; full log: ${r.logFile}\n${tailOf(r.output)}`);
    assert.match(r.output, layer.ranProof, `${layer.script} exited 0 but did not show that its checks ran; log: ${r.logFile}`);
    t.diagnostic(`${layer.id}: passed in ${(r.ms / 1000).toFixed(1)} s; log: ${r.logFile}`);
    for (const w of new Set(r.output.match(/^.*WARNING: the server advertises.*$/gm) ?? [])) t.diagnostic(w.trim());
    for (const feature of r.notRun) {
      await t.test(`${layer.id}: ${feature}`, { skip: `NOT RUN: gate "${feature}" is false in test/editor-features.json` }, () => {});
    }
  });
}
