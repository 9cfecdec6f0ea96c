// Run test/nvim/lsp-smoke.lua in headless Neovim 0.7 with isolated XDG dirs, a copy of the file under test and a hard
// timeout. Library: runNvimSmoke(opts) -> { code, output, timedOut, ms, skipped? }.
// CLI:
//   node test/editor-tooling/lib/run-nvim.mjs --file F --expect E.json [--workspace DIR] [--timeout SEC] \
//        [--keep] -- SERVER_CMD...
//   (SERVER_CMD defaults to the JSON array in $QUADLET_LSP_CMD.) With --workspace, DIR is copied and F (which must
//   lie inside DIR) is opened in the copy; otherwise only F is copied. Exit code = nvim's (or 1).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSandbox } from './sandbox.mjs';
import { findNvim, isCI } from './find-tools.mjs';
import { liveGroupMembers, waitFor } from './process.mjs';

export const SMOKE_LUA = fileURLToPath(new URL('../../nvim/lsp-smoke.lua', import.meta.url));

/**
 * @param {object} o
 * @param {string} o.file          file to open (absolute, or relative to o.workspace)
 * @param {string|object} o.expect path of the expectations JSON, or the object itself
 * @param {string[]} o.serverCmd   language server command, e.g. ['node', 'server.js', '--stdio']
 * @param {string} [o.workspace]   directory to copy (the file is opened in the copy)
 * @param {number} [o.timeoutMs]   hard timeout for the whole nvim run (default 60000)
 * @param {boolean} [o.keep]       keep the run directory
 * @param {boolean} [o.echo]       also stream nvim's output to this process's stdout
 * @param {number} [o.watchdogMs]  the Lua script's own deadline (default timeoutMs - 2 s)
 */
export async function runNvimSmoke(o) {
  const nvim = findNvim();
  if (!nvim.ok) return { code: 1, output: nvim.reason, timedOut: false, ms: 0, skipped: nvim.reason };
  const timeoutMs = o.timeoutMs ?? 60000;
  if (!o.serverCmd || o.serverCmd.length === 0) throw new Error('runNvimSmoke: serverCmd is empty');

  let workspace = o.workspace ? path.resolve(o.workspace) : undefined;
  let relFile;
  if (workspace) {
    const abs = path.resolve(workspace, o.file);
    relFile = path.relative(workspace, abs);
    if (relFile.startsWith('..')) throw new Error(`runNvimSmoke: ${abs} is not inside ${workspace}`);
    if (!fs.existsSync(abs)) throw new Error(`runNvimSmoke: no such file ${abs}`);
  } else if (!fs.existsSync(path.resolve(o.file))) {
    throw new Error(`runNvimSmoke: no such file ${path.resolve(o.file)}`);
  }
  const sb = createSandbox({ prefix: 'nvim-smoke-', workspace, writeSettings: false });
  try {
    let file;
    if (workspace) file = path.join(sb.workspaceDir, relFile);
    else {
      file = path.join(sb.workspaceDir, path.basename(o.file));
      fs.copyFileSync(path.resolve(o.file), file);
    }
    let expectPath = o.expect;
    if (typeof o.expect !== 'string') {
      expectPath = path.join(sb.root, 'expect.json');
      fs.writeFileSync(expectPath, JSON.stringify(o.expect, null, 2));
    }
    const env = { ...process.env, ...sb.env, QUADLET_LSP_CMD: JSON.stringify(o.serverCmd),
      NVIM_SMOKE_WATCHDOG_MS: String(o.watchdogMs ?? Math.max(1000, timeoutMs - 2000)) };
    // -n: no swap file; --clean: no user config/plugins; the server command goes via $QUADLET_LSP_CMD so that it does
    // not end up in nvim's argument list as files.
    const args = ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SMOKE_LUA}`, '--', file, path.resolve(expectPath)];
    // cwd stays the caller's, so a relative server command means what it meant to the caller
    const r = await runWithTimeout(nvim.path, args, { env, cwd: process.cwd(), timeoutMs, echo: o.echo });
    if (r.timedOut) r.output += `\nrun-nvim: TIMEOUT after ${timeoutMs} ms, nvim killed\n`;
    return r;
  } finally {
    if (o.keep) console.log(`run-nvim: kept ${sb.root}`);
    else sb.cleanup();
  }
}

// nvim runs as the leader of its own process group, so the language server it spawns can be cleaned up too, even when
// nvim is killed on the timeout or exits through the watchdog without stopping its clients.
function runWithTimeout(cmd, args, { env, cwd, timeoutMs, echo }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (d) => { output += d; if (echo) process.stdout.write(d); };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    let timedOut = false;
    const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
    const timer = setTimeout(() => { timedOut = true; killGroup('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { output += `\nrun-nvim: cannot start ${cmd}: ${e.message}\n`; });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      if (child.pid && liveGroupMembers(child.pid).length) {
        killGroup('SIGTERM');
        await waitFor(() => liveGroupMembers(child.pid).length === 0, { timeoutMs: 3000, intervalMs: 50, what: 'nvim\'s children to exit' })
          .catch(() => killGroup('SIGKILL'));
      }
      if (output && !output.endsWith('\n')) { output += '\n'; if (echo) process.stdout.write('\n'); }
      resolve({ code: timedOut ? 124 : (code ?? 1), signal, output, timedOut, ms: Date.now() - t0 });
    });
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' }, expect: { type: 'string' }, workspace: { type: 'string' },
      timeout: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false },
    },
  });
  if (!values.file || !values.expect) {
    console.error('usage: run-nvim.mjs --file F --expect E.json [--workspace DIR] [--timeout SEC] [--keep] -- SERVER_CMD...');
    return 2;
  }
  const serverCmd = positionals.length ? positionals
    : (process.env.QUADLET_LSP_CMD ? JSON.parse(process.env.QUADLET_LSP_CMD) : []);
  const nvim = findNvim();
  if (!nvim.ok) {
    if (isCI()) { console.log(`run-nvim: FAIL (CI): ${nvim.reason}`); return 1; }
    console.log(`run-nvim: SKIP: ${nvim.reason}`);
    return 0;
  }
  // on the command line every path is relative to the current directory (also --file when --workspace is given)
  const r = await runNvimSmoke({ file: path.resolve(values.file), expect: values.expect, workspace: values.workspace, serverCmd,
    timeoutMs: Number(values.timeout) * 1000, keep: values.keep, echo: true });
  console.log(`run-nvim: exit ${r.code} after ${r.ms} ms${r.timedOut ? ' (timed out)' : ''}`);
  return r.code;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((c) => { process.exitCode = c; }, (e) => { console.error(e && e.stack || e); process.exitCode = 1; });
}
