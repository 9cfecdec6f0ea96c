// Writes dist/cli.js.cache: V8's compiled code for the CLI bundle after it checked examples/, so
// bin/quadlet-ls skips compiling it on every run (bin/load-bundle.js). Run by scripts/build.mjs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { loadBundle } = require('../bin/load-bundle');

const repo = path.join(__dirname, '..');
const bundle = path.join(repo, 'dist', 'cli.js');
process.argv = [process.argv[0], bundle, 'check', '--format', 'json', '--podman-version', '5.8', path.join(repo, 'examples')];
// The findings are not wanted here, only the compiled code.
process.stdout.write = () => true;
process.stderr.write = () => true;
const script = loadBundle(bundle, undefined);
process.on('exit', () => {
  fs.writeFileSync(`${bundle}.cache`, script.createCachedData());
  process.exitCode = 0;
});
