// Run a VS Code extension's integration tests (the extensionTestsPath contract of @vscode/test-electron: a module that
// exports run(): Promise<void>, executed in the extension host with the real `vscode` API).
//
//   node test/editor-tooling/lib/run-extension-tests.mjs --extension <dir> --tests <abs path of mocha index.js> \
//        --workspace <dir> [--settings <json file>] [--timeout <s>] [--keep]
//
// - VSCODE_EXECUTABLE set: @vscode/test-electron's runTests() with that executable (a real VS Code on a developer
//   machine, or lib/code-shim.mjs, which runs the code-server path below behind the same interface).
// - otherwise: the VS Code server bundled in code-server is started directly, headless Debian chromium opens the
//   workbench with VS Code's `payload` URL parameter (extensionDevelopmentPath + extensionTestsPath), and the exit
//   code arrives through window.codeAutomationExit.
// The workspace is COPIED into a fresh sandbox (HOME, XDG dirs, user-data dir with DEFAULT_SETTINGS + --settings).
// Exit code: 0 = the suite passed; 1 = it failed, timed out (--timeout, default 180 s) or could not run. Missing tools:
// exit 1 when CI=true, otherwise a SKIP line and exit 0 ($EDITOR_TESTS_REQUIRE_TOOLS=1 makes that a failure too).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchBrowser } from './browser.mjs';
import { findTools, REPO_DIR, TOOLING_DIR, toolPolicy } from './find-tools.mjs';
import { stopChildren, tail, withDeadline } from './process.mjs';
import { createSandbox, readSettingsFile } from './sandbox.mjs';
import { startVscodeServer } from './vscode-server.mjs';

export const DEFAULT_TIMEOUT_MS = 180000;
const log = (s) => process.stdout.write(`run-extension-tests: ${s}\n`);

/** The workbench URL that turns the window into an Extension Development Host running the given tests. */
export function payloadUrl(baseUrl, folder, extensionDevelopmentPaths, extensionTestsPath) {
  const authority = new URL(baseUrl).host;                        // the server's remote authority = host:port
  const remote = (p) => `vscode-remote://${authority}${path.resolve(p)}`;
  const payload = [
    ...extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(extensionTestsPath)],
  ];
  return `${baseUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Run the tests through code-server's VS Code server + headless chromium.
 * @param {object} o
 * @param {string|string[]} o.extensionDevelopmentPath
 * @param {string} o.extensionTestsPath
 * @param {object} o.sandbox               from createSandbox() (settings already written)
 * @param {string} [o.folder]              folder to open (default sandbox.workspaceDir)
 * @param {number} [o.timeoutMs]           hard limit for everything (default 180 s)
 * @param {AbortSignal} [o.signal]
 * @returns {Promise<{ code: number, reason: string, ms: number }>}
 */
export async function runInCodeServer({ extensionDevelopmentPath, extensionTestsPath, sandbox, folder, timeoutMs = DEFAULT_TIMEOUT_MS, signal }) {
  const t0 = Date.now();
  const deadline = t0 + timeoutMs;
  const devPaths = [extensionDevelopmentPath].flat().map((p) => path.resolve(p));
  let server, browser, code = 1, reason = '';
  try {
    server = await withDeadline(startVscodeServer({ sandbox, readyTimeoutMs: Math.min(60000, timeoutMs) }), deadline, 'VS Code server start', signal);
    log(`VS Code server ready at ${server.url} after ${server.readyMs} ms (pid ${server.pid})`);
    browser = await withDeadline(launchBrowser({ sandbox }), deadline, 'chromium launch', signal);
    const { page } = browser;
    let settle;
    const finished = new Promise((resolve) => { settle = resolve; });
    await page.exposeFunction('codeAutomationExit', (c) => { settle({ code: Number(c), reason: `codeAutomationExit(${c})` }); });
    page.on('crash', () => settle({ code: 1, reason: 'the browser page crashed' }));
    page.on('close', () => settle({ code: 1, reason: 'the browser page closed' }));
    server.child.exited.then((x) => settle({ code: 1, reason: `the VS Code server exited (${JSON.stringify(x)})` }));
    const url = payloadUrl(server.url, folder || sandbox.workspaceDir, devPaths, extensionTestsPath);
    log(`opening the workbench (extension ${devPaths.join(', ')}; tests ${extensionTestsPath})`);
    await withDeadline(page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1000, deadline - Date.now()) }), deadline, 'workbench page load', signal);
    ({ code, reason } = await withDeadline(finished, deadline, 'the extension tests to report an exit code', signal));
    await browser.drainConsole();
  } catch (e) {
    code = 1;
    if (e.timeout) reason = `TIMEOUT after ${Math.round(timeoutMs / 1000)} s: ${e.message.replace(/^timed out: /, '')} did not finish in time`;
    else if (e.aborted) reason = `aborted (${e.message})`;
    else reason = `error: ${e.stack || e.message}`;
  } finally {
    if (browser) { await browser.drainConsole(1000); await browser.close(); }
    if (server) await server.stop();
  }
  if (code !== 0 && server) {
    const t = tail(server.logFile, 40);
    if (t) process.stdout.write(`--- last lines of ${server.logFile}\n${t}\n---\n`);
  }
  return { code, reason, ms: Date.now() - t0 };
}

function resolveTestElectron(extensionDir) {
  for (const base of [extensionDir, REPO_DIR, TOOLING_DIR]) {
    try { return createRequire(path.join(base, 'package.json'))('@vscode/test-electron'); } catch { /* next */ }
  }
  throw new Error(`@vscode/test-electron not found from ${extensionDir}, ${REPO_DIR} or ${TOOLING_DIR} (npm install in the repo)`);
}

/** Run through @vscode/test-electron's runTests({ vscodeExecutablePath }) (real VS Code, or lib/code-shim.mjs). */
export async function runViaTestElectron({ executable, extensionDevelopmentPath, extensionTestsPath, sandbox, timeoutMs = DEFAULT_TIMEOUT_MS, signal }) {
  const t0 = Date.now();
  const { runTests } = resolveTestElectron(extensionDevelopmentPath);
  const run = runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [sandbox.workspaceDir, `--user-data-dir=${sandbox.userDataDir}`, `--extensions-dir=${sandbox.extensionsDir}`],
    // the shim gets a slightly shorter limit so that it times out (and cleans up) before we do
    extensionTestsEnv: { EDITOR_TESTS_TIMEOUT_MS: String(Math.max(10000, timeoutMs - 15000)) },
  });
  try {
    await withDeadline(run, t0 + timeoutMs, `runTests with ${executable}`, signal);
    return { code: 0, reason: 'runTests resolved', ms: Date.now() - t0 };
  } catch (e) {
    if (e.timeout || e.aborted) {
      run.catch(() => {});
      await stopChildren();                         // the executable runTests spawned (SIGTERM, then SIGKILL)
      return { code: 1, reason: e.timeout ? `TIMEOUT after ${Math.round(timeoutMs / 1000)} s: runTests did not finish` : `aborted (${e.message})`, ms: Date.now() - t0 };
    }
    const offline = ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ETIMEDOUT', 'ENETUNREACH'].includes(e && e.code);
    return { code: 1, reason: offline ? `runTests tried to download VS Code (${e.code})` : (e.message || String(e)), ms: Date.now() - t0 };
  }
}

function usage(msg) {
  if (msg) console.error(`run-extension-tests: ${msg}`);
  console.error('usage: run-extension-tests.mjs --extension <dir> --tests <abs path of tests index.js> --workspace <dir> [--settings <json file>] [--timeout <s>] [--keep]');
  return 2;
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: {
      extension: { type: 'string' }, tests: { type: 'string' }, workspace: { type: 'string' }, settings: { type: 'string' },
      timeout: { type: 'string', default: String(DEFAULT_TIMEOUT_MS / 1000) }, keep: { type: 'boolean', default: false },
    } }));
  } catch (e) { return usage(e.message); }
  if (!values.extension || !values.tests || !values.workspace) return usage('--extension, --tests and --workspace are required');
  const extension = path.resolve(values.extension);
  const tests = path.resolve(values.tests);
  const workspace = path.resolve(values.workspace);
  if (!fs.existsSync(path.join(extension, 'package.json'))) return usage(`no package.json in --extension ${extension}`);
  if (!fs.existsSync(tests)) return usage(`--tests ${tests} does not exist`);
  if (!fs.statSync(workspace, { throwIfNoEntry: false })?.isDirectory()) return usage(`--workspace ${workspace} is not a directory`);
  const timeoutMs = Number(values.timeout) * 1000;
  if (!(timeoutMs > 0)) return usage(`bad --timeout ${values.timeout}`);
  let settings;
  try { settings = readSettingsFile(values.settings); } catch (e) { return usage(`--settings: ${e.message}`); }

  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable) {
    const policy = toolPolicy(findTools(['code-server', 'playwright', 'chromium']), { strict: /^(1|true)$/i.test(process.env.EDITOR_TESTS_REQUIRE_TOOLS || '') });
    if (policy.action !== 'run') { log(policy.message); return policy.action === 'fail' ? 1 : 0; }
  }

  const ac = new AbortController();
  const onSignal = (sig) => { log(`${sig} received, stopping`); ac.abort(); };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const sandbox = createSandbox({ workspace, settings, prefix: 'qls-ext-tests-' });
  log(`sandbox ${sandbox.root}; mode: ${executable ? `@vscode/test-electron runTests with ${executable}` : 'code-server + chromium'}`);
  let result;
  try {
    result = executable
      ? await runViaTestElectron({ executable, extensionDevelopmentPath: extension, extensionTestsPath: tests, sandbox, timeoutMs, signal: ac.signal })
      : await runInCodeServer({ extensionDevelopmentPath: extension, extensionTestsPath: tests, sandbox, timeoutMs, signal: ac.signal });
  } finally {
    if (values.keep) log(`kept ${sandbox.root}`);
    else sandbox.cleanup();
  }
  log(`${result.code === 0 ? 'PASS' : 'FAIL'} (exit ${result.code}) after ${result.ms} ms${result.reason ? ` — ${result.reason}` : ''}`);
  return result.code === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
}
