// Start and stop the editors that code-server provides, each in a sandbox (see sandbox.mjs):
//   startVscodeServer(): the VS Code server bundled in code-server (lib/vscode/out/server-main.js), started directly
//     with --enable-smoke-test-driver so the `payload` URL parameter (extensionDevelopmentPath/extensionTestsPath)
//     is honoured. Used for extension-host test runs.
//   startCodeServer():   the code-server CLI itself (its own config.yaml: 127.0.0.1, auth none, no TLS). Used for UI runs
//     with an installed .vsix.
//   installVsix():       code-server --install-extension into the sandbox's extensions dir.
// Readiness is polled over HTTP with a deadline; stop() terminates the whole process group (server, extension host,
// language server) and waits until it is gone.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { findCodeServer } from './find-tools.mjs';
import { sandboxEnv } from './sandbox.mjs';
import { spawnGroup, stopGroup, tail, waitFor } from './process.mjs';

/** A free TCP port on `host` (the OS picks it; it is released before return, so a tiny race remains). */
export function getFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Poll `url` until it answers with an HTTP status < 500; fail early when `child` exits. */
export async function waitForHttp(url, { timeoutMs = 30000, child, logFile } = {}) {
  try {
    await waitFor(async () => {
      if (child && child.exitInfo) {
        const e = new Error(`server exited before it was ready (${JSON.stringify(child.exitInfo)})`);
        e.fatal = true;
        throw e;
      }
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
        await res.arrayBuffer().catch(() => {});
        return res.status < 500;
      } catch { return false; }
    }, { timeoutMs, intervalMs: 100, what: `${url} to answer` });
  } catch (e) {
    const log = logFile ? tail(logFile, 30) : '';
    e.message += log ? `\n--- ${logFile}\n${log}` : '';
    throw e;
  }
}

function serverHandle(child, { url, port, logFile, t0, readyMs }) {
  return {
    url, port, pid: child.pid, child, logFile, readyMs, startedAt: t0,
    /** Stop the server group; resolves with the ms it took. Safe to call twice. */
    stop: async (opts) => (child.stopped ??= stopGroup(child, opts)),
  };
}

/**
 * Start lib/vscode/out/server-main.js (VS Code server 1.100.3) for `sandbox`.
 * @param {object} o
 * @param {object} o.sandbox           from createSandbox()
 * @param {object} [o.env]             full environment (default: process.env + the sandbox's HOME/XDG/TMPDIR)
 * @param {number} [o.port]            default: a free port
 * @param {string} [o.nodeBin]         default: this Node (code-server 4.100.3 needs Node 20)
 * @param {number} [o.readyTimeoutMs]  default 30000
 * @param {string[]} [o.extraArgs]
 * @returns {Promise<{url, port, pid, child, logFile, readyMs, stop()}>}
 */
export async function startVscodeServer({ sandbox, env, port, nodeBin = process.execPath, readyTimeoutMs = 30000, extraArgs = [] }) {
  const cs = findCodeServer();
  if (!cs.ok) throw new Error(cs.reason);
  port ??= await getFreePort();
  const logFile = path.join(sandbox.logsDir, 'vscode-server.log');
  const args = [cs.serverMain,
    '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
    '--server-data-dir', sandbox.serverDataDir,
    '--user-data-dir', sandbox.userDataDir,
    '--extensions-dir', sandbox.extensionsDir,
    ...extraArgs];
  const t0 = Date.now();
  const child = spawnGroup(nodeBin, args, { env: env || sandboxEnv(sandbox), cwd: sandbox.root, logFile });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/version`, { timeoutMs: readyTimeoutMs, child, logFile });
  } catch (e) {
    await stopGroup(child);
    throw e;
  }
  return serverHandle(child, { url, port, logFile, t0, readyMs: Date.now() - t0 });
}

/** Write a code-server config.yaml (bind 127.0.0.1:<port>, auth none, no TLS) into the sandbox; returns its path. */
export function writeCodeServerConfig(sandbox, port = 0) {
  const file = path.join(sandbox.root, 'code-server-config.yaml');
  fs.writeFileSync(file, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  return file;
}

function codeServerBaseArgs(sandbox, configFile) {
  return ['--config', configFile, '--user-data-dir', sandbox.userDataDir, '--extensions-dir', sandbox.extensionsDir];
}

/**
 * Start the code-server CLI on a free port with `folder` open.
 * @param {object} o
 * @param {object} o.sandbox
 * @param {string} [o.folder]          default: sandbox.workspaceDir
 * @param {object} [o.env]
 * @param {number} [o.port]
 * @param {number} [o.readyTimeoutMs]  default 30000
 * @param {string[]} [o.extraArgs]
 */
export async function startCodeServer({ sandbox, folder, env, port, readyTimeoutMs = 30000, extraArgs = [] }) {
  const cs = findCodeServer();
  if (!cs.ok) throw new Error(cs.reason);
  port ??= await getFreePort();
  const configFile = writeCodeServerConfig(sandbox, port);
  const logFile = path.join(sandbox.logsDir, 'code-server.log');
  const args = [cs.entry, ...codeServerBaseArgs(sandbox, configFile),
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...extraArgs, folder || sandbox.workspaceDir];
  const t0 = Date.now();
  const child = spawnGroup(process.execPath, args, { env: env || sandboxEnv(sandbox), cwd: sandbox.root, logFile });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/healthz`, { timeoutMs: readyTimeoutMs, child, logFile });
  } catch (e) {
    await stopGroup(child);
    throw e;
  }
  return serverHandle(child, { url, port, logFile, t0, readyMs: Date.now() - t0 });
}

/**
 * Install a .vsix into the sandbox's extensions dir with `code-server --install-extension`.
 * @param {string} vsixPath
 * @param {object} dirs          a sandbox (userDataDir, extensionsDir, root, env)
 * @param {object} [o]
 * @param {boolean} [o.force]    reinstall over an existing copy (--force)
 * @param {number} [o.timeoutMs] default 60000
 * @returns {Promise<{ ms, output }>}
 */
export async function installVsix(vsixPath, dirs, { force = false, timeoutMs = 60000, env } = {}) {
  const cs = findCodeServer();
  if (!cs.ok) throw new Error(cs.reason);
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`installVsix: no such file ${vsix}`);
  const configFile = path.join(dirs.root, 'code-server-config.yaml');
  if (!fs.existsSync(configFile)) writeCodeServerConfig(dirs, 0);
  const args = [cs.entry, ...codeServerBaseArgs(dirs, configFile), '--install-extension', vsix, ...(force ? ['--force'] : [])];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: env || sandboxEnv(dirs), cwd: dirs.root, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (err) {
          reject(new Error(`code-server --install-extension ${vsix} failed${err.killed ? ` (timeout ${timeoutMs} ms)` : ''}: ${err.message}\n${output}`));
        } else if (!/successfully installed/i.test(output)) {
          reject(new Error(`code-server --install-extension ${vsix} did not report success:\n${output}`));
        } else {
          resolve({ ms: Date.now() - t0, output });
        }
      });
  });
}
