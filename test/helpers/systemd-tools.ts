// The real tools the activator tests hold the output against: Podman's generators (5.4 and 5.8, from
// ../shared/tools/fetch-quadlet's cache) and systemd-analyze. Missing tools skip a test with a printed
// reason — except under CI=true, where a missing tool fails it (never a silent pass).

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { oracleBinary } from '../conformance/oracle';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/** execFile with an argument array and a time limit (never a shell). */
export function run(file: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 30_000, cwd: opts.cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : -1) : 0, stdout: String(stdout), stderr: String(stderr), killed: !!e?.killed });
    });
  });
}

export const ORACLES = (['5.4', '5.8'] as const).map((version) => ({ version, bin: oracleBinary(version) }));

export const SYSTEMD_ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
export const SOCKET_ACTIVATE = ['/usr/bin/systemd-socket-activate', '/bin/systemd-socket-activate'].find((p) => existsSync(p));
export const PROXYD = ['/usr/lib/systemd/systemd-socket-proxyd', '/lib/systemd/systemd-socket-proxyd'].find((p) => existsSync(p));

/** True when the tool is there; otherwise skips the test with the reason, or fails it under CI=true. */
export function need(t: TestContext, what: string, present: boolean): boolean {
  if (present) return true;
  if (process.env.CI === 'true') assert.fail(`${what} is missing; under CI=true this test must run, not skip`);
  t.skip(`${what} is missing`);
  process.stdout.write(`# skipped (${t.name}): ${what} is missing\n`);
  return false;
}

/** Runs a generator in dry-run mode on one directory (absolute), as the user's or the system's manager. */
export function quadletDryRun(bin: string, dir: string, user: boolean): Promise<Run> {
  return run(bin, ['-dryrun', ...(user ? ['-user'] : [])], { env: { PATH: '', HOME: dir, QUADLET_UNIT_DIRS: dir } });
}

/** `---name.service---` sections of a dry run. */
export function splitDryRun(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = stdout.split(/^---([^\n]+)---$/m);
  for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i], parts[i + 1].replace(/^\n/, ''));
  return out;
}

/** Lines of a dry run's stderr that report a problem (the generator logs loading lines there too). */
export function generatorProblems(stderr: string): string[] {
  return stderr.split('\n').filter((l) => /error|converting|warning|unsupported|not a fully qualified/i.test(l));
}

/** Writes units into a directory and runs `systemd-analyze verify` (system mode) on some of them, with that directory first in the unit path. */
export async function verifyUnits(dir: string, units: Record<string, string>, check: string[]): Promise<Run & { problems: string[] }> {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(units)) writeFileSync(join(dir, name), text);
  const r = await run(SYSTEMD_ANALYZE!, ['verify', '--man=no', ...check.map((n) => join(dir, n))], { env: { ...process.env, SYSTEMD_UNIT_PATH: `${dir}:`, SYSTEMD_LOG_COLOR: '0' } });
  // verify exits 0 on unknown keys and unparsable values; those are failures here too.
  const problems = (r.stdout + r.stderr).split('\n').filter((l) => /Unknown|ignoring|Failed|not found|Invalid|is not executable|bad-setting/i.test(l));
  return { ...r, problems };
}
