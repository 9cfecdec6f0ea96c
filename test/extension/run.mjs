#!/usr/bin/env node
// Run the extension-host suite (test/extension/*.test.js) against the extension under test, in a fresh sandbox
// holding a copy of test/fixtures/editor-workspace:
//   - VSCODE_EXECUTABLE set: through @vscode/test-electron's runTests with that executable (a real VS Code, or
//     test/editor-tooling/lib/code-shim.mjs);
//   - otherwise: code-server's VS Code server + headless Debian chromium (test/editor-tooling).
// Needs a build (npm run build). QLS_EDITOR_BROKEN=1 runs it against the broken copy (negative control: must fail).
// Exit code: 0 passed, 1 failed (or tools missing with CI=true), 0 with a SKIP line when tools are missing locally.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extensionUnderTest } from '../editor-tooling/lib/extension-under-test.mjs';
import { REPO_DIR } from '../editor-tooling/lib/find-tools.mjs';
import { warnAboutGates } from '../editor-tooling/lib/features.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const t0 = Date.now();
  const ext = await extensionUnderTest();
  try {
    if (!ext.broken) await warnAboutGates(ext.serverCmd);
    const args = [path.join(REPO_DIR, 'test', 'editor-tooling', 'lib', 'run-extension-tests.mjs'),
      '--extension', ext.dir, '--tests', path.join(HERE, 'index.js'),
      '--workspace', path.join(REPO_DIR, 'test', 'fixtures', 'editor-workspace'),
      '--settings', path.join(HERE, 'settings.json'), '--timeout', process.env.QLS_EXT_TESTS_TIMEOUT || '240',
      ...process.argv.slice(2)];
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, args, { stdio: 'inherit' });
      child.on('close', (c) => resolve(c ?? 1));
    });
    console.log(`extension layer: exit ${code} after ${Date.now() - t0} ms${ext.broken ? ' (NEGATIVE CONTROL: broken extension)' : ''}`);
    return code;
  } finally {
    ext.cleanup();
  }
}

main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
