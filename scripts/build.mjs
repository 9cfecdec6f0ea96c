// Builds the two bundles (client, server+CLI) and transpiles sources and tests for node:test.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { execFileSync } from 'node:child_process';

const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning',
  define: { __QUADLET_LS_VERSION__: JSON.stringify(version) },
};

function tsFiles(dir, ext = '.ts') {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p, ext));
    else if (name.endsWith(ext) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

rmSync('out', { recursive: true, force: true });
await Promise.all([
  build({ ...common, bundle: true, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, bundle: true, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', external: ['vscode'] }),
  // What bin/quadlet-ls runs: the CLI without the language server (which it loads from server.js when asked).
  build({ ...common, bundle: true, entryPoints: ['server/src/cli-main.ts'], outfile: 'dist/cli.js', external: ['vscode'] }),
  // Unbundled per-file transpile so unit tests can import individual modules.
  build({ ...common, bundle: false, entryPoints: [...tsFiles('server/src'), ...tsFiles('test')], outdir: 'out', outbase: '.' }),
]);
// The per-file transpile keeps `require("./data/x.json")`, so the data files go next to the output.
for (const f of tsFiles('server/src', '.json')) {
  mkdirSync(dirname(join('out', f)), { recursive: true });
  copyFileSync(f, join('out', f));
}
// V8's code cache for the CLI bundle (bin/load-bundle.js reads it; a stale one is rejected, never wrong).
execFileSync(process.execPath, ['scripts/make-code-cache.js'], { stdio: 'inherit', timeout: 60_000 });
if (!watch) console.log('built dist/client.js, dist/server.js, dist/cli.js (+ code cache), out/');
