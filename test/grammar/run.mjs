#!/usr/bin/env node
// Grammar layer: vscode-tmgrammar-test checks the scopes asserted in test/grammar/cases/* against the grammar that
// the extension's package.json contributes (syntaxes/quadlet.tmLanguage.json). Assertion format: the tool's README;
// `node test/grammar/tokenize.mjs FILE` prints the scopes of a file when writing new cases.
// QLS_EDITOR_BROKEN=1: against the broken copy's grammar (negative control: must fail).
// Exit code: 0 passed, 1 failed (or the tool is missing with CI=true), 0 with a SKIP line locally.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionUnderTest } from '../editor-tooling/lib/extension-under-test.mjs';
import { isCI, TOOLING_DIR } from '../editor-tooling/lib/find-tools.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function findTool() {
  try {
    const pkg = createRequire(path.join(TOOLING_DIR, 'package.json')).resolve('vscode-tmgrammar-test/package.json');
    return path.join(path.dirname(pkg), 'dist', 'unit.js');
  } catch {
    return null;
  }
}

async function main() {
  const t0 = Date.now();
  const tool = findTool();
  if (!tool) {
    const strict = isCI() || /^(1|true)$/i.test(process.env.EDITOR_TESTS_REQUIRE_TOOLS || '');
    console.log(`${strict ? 'FAIL' : 'SKIP'}: grammar layer: vscode-tmgrammar-test not installed in ${TOOLING_DIR} (run scripts/setup-editor-tooling.sh)`);
    return strict ? 1 : 0;
  }
  const ext = await extensionUnderTest();
  try {
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, [tool, '--config', path.join(ext.dir, 'package.json'), path.join(HERE, 'cases', '*')], { stdio: 'inherit' });
      child.on('close', (c) => resolve(c ?? 1));
    });
    console.log(`grammar layer: ${code === 0 ? 'PASS' : `FAIL (exit ${code})`} after ${Date.now() - t0} ms${ext.broken ? ' (NEGATIVE CONTROL: broken grammar)' : ''}`);
    return code === 0 ? 0 : 1;
  } finally {
    ext.cleanup();
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
