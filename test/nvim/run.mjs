#!/usr/bin/env node
// Neovim layer: for each test/nvim/*.json, headless Neovim opens its 'file' in a fresh copy of
// test/fixtures/editor-workspace, attaches the real server (bin/quadlet-ls --stdio) and checks the expectations with
// lsp-smoke.lua. Sections gated off in test/editor-features.json are removed and reported as NOT RUN.
// QLS_EDITOR_BROKEN=1: against the broken server (negative control: must fail).
// Exit code: 0 all passed, 1 a check failed / timeout / nvim missing with CI=true; 0 with a SKIP line locally.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionUnderTest } from '../editor-tooling/lib/extension-under-test.mjs';
import { loadFeatures, notRunLine, warnAboutGates } from '../editor-tooling/lib/features.mjs';
import { findNvim, isCI, REPO_DIR } from '../editor-tooling/lib/find-tools.mjs';
import { runNvimSmoke } from '../editor-tooling/lib/run-nvim.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WORKSPACE = path.join(REPO_DIR, 'test', 'fixtures', 'editor-workspace');
const GATED_SECTIONS = ['hover', 'completion'];        // expectation section = feature gate name

async function main() {
  const t0 = Date.now();
  const nvim = findNvim();
  if (!nvim.ok) {
    const strict = isCI() || /^(1|true)$/i.test(process.env.EDITOR_TESTS_REQUIRE_TOOLS || '');
    console.log(`${strict ? 'FAIL' : 'SKIP'}: nvim layer: ${nvim.reason}`);
    return strict ? 1 : 0;
  }
  const features = loadFeatures();
  const ext = await extensionUnderTest();
  let failed = 0;
  try {
    if (!ext.broken) await warnAboutGates(ext.serverCmd, features);
    const files = fs.readdirSync(HERE).filter((n) => n.endsWith('.json')).sort();
    if (files.length === 0) throw new Error(`no expectation files in ${HERE}`);
    for (const name of files) {
      const expect = JSON.parse(fs.readFileSync(path.join(HERE, name), 'utf8'));
      if (process.env.QLS_NVIM_WAIT_MS) expect.timeoutMs = Number(process.env.QLS_NVIM_WAIT_MS);   // per wait/request
      for (const s of GATED_SECTIONS) {
        if (expect[s] && !features[s]) { console.log(notRunLine(`nvim ${name}`, s)); delete expect[s]; }
      }
      console.log(`--- nvim ${nvim.version}: ${name} (${expect.file})`);
      const r = await runNvimSmoke({ file: expect.file, workspace: WORKSPACE, expect, serverCmd: ext.serverCmd, timeoutMs: 60000, echo: true });
      console.log(`--- ${name}: ${r.code === 0 ? 'PASS' : `FAIL (exit ${r.code})`} in ${r.ms} ms`);
      if (r.code !== 0) failed++;
    }
    console.log(`nvim layer: ${files.length - failed}/${files.length} expectation files passed after ${Date.now() - t0} ms${ext.broken ? ' (NEGATIVE CONTROL: broken server)' : ''}`);
    return failed ? 1 : 0;
  } finally {
    ext.cleanup();
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
