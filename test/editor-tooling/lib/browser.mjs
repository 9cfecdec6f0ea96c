// Launch Debian's chromium headless through playwright-core (no Playwright browser download), with a fresh profile
// dir and HOME/XDG pointed at the sandbox (chromium writes ~/.config/chromium/Crash Reports and ~/.cache/dconf
// despite --user-data-dir). The page's console is forwarded to stdout.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';
import { findChromium, findPlaywright } from './find-tools.mjs';
import { sandboxEnv } from './sandbox.mjs';

export const CHROMIUM_ARGS = Object.freeze([
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]);

/** Console lines from the workbench that are expected on this offline machine and carry no information. */
export const CONSOLE_NOISE = [
  /vsda_bg\.wasm|vsda\.js/,                                   // the signing module is not shipped in code-server
  /Failed to load resource: the server responded with a status of 404/,
  /Manifest fetch from .* failed, code 404|A bad HTTP response code \(404\) was received when fetching the script/,
  /open-vsx\.org|ENOTFOUND|getaddrinfo|net::ERR_NAME_NOT_RESOLVED/,                      // extension gallery is unreachable
  /serviceWorker\.js|Service Worker|ServiceWorker/i,          // no service worker in direct-server mode
  /Ignoring the error while validating workspace folder/,
];

/** Turn a playwright ConsoleMessage into one line of text (the workbench logs via '%c LEVEL', 'color: …', …). */
export async function formatConsoleMessage(msg) {
  let args;
  let timer;
  try {
    args = await Promise.race([
      Promise.all(msg.args().map((a) => a.jsonValue())),
      new Promise((_, rej) => { timer = setTimeout(() => rej(new Error('jsonValue timeout')), 2000); }),
    ]);
  } catch { args = [msg.text()]; } finally { clearTimeout(timer); }
  if (args.length === 0) args = [msg.text()];                 // e.g. chromium's own "Failed to load resource" errors
  if (typeof args[0] === 'string' && args[0].startsWith('%c')) {
    const level = args[0].slice(2).trim();
    args = args.slice(2);
    if (level && !/^(INFO|LOG)$/.test(level)) args.unshift(`[${level}]`);
  } else if (!['log', 'info'].includes(msg.type())) {
    args.unshift(`[${msg.type()}]`);
  }
  return util.format(...args);
}

/** Resolve with `promise`'s outcome or after `ms`, whichever comes first, without keeping the process alive. */
function bounded(promise, ms) {
  let timer;
  return Promise.race([
    Promise.resolve(promise).catch(() => {}),
    new Promise((r) => { timer = setTimeout(r, ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * @param {object} o
 * @param {object} o.sandbox             from createSandbox(); the profile dir and HOME go there
 * @param {boolean} [o.headless=true]
 * @param {{width:number,height:number}} [o.viewport]  default 1400x900
 * @param {boolean|((line:string, msg)=>boolean)} [o.forwardConsole=true]  true: everything but CONSOLE_NOISE
 *                                        ($DEBUG_CONSOLE=1 forwards the noise too); a function decides per line
 * @param {string} [o.consolePrefix='  | ']
 * @param {number} [o.launchTimeoutMs=30000]
 * @returns {Promise<{ context, page, drainConsole(): Promise<void>, close(): Promise<void> }>}
 */
export async function launchBrowser({ sandbox, headless = true, viewport = { width: 1400, height: 900 }, forwardConsole = true,
  consolePrefix = '  | ', launchTimeoutMs = 30000, extraArgs = [] }) {
  const chromium = findChromium();
  if (!chromium.ok) throw new Error(chromium.reason);
  const pw = findPlaywright();
  if (!pw.ok) throw new Error(pw.reason);
  const pwModule = await import(pathToFileURL(pw.modulePath).href);       // CommonJS: named exports sit on default
  const pwChromium = pwModule.chromium || pwModule.default.chromium;

  const profileDir = fs.mkdtempSync(path.join(sandbox.root, 'chromium-profile-'));
  const context = await pwChromium.launchPersistentContext(profileDir, {
    executablePath: chromium.path,
    headless,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    viewport,
    env: sandboxEnv(sandbox),
    timeout: launchTimeoutMs,
  });
  const page = context.pages()[0] || await context.newPage();

  // keep console lines in order although formatting them is async
  let queue = Promise.resolve();
  const showAll = /^(1|true)$/i.test(process.env.DEBUG_CONSOLE || '');
  if (forwardConsole) {
    page.on('console', (msg) => {
      queue = queue.then(async () => {
        const line = await formatConsoleMessage(msg);
        const show = typeof forwardConsole === 'function' ? forwardConsole(line, msg)
          : showAll || !CONSOLE_NOISE.some((re) => re.test(line));
        if (show) process.stdout.write(line.split('\n').map((l) => consolePrefix + l).join('\n') + '\n');
      }).catch(() => {});
    });
    page.on('pageerror', (e) => { process.stdout.write(`${consolePrefix}[pageerror] ${e.message}\n`); });
  }

  let closed = false;
  return {
    context,
    page,
    /** Wait (bounded) until every console line seen so far has been printed. */
    drainConsole: (timeoutMs = 3000) => bounded(queue, timeoutMs),
    close: async ({ timeoutMs = 10000 } = {}) => {
      if (closed) return;
      closed = true;
      await bounded(context.close(), timeoutMs);
      fs.rmSync(profileDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
    },
  };
}
