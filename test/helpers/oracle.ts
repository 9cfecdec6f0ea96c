// Podman's real generators (5.4 and 5.8, from ../shared/tools/fetch-quadlet) and the corpus of
// Podman's own fixtures. Tests that need them skip with a printed reason when they are missing —
// except under CI=true, where a missing binary or corpus is a failure.

import { existsSync, readFileSync, mkdtempSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'node:test';
import assert from 'node:assert/strict';

export interface Oracle {
  /** "5.4" or "5.8". */
  version: string;
  path: string;
}

const REPO = resolve(__dirname, '../../..');
const CACHE = process.env.QUADLET_CACHE ?? join(homedir(), '.cache/quadlet-oracle');
export const FETCH_TOOL = resolve(REPO, '../shared/tools/fetch-quadlet');
export const CORPUS = process.env.QUADLET_CORPUS ?? resolve(REPO, '../shared/corpus/podman-e2e');
const IN_CI = process.env.CI === 'true';

export function oracles(): Oracle[] {
  return ['5.4', '5.8'].map((version) => ({ version, path: join(CACHE, `podman-${version}`, 'quadlet') })).filter((o) => existsSync(o.path));
}

export function missingOracles(): string[] {
  const found = new Set(oracles().map((o) => o.version));
  return ['5.4', '5.8'].filter((v) => !found.has(v));
}

/**
 * Registers a test that fails in CI and otherwise skips (printing why) when something needed is
 * missing; returns true when everything is there.
 */
export function requireOrSkip(what: string, missing: string[]): boolean {
  if (missing.length === 0) return true;
  const reason = `${what} missing: ${missing.join(', ')} (run ${FETCH_TOOL}; cache ${CACHE})`;
  if (IN_CI) it(`${what} present (CI=true)`, () => assert.fail(reason));
  else {
    console.log(`# SKIP ${reason}`);
    it(`${what}`, { skip: reason }, () => {});
  }
  return false;
}

export function requireOracles(): Oracle[] {
  return requireOrSkip('Podman generator binaries', missingOracles().map((v) => `quadlet ${v}`)) ? oracles() : [];
}

export function requireCorpus(): boolean {
  return requireOrSkip('Podman e2e corpus', existsSync(join(CORPUS, 'MANIFEST.tsv')) ? [] : [CORPUS]);
}

export interface ManifestRow {
  file: string;
  status54: string;
  message54: string;
  status58: string;
  message58: string;
  companions: string[];
}

export function readManifest(): ManifestRow[] {
  const [header, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trimEnd().split('\n');
  const cols = header.split('\t');
  const at = (r: string[], name: string) => r[cols.indexOf(name)] ?? '';
  return rows.map((line) => {
    const r = line.split('\t');
    return {
      file: at(r, 'file'),
      status54: at(r, 'quadlet_5_4_2'),
      message54: at(r, 'stderr_message'),
      status58: at(r, 'quadlet_5_8_6'),
      message58: at(r, 'stderr_message_5_8_6'),
      companions: at(r, 'companions_used').split(',').filter(Boolean),
    };
  });
}

/** A fresh temp directory and its removal. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes an executable `#!/bin/sh` script (a fake generator or podman). */
export function writeScript(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}
