// Locate the real-editor tools: code-server (with its bundled VS Code server), playwright-core, Debian chromium and
// Neovim. Each finder returns { ok: true, ...paths } or { ok: false, reason }. Callers decide what a missing tool
// means with toolPolicy(): skip on a developer machine, FAIL when CI=true (a green CI must not hide a missing
// install step). scripts/setup-editor-tooling.sh installs everything.
// CLI: node find-tools.mjs [code-server] [playwright] [chromium] [nvim]   -> prints a report; exit 0 when all are
//      found, 1 when something is missing and CI=true, 0 with a SKIP line otherwise (--strict: 1 whenever missing).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIB_DIR = path.dirname(fileURLToPath(import.meta.url));
export const TOOLING_DIR = path.dirname(LIB_DIR);                       // test/editor-tooling
export const REPO_DIR = path.resolve(TOOLING_DIR, '..', '..');
export const CODE_SHIM = path.join(LIB_DIR, 'code-shim.mjs');
const SETUP_HINT = 'run scripts/setup-editor-tooling.sh';

export function isCI() { return /^(1|true|yes)$/i.test(process.env.CI || ''); }

function isExecutable(p) {
  try { fs.accessSync(p, fs.constants.X_OK); return fs.statSync(p).isFile(); } catch { return false; }
}

function onPath(name) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** code-server package: { dir, entry (the CLI's JS entry, run with node), vscodeDir, serverMain, version }. */
export function findCodeServer() {
  const dir = process.env.CODE_SERVER_DIR || path.join(TOOLING_DIR, 'node_modules', 'code-server');
  const entry = path.join(dir, 'out', 'node', 'entry.js');
  const vscodeDir = path.join(dir, 'lib', 'vscode');
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  if (!fs.existsSync(entry)) return { ok: false, reason: `code-server not installed (no ${entry}; ${SETUP_HINT})` };
  if (!fs.existsSync(serverMain)) return { ok: false, reason: `code-server's VS Code server is missing (${serverMain}; ${SETUP_HINT})` };
  let version = '?';
  try { version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version; } catch { /* keep ? */ }
  const major = Number(process.versions.node.split('.')[0]);
  if (version === '4.100.3' && major !== 20) {
    return { ok: false, reason: `code-server ${version} needs Node 20, this is ${process.version}` };
  }
  return { ok: true, dir, entry, vscodeDir, serverMain, version };
}

/** playwright-core as installed in test/editor-tooling: { modulePath, version }. */
export function findPlaywright() {
  try {
    const req = createRequire(path.join(TOOLING_DIR, 'package.json'));
    const modulePath = req.resolve('playwright-core');
    const version = req('playwright-core/package.json').version;
    return { ok: true, modulePath, version };
  } catch {
    return { ok: false, reason: `playwright-core not installed in ${TOOLING_DIR} (${SETUP_HINT})` };
  }
}

/** Debian's chromium (or $CHROMIUM_PATH). Playwright's own browser downloads do not work on these machines. */
export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const p = candidates.find(isExecutable);
  if (!p) return { ok: false, reason: `chromium not found (tried ${candidates.join(', ')}; apt-get install chromium, or ${SETUP_HINT})` };
  return { ok: true, path: p };
}

/** Neovim >= 0.7 (or $NVIM_BIN): { path, version }. */
export function findNvim() {
  const p = process.env.NVIM_BIN || onPath('nvim');
  if (!p || !isExecutable(p)) return { ok: false, reason: `nvim not found (apt-get install neovim, or ${SETUP_HINT})` };
  let out = '';
  try {
    // NVIM_LOG_FILE: even `nvim --version` creates ~/.cache/nvim/log otherwise
    out = execFileSync(p, ['--version'], { encoding: 'utf8', timeout: 15000, stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, NVIM_LOG_FILE: '/dev/null' } });
  } catch (e) { return { ok: false, reason: `${p} --version failed: ${e.message}` }; }
  const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!m) return { ok: false, reason: `cannot read the version of ${p}` };
  if (Number(m[1]) === 0 && Number(m[2]) < 7) return { ok: false, reason: `${p} is NVIM v${m[1]}.${m[2]}; need >= 0.7` };
  return { ok: true, path: p, version: `${m[1]}.${m[2]}.${m[3]}` };
}

const FINDERS = { 'code-server': findCodeServer, playwright: findPlaywright, chromium: findChromium, nvim: findNvim };
export const ALL_TOOLS = Object.keys(FINDERS);

/**
 * Find several tools. Returns { ok, tools: { name: result }, missing: [name], reason } where reason joins the
 * reasons of the missing ones ('' when all were found).
 */
export function findTools(names = ALL_TOOLS) {
  const tools = {};
  const missing = [];
  for (const n of names) {
    const f = FINDERS[n];
    if (!f) throw new Error(`findTools: unknown tool '${n}' (known: ${ALL_TOOLS.join(', ')})`);
    tools[n] = f();
    if (!tools[n].ok) missing.push(n);
  }
  return { ok: missing.length === 0, tools, missing, reason: missing.map((n) => tools[n].reason).join('; ') };
}

/**
 * What a caller should do with a findTools() result: { action: 'run' | 'skip' | 'fail', message }.
 * Missing tools are a failure when CI=true (or `strict`), a skip otherwise.
 */
export function toolPolicy(found, { strict = false } = {}) {
  if (found.ok) return { action: 'run', message: '' };
  if (strict || isCI()) return { action: 'fail', message: `FAIL: missing editor tooling${isCI() ? ' (CI=true)' : ''}: ${found.reason}` };
  return { action: 'skip', message: `SKIP: missing editor tooling: ${found.reason}` };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const strict = args.includes('--strict');
  const names = args.filter((a) => a !== '--strict');
  const found = findTools(names.length ? names : ALL_TOOLS);
  for (const [n, r] of Object.entries(found.tools)) {
    const where = r.ok ? (r.path || r.entry || r.modulePath) : '';
    console.log(`${r.ok ? 'found  ' : 'MISSING'} ${n}${r.version ? ' ' + r.version : ''}${where ? ' ' + where : ''}${r.ok ? '' : ': ' + r.reason}`);
  }
  const policy = toolPolicy(found, { strict });
  if (policy.message) console.log(policy.message);
  process.exitCode = policy.action === 'fail' ? 1 : 0;
}
