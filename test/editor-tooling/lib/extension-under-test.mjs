// Which extension the editor tests run against.
//   default:            the repository itself (dist/ must be built: npm run build).
//   QLS_EDITOR_BROKEN=1: the negative control, a throwaway copy of the extension in which
//                        - dist/server.js is test/editor-tooling/broken/silent-server.js (starts, publishes nothing,
//                          offers nothing), and
//                        - syntaxes/quadlet.tmLanguage.json highlights nothing (no patterns).
//                        Every layer (extension host, UI, Neovim, grammar) must FAIL against it.
// The copy holds exactly what the .vsix would (see .vscodeignore), so it can also be packaged.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_DIR } from './find-tools.mjs';

export const BROKEN_ENV = 'QLS_EDITOR_BROKEN';
export const SILENT_SERVER_SRC = path.join(REPO_DIR, 'test', 'editor-tooling', 'broken', 'silent-server.js');

export function brokenRequested(env = process.env) {
  return /^(1|true|yes)$/i.test(env[BROKEN_ENV] || '');
}

// What the broken copy takes from the repository unchanged (the rest of the packaged files is replaced or empty).
const COPIED = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'language-configuration.json', '.vscodeignore',
  'dist/client.js', 'snippets', 'images', 'docs'];

/**
 * @param {object} [o]
 * @param {boolean} [o.broken]  default: $QLS_EDITOR_BROKEN
 * @param {string} [o.baseDir]  where the broken copy goes (default: a new temp dir)
 * @returns {Promise<{ dir, serverJs, serverCmd: string[], grammar, broken, cleanup(): void }>}
 */
export async function extensionUnderTest({ broken = brokenRequested(), baseDir } = {}) {
  if (!broken) {
    const serverJs = path.join(REPO_DIR, 'dist', 'server.js');
    for (const f of [serverJs, path.join(REPO_DIR, 'dist', 'client.js')]) {
      if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first`);
    }
    return {
      dir: REPO_DIR, serverJs, broken: false, cleanup() {},
      serverCmd: [process.execPath, path.join(REPO_DIR, 'bin', 'quadlet-ls'), '--stdio'],
      grammar: path.join(REPO_DIR, 'syntaxes', 'quadlet.tmLanguage.json'),
    };
  }
  const root = fs.mkdtempSync(path.join(baseDir || os.tmpdir(), 'qls-broken-extension-'));
  const dir = path.join(root, 'quadlet-ls');
  for (const rel of COPIED) {
    const src = path.join(REPO_DIR, rel);
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dir, rel), { recursive: true });
  }
  const grammar = path.join(dir, 'syntaxes', 'quadlet.tmLanguage.json');
  const good = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'syntaxes', 'quadlet.tmLanguage.json'), 'utf8'));
  fs.mkdirSync(path.dirname(grammar), { recursive: true });
  fs.writeFileSync(grammar, JSON.stringify({ ...good, patterns: [], repository: {} }, null, 2));
  const serverJs = path.join(dir, 'dist', 'server.js');
  const esbuild = createRequire(path.join(REPO_DIR, 'package.json'))('esbuild');
  await esbuild.build({ entryPoints: [SILENT_SERVER_SRC], outfile: serverJs, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', logLevel: 'warning', absWorkingDir: REPO_DIR });
  process.stdout.write(`extension-under-test: NEGATIVE CONTROL (${BROKEN_ENV}=1): broken copy in ${dir}\n`);
  return {
    dir, serverJs, broken: true, grammar,
    serverCmd: [process.execPath, serverJs, '--stdio'],
    cleanup() { fs.rmSync(root, { recursive: true, force: true }); },
  };
}
