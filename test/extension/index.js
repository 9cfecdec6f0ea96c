// Entry of the extension-host integration suite (the extensionTestsPath contract of @vscode/test-electron: run()
// executes inside the extension host, with the real `vscode` API). Every *.test.js file in this folder is loaded,
// in name order; add a file to add tests. Run it with `node test/extension/run.mjs`.
// mocha comes from test/editor-tooling (the tooling's own package.json), not from the extension's dependencies.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const TOOLING = path.join(__dirname, '..', 'editor-tooling');

exports.run = function run() {
  const Mocha = require(require.resolve('mocha', { paths: [TOOLING, path.join(__dirname, '..', '..')] }));
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec', grep: process.env.QLS_EXT_TESTS_GREP || undefined });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      // one summary line for the node:test wrapper (pending = gated off in test/editor-features.json)
      console.log(`extension-tests: ${s.passes} passed, ${s.failures} failed, ${s.pending} pending`);
      if (failures) reject(new Error(`${failures} extension test(s) failed`));
      else if (s.passes === 0) reject(new Error('no extension test ran'));
      else resolve();
    });
  });
};
