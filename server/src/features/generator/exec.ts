// Runs the generator binary: an argument array, never a shell, a hard time limit, capped output.
// spawn() is used instead of execFile() only so the child gets its own process group: on timeout
// the whole group is killed, so a hung wrapper script cannot keep our pipes (and us) waiting.

import { spawn } from 'node:child_process';

export interface ExecOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Stop reading (and kill) past this many bytes per stream. */
  maxOutput?: number;
}

export interface ExecResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The process could not be started (ENOENT, EACCES, …) or its output was too large. */
  failure?: string;
}

const DEFAULT_MAX_OUTPUT = 32 * 1024 * 1024;

export function execGenerator(file: string, args: string[], opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve) => {
    const max = opts.maxOutput ?? DEFAULT_MAX_OUTPUT;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let timedOut = false;
    let failure: string | undefined;
    let done = false;
    const group = process.platform !== 'win32';
    const child = spawn(file, args, { env: opts.env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], detached: group, windowsHide: true });
    const kill = () => {
      try {
        if (group && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
      // A grandchild that left the group could still hold the pipes: stop waiting for them.
      grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish(null, 'SIGKILL');
      }, 2000);
    }, opts.timeoutMs);
    const collect = (chunks: Buffer[], add: (n: number) => number) => (b: Buffer) => {
      if (add(b.length) > max) {
        failure ??= `output larger than ${max} bytes`;
        kill();
        return;
      }
      chunks.push(b);
    };
    child.stdout.on('data', collect(out, (n) => (outBytes += n)));
    child.stderr.on('data', collect(err, (n) => (errBytes += n)));
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (grace) clearTimeout(grace);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), timedOut, failure });
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      failure = `${e.code ?? 'error'}: ${e.message}`;
      finish(null, null);
    });
    child.on('close', finish);
  });
}
