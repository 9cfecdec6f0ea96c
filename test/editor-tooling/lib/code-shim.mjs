#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron, so one runTest.js covers both worlds:
//   runTests({ vscodeExecutablePath: process.env.VSCODE_EXECUTABLE, extensionDevelopmentPath, extensionTestsPath,
//              launchArgs: [workspaceDir] })
// with VSCODE_EXECUTABLE=<repo>/test/editor-tooling/lib/code-shim.mjs runs the tests in code-server's VS Code server
// + headless chromium (run-extension-tests.mjs's runInCodeServer), where no desktop VS Code can be downloaded.
//
// Understood arguments (what runTests passes; give flags as --flag=value):
//   --extensionDevelopmentPath=P (repeatable)  --extensionTestsPath=P  --user-data-dir=D  --extensions-dir=D
//   the first positional argument = the folder to open (used as is, not copied; default: an empty folder)
// Everything else (--no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...) is ignored.
// The run gets its own sandbox (HOME, XDG, TMPDIR, fresh user-data dir with DEFAULT_SETTINGS, merged with the
// User/settings.json of the --user-data-dir it was given, if any). --extensions-dir is used only if it already exists.
// Env: EDITOR_TESTS_TIMEOUT_MS (default 180000). Exit code = the suite's (1 also for timeout / missing tools).
import fs from 'node:fs';
import path from 'node:path';
import { findTools, toolPolicy } from './find-tools.mjs';
import { DEFAULT_TIMEOUT_MS, runInCodeServer } from './run-extension-tests.mjs';
import { createSandbox } from './sandbox.mjs';
import { fileURLToPath } from 'node:url';

const log = (s) => process.stdout.write(`code-shim: ${s}\n`);

export function parseShimArgs(argv) {
  const out = { extensionDevelopmentPath: [], extensionTestsPath: null, userDataDir: null, extensionsDir: null, folder: null, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(a);
    if (!m) { if (out.folder === null) out.folder = a; else out.ignored.push(a); continue; }
    const [, name, inline] = m;
    const known = { extensionDevelopmentPath: 1, extensionTestsPath: 1, 'user-data-dir': 1, 'extensions-dir': 1 };
    let value = inline;
    if (known[name] && value === undefined) value = argv[++i];        // also accept "--flag value"
    switch (name) {
      case 'extensionDevelopmentPath': out.extensionDevelopmentPath.push(value); break;
      case 'extensionTestsPath': out.extensionTestsPath = value; break;
      case 'user-data-dir': out.userDataDir = value; break;
      case 'extensions-dir': out.extensionsDir = value; break;
      default: out.ignored.push(a);
    }
  }
  return out;
}

function readUserSettings(userDataDir) {
  if (!userDataDir) return {};
  const f = path.join(userDataDir, 'User', 'settings.json');
  try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch { return {}; }
}

async function main(argv) {
  const a = parseShimArgs(argv);
  if (!a.extensionTestsPath || a.extensionDevelopmentPath.length === 0) {
    log(`needs --extensionDevelopmentPath= and --extensionTestsPath= (got: ${argv.join(' ')})`);
    return 1;
  }
  const found = findTools(['code-server', 'playwright', 'chromium']);
  if (!found.ok) {                       // invoked as an editor: it cannot "skip", so a missing tool is a failure
    log(toolPolicy(found, { strict: true }).message);
    return 1;
  }
  const timeoutMs = Number(process.env.EDITOR_TESTS_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const sandbox = createSandbox({ prefix: 'qls-code-shim-', settings: readUserSettings(a.userDataDir) });
  // runTests always passes an --extensions-dir (default <cwd>/.vscode-test/extensions): use it only when it already
  // exists (someone installed extensions there on purpose); never create it.
  if (a.extensionsDir && fs.existsSync(a.extensionsDir)) sandbox.extensionsDir = path.resolve(a.extensionsDir);
  const folder = a.folder ? path.resolve(a.folder) : sandbox.workspaceDir;
  const ac = new AbortController();
  const onSignal = (sig) => { log(`${sig} received, stopping`); ac.abort(); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let r;
  try {
    r = await runInCodeServer({ extensionDevelopmentPath: a.extensionDevelopmentPath, extensionTestsPath: path.resolve(a.extensionTestsPath),
      sandbox, folder, timeoutMs, signal: ac.signal });
  } finally {
    if (/^(1|true)$/i.test(process.env.KEEP_SANDBOX || '')) log(`kept ${sandbox.root}`);
    else sandbox.cleanup();
  }
  log(`${r.code === 0 ? 'PASS' : 'FAIL'} (exit ${r.code}) after ${r.ms} ms${r.reason ? ` — ${r.reason}` : ''}`);
  return r.code === 0 ? 0 : 1;
}

if (process.argv[1] && fs.realpathSync(path.resolve(process.argv[1])) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2)).then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
}
