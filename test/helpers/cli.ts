// Runs the built CLI (`bin/quadlet-ls`, which loads dist/server.js) on temporary trees.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Repository root (compiled helpers live in out/test/helpers). */
export const REPO = resolve(__dirname, '..', '..', '..');
export const BIN = join(REPO, 'bin', 'quadlet-ls');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `bin/quadlet-ls ARGS` with node (no shell), time-limited. */
export function runBin(args: string[], cwd: string, timeoutMs = 20000): Promise<CliResult> {
  return new Promise((done, fail) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: timeoutMs, env: { ...process.env, PATH: '' } }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number') return fail(err);
      done({ code: err ? (err.code as number) : 0, stdout, stderr });
    });
  });
}

export interface TempTree {
  dir: string;
  path(rel: string): string;
  cleanup(): void;
}

/** A fresh directory holding `files` (relative path → text). */
export function tempTree(files: Record<string, string>): TempTree {
  const dir = mkdtempSync(join(tmpdir(), 'quadlet-ls-test-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, path: (rel) => join(dir, rel), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
