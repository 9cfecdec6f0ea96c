// Loads a CommonJS bundle like require() does, but through vm.Script so V8 can reuse a code cache
// written next to it at build time (`<bundle>.cache`, scripts/make-code-cache.js): compiling the
// bundle's functions is then skipped. A cache from another Node version or an older bundle is
// rejected by V8 and the bundle compiles as usual.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** Runs the bundle; returns the vm.Script (to make a cache from). */
function loadBundle(file, cachedData) {
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const mod = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  return script;
}

function readCache(file) {
  try {
    return fs.readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
}

module.exports = { loadBundle, readCache };
