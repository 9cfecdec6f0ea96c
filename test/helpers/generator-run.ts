// Runs Podman's real quadlet generator (the oracle) on a directory and normalises all it prints
// (units included; test/conformance/oracle.ts looks at verdicts only),
// so that two runs can be compared: the generator's flag order is random between runs (Go maps,
// docs/generator-facts.md §1.3) and the unit order inside one rank is not stable (§10).

import { execFile } from 'node:child_process';

export interface OracleRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runGenerator(bin: string, dir: string, user = true): Promise<OracleRun> {
  return new Promise((resolve) => {
    execFile(bin, user ? ['-dryrun', '-user'] : ['-dryrun'], { env: { PATH: '', HOME: dir, QUADLET_UNIT_DIRS: dir }, timeout: 20_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? Number((err as { code: number }).code) : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Order-insensitive form: lines with their words sorted, then the lines sorted; paths and line numbers masked. */
export function normaliseRun(run: OracleRun, dir: string): string {
  const mask = (s: string) => s.split(dir).join('<dir>');
  const stdout = mask(run.stdout)
    .split('\n')
    .map((l) => l.trim().split(/\s+/).sort().join(' '))
    .filter(Boolean)
    .sort();
  let stderr = mask(run.stderr)
    .split('\n')
    .map((l) => l.replace(/^quadlet-generator\[\d+\]: /, '').trim())
    .filter((l) => l && !l.startsWith('Loading source'))
    // A parse error names the physical line; formatting may move it (blank lines), not change it.
    .map((l) => l.replace(/line \d+:/g, 'line N:'));
  // A Go panic (5.4.2) prints a stack trace with addresses that differ on every run.
  const panic = stderr.findIndex((l) => l.startsWith('panic:'));
  if (panic !== -1) stderr = stderr.slice(0, panic + 1);
  return JSON.stringify({ code: run.code, stdout, stderr: stderr.sort() }, null, 1);
}
