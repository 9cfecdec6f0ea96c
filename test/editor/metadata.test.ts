// What a marketplace listing needs from package.json, and the VS Code version the editor tests can prove.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runLayer, tailOf } from './layers';

const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

/** The newest VS Code the editor tests run: the one inside the pinned code-server (test/editor-tooling). */
const TESTED_VSCODE = '1.100.3';

function minVersion(range: string): [number, number, number] {
  const m = /^\^?(\d+)\.(\d+)\.(\d+)$/.exec(range);
  assert.ok(m, `engines.vscode must be a plain ^x.y.z range, got ${range}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

test('package.json carries the marketplace metadata', () => {
  for (const field of ['name', 'publisher', 'displayName', 'description', 'version', 'license', 'icon', 'homepage']) {
    assert.equal(typeof pkg[field], 'string', `${field} is missing`);
    assert.ok(pkg[field].length > 0, `${field} is empty`);
  }
  assert.ok(Array.isArray(pkg.categories) && pkg.categories.length > 0, 'categories');
  assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.length > 0 && pkg.keywords.length <= 30, 'keywords (1..30)');
  assert.match(pkg.repository?.url ?? '', /^https:\/\//, 'repository.url');
  assert.match(pkg.bugs?.url ?? '', /^https:\/\//, 'bugs.url');
  const icon = readFileSync(join(REPO, pkg.icon));
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG', `${pkg.icon} must be a PNG (the marketplace rejects SVG icons)`);
  for (const f of ['CHANGELOG.md', 'LICENSE', 'README.md']) assert.ok(existsSync(join(REPO, f)), `${f} is missing`);
  assert.match(readFileSync(join(REPO, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${pkg.version.replace(/\./g, '\\.')}\\b`, 'm'), 'CHANGELOG.md has an entry for the current version');
});

test(`engines.vscode is no newer than the VS Code the editor tests run (${TESTED_VSCODE})`, () => {
  const engine = minVersion(pkg.engines.vscode);
  assert.ok(cmp(engine, minVersion(TESTED_VSCODE)) <= 0, `engines.vscode ${pkg.engines.vscode} > ${TESTED_VSCODE}: the extension would not even load in the tests`);
  // vsce refuses to package when @types/vscode is newer than engines.vscode
  const types = JSON.parse(readFileSync(join(REPO, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;
  assert.ok(cmp(minVersion(types), engine) <= 0, `@types/vscode ${types} is newer than engines.vscode ${pkg.engines.vscode}`);
  // and the pinned code-server really is that VS Code (when it is installed)
  const csPkg = join(REPO, 'test', 'editor-tooling', 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  if (existsSync(csPkg)) assert.equal(JSON.parse(readFileSync(csPkg, 'utf8')).version, TESTED_VSCODE);
});

test('vsce packages without warnings; the .vsix holds only bundles, grammar, snippets, icon, docs and metadata', { timeout: 180_000 }, async (t) => {
  const r = await runLayer({ id: 'package', title: 'package', script: 'test/e2e/check-package.mjs', ranProof: /check-package: PASS/, failProof: /check-package: FAIL/, timeoutMs: 170_000 });
  assert.equal(r.code, 0, `test/e2e/check-package.mjs failed; log: ${r.logFile}\n${tailOf(r.output)}`);
  assert.match(r.output, /check-package: PASS/);
  t.diagnostic(`packaged in ${(r.ms / 1000).toFixed(1)} s; file list in ${r.logFile}`);
});
