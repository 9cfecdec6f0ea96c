// Writes snippets/*.code-snippets (read by VS Code) from server/src/catalog/data/snippets.json
// (also read by the language server, which offers the skeletons in empty files).
// `--check` only compares and exits 1 when the snippet files are out of date.
import { readFileSync, writeFileSync } from 'node:fs';

const source = JSON.parse(readFileSync('server/src/catalog/data/snippets.json', 'utf8'));
const files = { quadlet: 'snippets/quadlet.code-snippets', systemd: 'snippets/systemd.code-snippets' };
let stale = false;
for (const [language, path] of Object.entries(files)) {
  const out = {};
  for (const [name, s] of Object.entries(source)) {
    if (s.language !== language) continue;
    out[name] = { prefix: s.prefix, description: s.description, body: s.body, ...(s.skeleton ? { isFileTemplate: true } : {}) };
  }
  const text = JSON.stringify(out, null, 2) + '\n';
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    /* missing: stale */
  }
  if (current === text) continue;
  stale = true;
  if (!process.argv.includes('--check')) writeFileSync(path, text);
}
if (process.argv.includes('--check') && stale) {
  console.error('snippets/*.code-snippets are out of date: run node scripts/gen-snippets.mjs');
  process.exit(1);
}
