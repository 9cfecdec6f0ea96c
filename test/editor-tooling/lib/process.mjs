// Process helpers shared by the editor-tooling libs (Linux only: they read /proc).
// Everything here acts only on processes this Node process started, addressed by their pid / process-group id.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** Resolve after `ms` (used only between polls of a condition, never as a fixed wait for something to be ready). */
export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll `fn` every `intervalMs` until it returns a truthy value (returned) or `timeoutMs` passes (throws).
 * `fn` may be async; a throw from `fn` ends the wait with that error.
 */
export async function waitFor(fn, { timeoutMs = 10000, intervalMs = 100, what = 'condition' } = {}) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() >= end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(Math.min(intervalMs, Math.max(1, end - Date.now())));
  }
}

/** Parse /proc/<pid>/stat: { pid, state, ppid, pgrp } or null when the process is gone. */
export function procStat(pid) {
  let s;
  try { s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return null; }
  const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');      // after "pid (comm) "
  return { pid: Number(pid), state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) };
}

function allPids() {
  try { return fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number); } catch { return []; }
}

/** Live (non-zombie) members of process group `pgid`. Zombies are ignored: PID 1 here may never reap them. */
export function liveGroupMembers(pgid) {
  return allPids().map(procStat).filter((p) => p && p.pgrp === pgid && p.state !== 'Z').map((p) => p.pid);
}

/** Live (non-zombie) direct children of `ppid`. */
export function liveChildren(ppid = process.pid) {
  return allPids().map(procStat).filter((p) => p && p.ppid === ppid && p.state !== 'Z').map((p) => p.pid);
}

const groups = new Set();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when the caller exits without stopping what it started: SIGKILL each remaining group we created.
  process.on('exit', () => {
    for (const pgid of groups) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
  });
}

/**
 * Spawn `cmd args` as the leader of a new process group (so the server, its extension host and the language server
 * it forks can be stopped together), with stdout+stderr appended to `logFile`.
 */
export function spawnGroup(cmd, args, { env, cwd, logFile }) {
  installExitHook();
  const fd = fs.openSync(logFile, 'a');
  const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  if (child.pid) groups.add(child.pid);
  child.exitInfo = null;
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => { child.exitInfo = { code, signal }; resolve(child.exitInfo); });
    child.once('error', (e) => { child.exitInfo = { code: null, signal: null, error: e }; resolve(child.exitInfo); });
  });
  return child;
}

/**
 * Stop a group started by spawnGroup: SIGTERM to the whole group, wait (polling /proc) until no live member is left,
 * SIGKILL after `graceMs`. Resolves with the number of ms it took.
 */
export async function stopGroup(child, { graceMs = 5000, killWaitMs = 3000 } = {}) {
  const t0 = Date.now();
  const pgid = child.pid;
  if (!pgid) return 0;
  const signalGroup = (sig) => { try { process.kill(-pgid, sig); } catch { /* ESRCH: gone */ } };
  signalGroup('SIGTERM');
  try {
    await waitFor(() => child.exitInfo && liveGroupMembers(pgid).length === 0, { timeoutMs: graceMs, intervalMs: 50, what: `process group ${pgid} to exit` });
  } catch {
    signalGroup('SIGKILL');
    await waitFor(() => child.exitInfo && liveGroupMembers(pgid).length === 0, { timeoutMs: killWaitMs, intervalMs: 50, what: `process group ${pgid} to die after SIGKILL` })
      .catch((e) => console.error(`warning: ${e.message}; still alive: ${liveGroupMembers(pgid).join(' ')}`));
  }
  groups.delete(pgid);
  return Date.now() - t0;
}

/** Stop our direct children (SIGTERM, then SIGKILL after graceMs). For runners that did not spawn them themselves. */
export async function stopChildren({ graceMs = 10000 } = {}) {
  const kids = liveChildren();
  for (const pid of kids) { try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ } }
  try {
    await waitFor(() => kids.every((pid) => { const s = procStat(pid); return !s || s.state === 'Z'; }), { timeoutMs: graceMs, intervalMs: 100, what: 'child processes to exit' });
  } catch {
    for (const pid of kids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
  }
}

/** Last `lines` non-empty lines of a text file ('' when unreadable). */
export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).slice(-lines).join('\n');
  } catch { return ''; }
}

/**
 * Race `promise` against an absolute deadline (ms since epoch) and an optional AbortSignal.
 * Rejects with an Error whose `timeout` is true on the deadline.
 */
export function withDeadline(promise, deadline, what, signal) {
  return new Promise((resolve, reject) => {
    const left = Math.max(0, deadline - Date.now());
    const timer = setTimeout(() => { const e = new Error(`timed out: ${what}`); e.timeout = true; reject(e); }, left);
    const onAbort = () => { clearTimeout(timer); const e = new Error(`aborted: ${what}`); e.aborted = true; reject(e); };
    if (signal) { if (signal.aborted) return onAbort(); signal.addEventListener('abort', onAbort, { once: true }); }
    promise.then(
      (v) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}
