// Helpers for the conformance test against Podman's own quadlet fixtures
// (`../shared/corpus/podman-e2e`, labelled by the real 5.4.2 and 5.8.6 generators in MANIFEST.tsv).
// Each fixture is staged alone in a temp dir with the companions and drop-in dirs the labelling run
// had, then analysed through the CLI's own loader (`loadWorkspace`), as `quadlet-ls check DIR` would.

import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { loadWorkspace } from '../../server/src/cli/load';
import { Diagnostic } from '../../server/src/syntax/diagnostic';
import { dropinDirNames } from '../../server/src/workspace/dropins';

export type Verdict = 'ok' | 'fail' | 'crash' | 'ignored';

export interface ManifestRow {
  /** Path inside the corpus ("basic.container", "test_subdir/sub_one/mysleep_1.container"). */
  file: string;
  companions: string[];
  /** The labelling run scanned a whole sub-directory ("test_subdir/ (recursive scan)"). */
  recursiveDir?: string;
  verdict: Record<'5.4' | '5.8', Verdict>;
  message: Record<'5.4' | '5.8', string>;
  note: string;
}

/** The repository root: compiled tests live in out/test/conformance. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SHARED = resolve(REPO_ROOT, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus', 'podman-e2e');

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS, 'MANIFEST.tsv'));
}

function asVerdict(v: string, row: string): Verdict {
  if (v === 'ok' || v === 'fail' || v === 'crash' || v === 'ignored') return v;
  throw new Error(`MANIFEST.tsv: unknown verdict "${v}" for ${row}`);
}

export function readManifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv: no column ${name}`);
    return i;
  };
  const [file, v54, m54, v58, m58, companions, note] = ['file', 'quadlet_5_4_2', 'stderr_message', 'quadlet_5_8_6', 'stderr_message_5_8_6', 'companions_used', 'note'].map(col);
  return lines.map((line) => {
    const f = line.split('\t');
    const comp = (f[companions] ?? '').trim();
    const recursive = /^(\S+\/) \(recursive scan\)$/.exec(comp);
    return {
      file: f[file],
      companions: recursive || comp === '' ? [] : comp.split(',').map((c) => c.trim()),
      recursiveDir: recursive?.[1].replace(/\/$/, ''),
      verdict: { '5.4': asVerdict(f[v54], f[file]), '5.8': asVerdict(f[v58], f[file]) },
      message: { '5.4': f[m54] ?? '', '5.8': f[m58] ?? '' },
      note: f[note] ?? '',
    };
  });
}

/** Drop-in directories of the corpus that Podman would apply to `fileName` (`NAME.d`, `tmpl@.d`, …). */
function dropinDirsFor(fileName: string): string[] {
  return dropinDirNames(fileName)
    .map((n) => `${n}.d`)
    .filter((d) => existsSync(join(CORPUS, d)) && statSync(join(CORPUS, d)).isDirectory());
}

export interface StagedFixture {
  dir: string;
  /** Absolute path of the fixture inside `dir`. */
  path: string;
  cleanup(): void;
}

/** Copies the fixture, its companions and its drop-in dirs into a fresh temp dir. */
export function stageFixture(row: ManifestRow): StagedFixture {
  const dir = mkdtempSync(join(tmpdir(), 'quadlet-conformance-'));
  const copy = (rel: string) => cpSync(join(CORPUS, rel), join(dir, rel), { recursive: true });
  if (row.recursiveDir) copy(row.recursiveDir);
  else copy(row.file);
  for (const c of row.companions) copy(c);
  for (const name of new Set([row.file, ...row.companions].map((f) => basename(f)))) {
    for (const d of dropinDirsFor(name)) if (!existsSync(join(dir, d))) copy(d);
  }
  return { dir, path: join(dir, row.file), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Analyses a staged dir the way `quadlet-ls check --podman-version V DIR` does. */
export async function analyseDir(dir: string, podmanVersion: string): Promise<Diagnostic[]> {
  const ws = await loadWorkspace([dir], { podmanVersion });
  if (ws.errors.length) throw new Error(`loading ${dir}: ${ws.errors.join('; ')}`);
  return ws.analysis.allDiagnostics();
}

/** Files directly in the corpus that are not fixtures (used to check the manifest covers them all). */
export function corpusUnitFiles(): string[] {
  return readdirSync(CORPUS).filter((n) => statSync(join(CORPUS, n)).isFile() && !['MANIFEST.tsv', 'SOURCE.txt'].includes(n));
}

export function relativeToStage(stage: StagedFixture, file: string): string {
  return file.startsWith(stage.dir + '/') ? file.slice(stage.dir.length + 1) : basename(dirname(file)) + '/' + basename(file);
}
