// The real generators (5.4, 5.8) and the corpus for the generator-feature tests. Unlike the
// conformance suite, these tests FAIL when CI=true and something is missing (CI must have run
// ../shared/tools/fetch-quadlet); elsewhere they skip and print why.

import { chmodSync, writeFileSync } from 'node:fs';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { OracleVersion, oracleBinary } from '../conformance/oracle';
import { CORPUS, SHARED, corpusAvailable } from '../conformance/corpus';

export interface Oracle {
  version: OracleVersion;
  path: string;
}

const FETCH_TOOL = `${SHARED}/tools/fetch-quadlet`;

/** Registers a failing test (CI=true) or a skipped one (otherwise) when something is missing; true when all is there. */
function requireOrSkip(what: string, missing: string[]): boolean {
  if (missing.length === 0) return true;
  const reason = `${what} missing: ${missing.join(', ')} (run ${FETCH_TOOL})`;
  if (process.env.CI === 'true') it(`${what} present (CI=true)`, () => assert.fail(reason));
  else {
    console.log(`# SKIP ${reason}`);
    it(what, { skip: reason }, () => {});
  }
  return false;
}

/** Both generators, or none (with a registered skip/failure). */
export function requireOracles(): Oracle[] {
  const all = (['5.4', '5.8'] as OracleVersion[]).map((version) => ({ version, path: oracleBinary(version) }));
  const missing = all.filter((o) => !o.path).map((o) => `quadlet ${o.version}`);
  return requireOrSkip('Podman generator binaries', missing) ? all.map((o) => ({ version: o.version, path: o.path! })) : [];
}

export function requireCorpus(): boolean {
  return requireOrSkip('Podman e2e corpus', corpusAvailable() ? [] : [CORPUS]);
}

/** Writes an executable `#!/bin/sh` script (a fake generator or podman). */
export function writeScript(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
