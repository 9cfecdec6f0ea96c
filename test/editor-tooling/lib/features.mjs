// Feature gates shared by every editor-test layer (test/editor-features.json, see the "//" entry there).
// $QLS_EDITOR_FEATURES (comma-separated names) switches gates on for one run.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { REPO_DIR } from './find-tools.mjs';

export const FEATURES_FILE = path.join(REPO_DIR, 'test', 'editor-features.json');

/** { hover: boolean, completion: boolean, ... } after the env override. */
export function loadFeatures(file = FEATURES_FILE, env = process.env) {
  const raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  const out = {};
  for (const [k, v] of Object.entries(raw)) if (k !== '//') out[k] = v === true;
  for (const name of (env.QLS_EDITOR_FEATURES || '').split(',').map((s) => s.trim()).filter(Boolean)) out[name] = true;
  return out;
}

/** The line every layer prints for a gated step it does not run. */
export function notRunLine(layer, feature) {
  return `NOT RUN: ${layer}: ${feature} (gate "${feature}" is false in test/editor-features.json)`;
}

/** LSP capability that shows a feature exists in the server. */
export const FEATURE_CAPABILITY = { hover: 'hoverProvider', completion: 'completionProvider' };

/**
 * Ask a server (`cmd`, an argv array speaking LSP over stdio) for its capabilities: initialize, shutdown, exit.
 * Used to warn when a feature has landed but its editor tests are still gated off.
 */
export async function serverCapabilities(cmd, { timeoutMs = 10000 } = {}) {
  const rpc = createRequire(path.join(REPO_DIR, 'package.json'))('vscode-jsonrpc/node');
  const child = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  conn.listen();
  const exited = new Promise((r) => child.once('exit', r));
  let timer;
  try {
    const init = await Promise.race([
      conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`no initialize answer in ${timeoutMs} ms`)), timeoutMs); }),
    ]);
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    return init.capabilities || {};
  } finally {
    clearTimeout(timer);
    conn.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Lines that warn about features the server advertises while their gate is still false. */
export function gateWarnings(features, capabilities) {
  return Object.entries(FEATURE_CAPABILITY)
    .filter(([f, cap]) => capabilities[cap] && !features[f])
    .map(([f, cap]) => `WARNING: the server advertises ${cap} but the editor tests for "${f}" are gated off: once they pass `
      + `(QLS_EDITOR_FEATURES=${f}), set "${f}": true in test/editor-features.json`);
}

/** Print a WARNING line per feature the server (argv `cmd`) advertises while its gate is off. Never throws. */
export async function warnAboutGates(cmd, features = loadFeatures(), log = console.log) {
  try {
    for (const w of gateWarnings(features, await serverCapabilities(cmd))) log(w);
  } catch (e) {
    log(`note: could not ask the server for its capabilities: ${e.message}`);
  }
}
