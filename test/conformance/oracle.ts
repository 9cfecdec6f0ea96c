// The real quadlet generators as a test oracle: the binaries `../shared/tools/fetch-quadlet` caches
// (CI runs it before the tests). Tests never download; without the binaries they skip and say so.

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export type OracleVersion = '5.4' | '5.8';

export function oracleBinary(version: OracleVersion): string | undefined {
  const cache = process.env.QUADLET_CACHE || join(homedir(), '.cache', 'quadlet-oracle');
  const bin = join(cache, `podman-${version}`, 'quadlet');
  return existsSync(bin) ? bin : undefined;
}

export interface OracleRun {
  verdict: 'ok' | 'fail' | 'crash';
  stderr: string;
}

/** Writes `files` into a fresh dir and runs `quadlet -dryrun -user` on it (no shell, time-limited). */
export function runOracle(bin: string, files: Record<string, string>): Promise<OracleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'quadlet-oracle-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return new Promise((resolve, reject) => {
    execFile(bin, ['-dryrun', '-user'], { env: { PATH: '', HOME: dir, QUADLET_UNIT_DIRS: dir }, timeout: 15000 }, (err, _stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const code = err ? err.code : 0;
      if (typeof code !== 'number') return reject(err);
      resolve({ verdict: code === 0 ? 'ok' : code === 2 ? 'crash' : 'fail', stderr });
    });
  });
}
