// Runs every compiled test file under out/test with node's test runner.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function testFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const only = process.argv.slice(2);
const files = testFiles('out/test').filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
// The real-editor layers (out/test/editor/) run last and alone: code-server + chromium next to the timing-sensitive
// LSP tests made those time out on 2 cores.
const isEditor = (f) => f.split(/[\\/]/).includes('editor');
const phases = [files.filter((f) => !isEditor(f)), files.filter(isEditor)];
let status = 0;
phases.forEach((list, i) => {
  if (!list.length) return;
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', `--test-concurrency=${i === 0 ? 2 : 1}`, ...list], { stdio: 'inherit' });
  if (r.status !== 0) status = r.status ?? 1;
  console.log(`run-tests: ${i === 0 ? 'tests' : 'editor layers'}: ${r.status === 0 ? 'passed' : `FAILED (exit ${r.status})`}`);
});
console.log(`run-tests: ${status === 0 ? 'ALL PASSED' : 'FAILED'}`);
process.exit(status);
