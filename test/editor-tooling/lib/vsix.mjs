// Package the extension with @vscode/vsce (the extension's own devDependency) and inspect the .vsix:
//   packageVsix()     runs `vsce package --no-dependencies --out <file>` (what `npm run package` does after the build),
//                     no network, stdin closed so vsce can never wait for an answer;
//   vsceWarnings()    the WARNING lines of its output (a marketplace-ready package has none);
//   listZipEntries()  the file names in a .vsix (zip central directory; no unzip binary needed);
//   checkVsixEntries() what a .vsix must and must not contain (see VSIX_RULES).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_DIR } from './find-tools.mjs';

export function vsceBin() {
  const pkg = createRequire(path.join(REPO_DIR, 'package.json')).resolve('@vscode/vsce/package.json');
  return path.join(path.dirname(pkg), 'vsce');
}

/** @returns {Promise<{ vsix, output, ms }>} rejects when vsce fails */
export function packageVsix({ extDir = REPO_DIR, outFile, timeoutMs = 120000 }) {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [vsceBin(), 'package', '--no-dependencies', '--out', outFile],
      { cwd: extDir, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (err) reject(new Error(`vsce package failed in ${extDir}${err.killed ? ` (timeout ${timeoutMs} ms)` : ''}: ${err.message}\n${output}`));
        else resolve({ vsix: outFile, output, ms: Date.now() - t0 });
      });
    child.stdin?.end();
  });
}

export function vsceWarnings(output) {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => /\bWARNING\b/i.test(l)).map((l) => l.trim());
}

/** Names of the entries of a zip file, from its central directory. */
export function listZipEntries(file) {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file}: not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

/**
 * What the .vsix may hold: the two bundles, the grammar, snippets, the icon, the docs and metadata. Anything else is
 * "unexpected"; sources, tests, node_modules and source maps are "forbidden" (reported even if a rule allowed them).
 */
export const VSIX_RULES = {
  required: ['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json', 'extension/readme.md',
    'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/client.js', 'extension/dist/server.js',
    'extension/syntaxes/quadlet.tmLanguage.json', 'extension/language-configuration.json', 'extension/images/icon.png'],
  allowed: [
    /^extension\/dist\/(client|server)\.js$/,
    /^extension\/syntaxes\/[\w.-]+\.json$/,
    /^extension\/snippets\/[\w.-]+\.code-snippets$/,
    /^extension\/docs\/[\w.-]+\.md$/,
  ],
  forbidden: [
    [/(^|\/)node_modules\//, 'node_modules'],
    [/\.tsx?$/, 'TypeScript source'],
    [/^extension\/(server|client)\/src\//, 'source tree'],
    [/^extension\/(test|out|bench|scripts|examples|\.ci)\//, 'tests / build output / tooling'],
    [/\.map$/, 'source map'],
    [/\.vsix$/, 'nested package'],
    [/(^|\/)\.[^/]+$/, 'dotfile'],
  ],
};

export function checkVsixEntries(names, rules = VSIX_RULES) {
  const set = new Set(names);
  const forbidden = [];
  const unexpected = [];
  for (const n of names) {
    const bad = rules.forbidden.find(([re]) => re.test(n));
    if (bad) { forbidden.push(`${n} (${bad[1]})`); continue; }
    if (!rules.required.includes(n) && !rules.allowed.some((re) => re.test(n))) unexpected.push(n);
  }
  const missing = rules.required.filter((n) => !set.has(n));
  return { forbidden, unexpected, missing, ok: forbidden.length + unexpected.length + missing.length === 0 };
}
