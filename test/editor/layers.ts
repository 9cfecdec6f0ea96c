// The real-editor test layers as node:test sees them: each layer is a runner script (test/<layer>/run.mjs) that
// exits 0 when it passed. Its full output goes to .test-output/editor-logs/<id>.log; the test reports a summary line,
// the gated steps it did not run (as skipped tests) and, on failure, the tail of the log.
// A runner that cannot find its tools prints "SKIP: …" and exits 0 on a developer machine; with CI=true it exits 1.

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file runs from out/test/editor/). */
export const REPO = resolve(__dirname, '..', '..', '..');
export const LOG_DIR = join(REPO, '.test-output', 'editor-logs');

export interface Layer {
  id: string;
  title: string;
  script: string;
  /** A line the runner prints only when it really ran its checks; a pass without it is a harness bug. */
  ranProof: RegExp;
  /** A line that shows the failure came from the checks (used by the negative control). */
  failProof: RegExp;
  timeoutMs: number;
}

export const LAYERS: Layer[] = [
  { id: 'grammar', title: 'grammar scopes (vscode-tmgrammar-test)', script: 'test/grammar/run.mjs',
    ranProof: /^grammar layer: PASS/m, failProof: /^grammar layer: FAIL/m, timeoutMs: 60_000 },
  { id: 'nvim', title: 'Neovim LSP client against bin/quadlet-ls --stdio', script: 'test/nvim/run.mjs',
    ranProof: /^nvim layer: (\d+)\/\1 expectation files passed/m, failProof: /^\[\s*\d+ ms\] FAIL /m, timeoutMs: 180_000 },
  { id: 'extension', title: 'VS Code extension host (mocha suite, code-server)', script: 'test/extension/run.mjs',
    ranProof: /extension-tests: [1-9]\d* passed, 0 failed/, failProof: /extension-tests: \d+ passed, [1-9]\d* failed/, timeoutMs: 300_000 },
  { id: 'e2e', title: 'VS Code UI smoke (packaged .vsix, code-server + chromium)', script: 'test/e2e/run.mjs',
    ranProof: /E2E OK: [1-9]\d* steps passed/, failProof: /E2E FAILED/, timeoutMs: 300_000 },
];

export interface LayerRun {
  code: number;
  output: string;
  ms: number;
  logFile: string;
  /** the reason from a "SKIP: …" line (tools missing on a developer machine) */
  skipped?: string;
  /** features whose steps were gated off ("NOT RUN: …" lines) */
  notRun: string[];
}

export function runLayer(layer: Layer, env: NodeJS.ProcessEnv = process.env, suffix = ''): Promise<LayerRun> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${layer.id}${suffix}.log`);
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO, layer.script)], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    // the runners have their own limits; this one only guards against a runner that hangs itself
    const timer = setTimeout(() => { output += `\n[wrapper] killed after ${layer.timeoutMs} ms\n`; child.kill('SIGKILL'); }, layer.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(logFile, output);
      const skip = /^(?:[\w -]+: )?SKIP: (.*)$/m.exec(output);
      const notRun = [...new Set([...output.matchAll(/NOT RUN: [^:\n]+: (\w+)/g)].map((m) => m[1]))];
      done({ code: code ?? (signal ? 128 : 1), output, ms: Date.now() - t0, logFile, skipped: code === 0 && skip ? skip[1] : undefined, notRun });
    });
  });
}

export function tailOf(text: string, lines = 60): string {
  return text.split('\n').filter((l) => l.trim()).slice(-lines).join('\n');
}
